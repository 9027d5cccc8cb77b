template --lang en --rubric tests/golden/rubric-test/consequences --period 2024-01 --text
