test tests/golden/rubric-test/bad_years
