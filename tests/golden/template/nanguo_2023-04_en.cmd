template --lang en --rubric rubrics/nanguo-xinjiayuan/en --period 2023-05 --text
