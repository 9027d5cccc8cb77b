explain --rubric rubrics/nanguo-xinjiayuan/no-such.rubric --units examples/nanguo/units.csv --people examples/nanguo/people.csv --events examples/nanguo/events.csv --unit 1-1 --year 2023
