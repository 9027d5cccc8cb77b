fmt --surface zh rubrics/lanting-hoa/2024-01.rubric
