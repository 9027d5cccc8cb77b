check rubrics/nanguo-xinjiayuan
