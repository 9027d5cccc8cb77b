check --lang zh tests/golden/check/warn_R2012_schema_narrowed
