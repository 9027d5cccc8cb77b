fmt --lang zh --check --write rubrics/nanguo-xinjiayuan/2023-09.rubric
