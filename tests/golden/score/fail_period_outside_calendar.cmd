score --rubric rubrics/lanting-hoa --units examples/lanting/units.csv --people examples/lanting/people.csv --events examples/lanting/events.csv --period 0000-01
