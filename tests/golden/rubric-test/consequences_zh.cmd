test tests/golden/rubric-test/consequences_zh
