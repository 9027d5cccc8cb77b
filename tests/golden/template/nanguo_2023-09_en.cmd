template --lang en --rubric rubrics/nanguo-xinjiayuan --period 2023-10 --text
