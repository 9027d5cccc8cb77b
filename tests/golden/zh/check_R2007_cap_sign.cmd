check --lang zh tests/golden/check/fail_R2007_cap_sign.rubric
