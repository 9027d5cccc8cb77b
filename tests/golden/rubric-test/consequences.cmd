test tests/golden/rubric-test/consequences
