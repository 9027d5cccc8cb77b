score --rubric rubrics/nanguo-xinjiayuan --units tests/golden/score/data/labels/units-typo.csv --people examples/nanguo-zh/people.csv --events examples/nanguo-zh/events.csv --month 2023-10
