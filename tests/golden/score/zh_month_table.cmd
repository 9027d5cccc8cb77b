score --lang zh --rubric rubrics/nanguo-xinjiayuan --units examples/nanguo/units.csv --people examples/nanguo/people.csv --events examples/nanguo/events.csv --month 2023-10
