check tests/golden/check/no-such-file.rubric
