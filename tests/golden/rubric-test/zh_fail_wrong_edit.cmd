test --lang zh tests/golden/rubric-test/wrong_edit
