fmt --surface zh rubrics/heping-village/2024-01.rubric
