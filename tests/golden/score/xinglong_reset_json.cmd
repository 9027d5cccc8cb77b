score --rubric rubrics/xinglong-bank --units examples/xinglong/units.csv --people examples/xinglong/people.csv --events examples/xinglong/events.csv --period 2025-Q1 --allow-empty --format json
