score --rubric rubrics/nanguo-xinjiayuan --units examples/nanguo/units.csv --people examples/nanguo/people.csv --events examples/nanguo/events-bad.csv --month 2023-10 --format csv --rejects {tmp}/rejects.csv
then cat rejects.csv
