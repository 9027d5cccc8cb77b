check --format json rubrics/no-such-rubric
