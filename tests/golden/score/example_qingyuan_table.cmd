score --rubric rubrics/qingyuan-dorm --units examples/qingyuan/units.csv --people examples/qingyuan/people.csv --events examples/qingyuan/events.csv --year 2024
