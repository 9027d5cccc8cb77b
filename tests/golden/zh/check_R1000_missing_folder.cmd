check --lang zh rubrics/no-such-rubric
