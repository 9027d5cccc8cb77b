test rubrics/nanguo-xinjiayuan
