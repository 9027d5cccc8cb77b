score --lang zh --rubric rubrics/nanguo-xinjiayuan --units examples/nanguo/units.csv --people examples/nanguo/people.csv --events tests/golden/score/data/events-gb18030.csv --month 2023-10
