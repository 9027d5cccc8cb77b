--rubric rubrics/nanguo-xinjiayuan/en --units examples/nanguo/units.csv --people examples/nanguo/people.csv --events examples/nanguo/events.csv --period 2023-11 --published 2023-12-02
index.html
units/3-2/2023-11.html
rubric.html
