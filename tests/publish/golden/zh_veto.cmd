--rubric rubrics/nanguo-xinjiayuan --units examples/nanguo-zh/units.csv --people examples/nanguo-zh/people.csv --events examples/nanguo-zh/events.csv --period 2023-09 --published 2023-10-03
units/4-3/2023-09.html
