explain --rubric rubrics/lanting-hoa --units examples/lanting/units.csv --people examples/lanting/people.csv --events tests/golden/explain/data/lanting-budget.csv --unit a-102 --month 2024-04
