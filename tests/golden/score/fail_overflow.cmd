score --rubric tests/golden/score/data/overflow --units examples/nanguo/units.csv --people tests/golden/score/data/people-none.csv --events tests/golden/score/data/events-overflow.csv --month 2023-10
