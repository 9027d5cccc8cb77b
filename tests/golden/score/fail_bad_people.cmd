score --rubric rubrics/nanguo-xinjiayuan --units examples/nanguo/units.csv --people tests/golden/score/data/people-bad.csv --events examples/nanguo/events.csv --month 2023-10
