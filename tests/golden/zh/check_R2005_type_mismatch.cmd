check --lang zh tests/golden/check/fail_R2005_type_mismatch.rubric
