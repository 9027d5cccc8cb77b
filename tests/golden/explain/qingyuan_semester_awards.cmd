explain --rubric rubrics/qingyuan-dorm --units examples/qingyuan/units.csv --people examples/qingyuan/people.csv --events examples/qingyuan/events.csv --unit r102 --year 2024
