fmt --surface fr rubrics/lanting-hoa/2024-01.rubric
