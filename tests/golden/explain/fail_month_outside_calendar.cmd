explain --rubric rubrics/lanting-hoa --units examples/lanting/units.csv --people examples/lanting/people.csv --events examples/lanting/events.csv --unit a-101 --month 99999-01
