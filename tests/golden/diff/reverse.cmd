diff rubrics/nanguo-xinjiayuan/2023-09.rubric rubrics/nanguo-xinjiayuan/2023-04.rubric
