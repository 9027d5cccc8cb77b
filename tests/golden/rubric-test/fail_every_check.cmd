test tests/golden/rubric-test/every_check
