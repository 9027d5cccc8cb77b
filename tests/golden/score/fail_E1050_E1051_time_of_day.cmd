score --rubric tests/golden/rubric-test/time_of_day --units tests/golden/score/data/time/units.csv --people tests/golden/score/data/time/people.csv --events tests/golden/score/data/time/events.csv --month 2024-10 --rejects {tmp}/rejects.csv
then cat rejects.csv
