check --lang zh tests/golden/check/fail_R2003_unknown_enum_value.rubric
