diff tests/golden/diff/small/base.rubric tests/golden/diff/small/renamed.rubric
