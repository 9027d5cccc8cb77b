diff --lang zh tests/golden/diff/small-zh/base.rubric tests/golden/diff/small-zh/caps_amounts.rubric
