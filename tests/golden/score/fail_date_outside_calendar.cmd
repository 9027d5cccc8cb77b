score --rubric rubrics/lanting-hoa --units examples/lanting/units.csv --people examples/lanting/people.csv --events tests/golden/score/data/lanting-year-zero.csv --month 2024-03
