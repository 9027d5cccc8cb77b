score --rubric rubrics/nanguo-xinjiayuan --units tests/golden/score/data/injection/units.csv --people tests/golden/score/data/injection/people.csv --events tests/golden/score/data/injection/events.csv --events tests/golden/score/data/injection/events-bad.csv --month 2023-10 --format csv --rejects {tmp}/rejects.csv
then cat rejects.csv
