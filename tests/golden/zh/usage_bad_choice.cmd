check --lang zh --format xml rubrics/nanguo-xinjiayuan
