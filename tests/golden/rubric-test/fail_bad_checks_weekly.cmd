test tests/golden/rubric-test/bad_checks_weekly
