score --rubric rubrics/heping-village --units examples/heping/units.csv --people examples/heping/people.csv --events examples/heping/events.csv --year 2024 --format json
