score --rubric tests/golden/check/fail_R2001_unknown_kind.rubric --units examples/nanguo/units.csv --people examples/nanguo/people.csv --events examples/nanguo/events.csv --month 2023-10
