score --rubric rubrics/nanguo-xinjiayuan --units examples/nanguo-zh/units.csv --people tests/golden/score/data/labels/people-typo.csv --events examples/nanguo-zh/events.csv --month 2023-10
