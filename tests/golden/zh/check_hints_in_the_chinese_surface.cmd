check --lang zh tests/golden/check/fail_R2004_R2021_hints_zh.rubric
