test tests/golden/rubric-test/wrong_edit
