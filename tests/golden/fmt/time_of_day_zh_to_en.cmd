fmt --surface en tests/golden/rubric-test/time_of_day_zh/2024-10.rubric
