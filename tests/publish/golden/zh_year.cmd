--rubric rubrics/nanguo-xinjiayuan --units examples/nanguo-zh/units.csv --people examples/nanguo-zh/people.csv --events examples/nanguo-zh/events.csv --year 2023 --published 2024-01-05
index.html
2023-12.html
