explain --rubric rubrics/nanguo-xinjiayuan --units examples/nanguo/units.csv --people examples/nanguo/people.csv --events examples/nanguo/events.jsonl --unit 1-2 --month 2023-10
