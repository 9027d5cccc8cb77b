template --lang zh --rubric rubrics/nanguo-xinjiayuan --period 2023-03 --text
