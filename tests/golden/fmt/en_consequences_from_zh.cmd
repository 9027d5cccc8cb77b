fmt --surface en tests/golden/rubric-test/consequences_zh/2024-01.rubric
