diff rubrics/nanguo-xinjiayuan/2023-09.rubric rubrics/nanguo-xinjiayuan/en/2023-09.rubric
