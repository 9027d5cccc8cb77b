explain --rubric rubrics/xinglong-bank --units examples/xinglong/units.csv --people examples/xinglong/people.csv --events examples/xinglong/events.csv --unit x1 --period 2024-Q3
