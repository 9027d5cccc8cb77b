check --lang zh tests/golden/check/fail_R1003_unknown_clause.rubric
