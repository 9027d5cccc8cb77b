fmt --surface zh tests/golden/rubric-test/time_of_day/2024-10.rubric
