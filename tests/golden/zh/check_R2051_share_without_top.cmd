check --lang zh tests/golden/check/fail_R2051_share_without_top.rubric
