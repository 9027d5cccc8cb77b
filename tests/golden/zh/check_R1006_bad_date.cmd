check --lang zh tests/golden/check/fail_R1006_bad_date.rubric
