--rubric tests/golden/rubric-test/consequences_zh --units tests/golden/score/data/consequences-units.csv --people tests/golden/score/data/people-none.csv --events tests/golden/score/data/consequences-events.csv --period 2024-01 --published 2024-02-01
index.html
units/B/2024-01.html
