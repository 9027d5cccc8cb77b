fmt --surface zh tests/golden/rubric-test/consequences/2024-01.rubric
