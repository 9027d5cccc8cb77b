template --lang zh --rubric rubrics/nanguo-xinjiayuan --period 2023-10 --text
