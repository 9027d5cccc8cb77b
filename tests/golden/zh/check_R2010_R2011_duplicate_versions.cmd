check --lang zh tests/golden/check/fail_R2010_R2011_duplicate_versions
