diff rubrics/nanguo-xinjiayuan/2023-04.rubric rubrics/nanguo-xinjiayuan/no-such.rubric
