check --lang zh rubrics/nanguo-xinjiayuan
