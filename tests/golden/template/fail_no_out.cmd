template --rubric rubrics/nanguo-xinjiayuan --period 2023-10
