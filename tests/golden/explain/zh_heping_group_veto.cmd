explain --lang zh --rubric rubrics/heping-village --units examples/heping/units.csv --people examples/heping/people.csv --events examples/heping/events.csv --unit h23 --period 2024-Q4
