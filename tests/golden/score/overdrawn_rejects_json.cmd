score --rubric rubrics/xinglong-bank --units examples/xinglong/units.csv --people examples/xinglong/people.csv --events tests/golden/score/data/xinglong-events-overdrawn.csv --period 2024-Q2 --rejects {tmp}/rejects.csv --format json
then cat rejects.csv
