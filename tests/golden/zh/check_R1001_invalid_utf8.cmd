check --lang zh tests/golden/check/fail_R1001_invalid_utf8.rubric
