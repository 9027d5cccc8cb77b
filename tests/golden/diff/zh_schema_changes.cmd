diff --lang zh rubrics/nanguo-xinjiayuan/2023-09.rubric tests/golden/diff/2023-09-schema.rubric
