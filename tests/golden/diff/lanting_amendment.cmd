diff rubrics/lanting-hoa/2024-01.rubric tests/golden/impact/data/lanting-2024-07.rubric
