diff rubrics/nanguo-xinjiayuan/2023-09.rubric tests/golden/check/fail_R2001_unknown_kind.rubric
