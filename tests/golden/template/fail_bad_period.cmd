template --lang zh --rubric rubrics/nanguo-xinjiayuan --period 2023-13 --text
