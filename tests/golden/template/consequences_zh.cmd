template --lang zh --rubric tests/golden/rubric-test/consequences_zh --period 2024-01 --text
