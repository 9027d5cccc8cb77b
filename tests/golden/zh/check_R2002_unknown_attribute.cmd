check --lang zh tests/golden/check/fail_R2002_unknown_attribute.rubric
