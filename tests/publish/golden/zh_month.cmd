--rubric rubrics/nanguo-xinjiayuan --units examples/nanguo-zh/units.csv --people examples/nanguo-zh/people.csv --events examples/nanguo-zh/events.csv --period 2023-11 --published 2023-12-02
index.html
units/3-2/2023-11.html
rubric.html
