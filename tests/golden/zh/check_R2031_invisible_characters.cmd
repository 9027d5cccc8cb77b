check --lang zh tests/golden/check/warn_R2031_invisible_characters.rubric
