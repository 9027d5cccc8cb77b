explain --lang zh --rubric rubrics/nanguo-xinjiayuan --units examples/nanguo/units.csv --people examples/nanguo/people.csv --events examples/nanguo/events.csv --unit 1-1 --month 2023-04
