score --rubric rubrics/xinglong-bank --units examples/xinglong/units.csv --people examples/xinglong/people.csv --events examples/xinglong/events.csv --year 2024
