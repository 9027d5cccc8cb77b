score --rubric rubrics/nanguo-xinjiayuan --units examples/nanguo/units.csv --people examples/nanguo/people.csv --events tests/golden/score/data/events-utf16.csv --encoding gb18030 --month 2023-10
