fmt rubrics/nanguo-xinjiayuan/no-such.rubric
