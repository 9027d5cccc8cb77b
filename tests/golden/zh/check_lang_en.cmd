check --lang en tests/golden/check/fail_R2001_unknown_kind.rubric
