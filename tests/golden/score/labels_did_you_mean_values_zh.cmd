score --lang zh --rubric rubrics/nanguo-xinjiayuan --units examples/nanguo-zh/units.csv --people examples/nanguo-zh/people.csv --events tests/golden/score/data/labels/typos.csv --month 2023-10
