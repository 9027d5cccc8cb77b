test tests/golden/rubric-test/calendar_range
