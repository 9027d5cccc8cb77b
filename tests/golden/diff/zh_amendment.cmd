diff --lang zh rubrics/nanguo-xinjiayuan/2023-04.rubric rubrics/nanguo-xinjiayuan/2023-09.rubric
