explain --rubric rubrics/heping-village --units examples/heping/units.csv --people examples/heping/people.csv --events examples/heping/events.csv --unit h32 --year 2024
