test tests/golden/rubric-test/no-such-folder
