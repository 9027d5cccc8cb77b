explain --lang zh --rubric rubrics/lanting-hoa --units examples/lanting/units.csv --people examples/lanting/people.csv --events examples/lanting/events.csv --unit b-202 --month 2024-04
