test tests/golden/rubric-test/time_of_day_zh
