test --lang zh rubrics/nanguo-xinjiayuan
