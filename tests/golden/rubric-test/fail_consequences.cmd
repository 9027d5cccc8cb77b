test tests/golden/rubric-test/fail_consequences
