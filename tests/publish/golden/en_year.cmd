--rubric rubrics/nanguo-xinjiayuan/en --units examples/nanguo/units.csv --people examples/nanguo/people.csv --events examples/nanguo/events.csv --year 2023 --published 2024-01-05
index.html
