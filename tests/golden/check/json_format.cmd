check --format json tests/golden/check/fail_R2001_unknown_kind.rubric tests/golden/check/warn_R2021_unused_area.rubric
