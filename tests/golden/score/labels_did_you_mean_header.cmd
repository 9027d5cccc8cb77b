score --rubric rubrics/nanguo-xinjiayuan --units examples/nanguo-zh/units.csv --people examples/nanguo-zh/people.csv --events tests/golden/score/data/labels/header-typo.csv --month 2023-10
