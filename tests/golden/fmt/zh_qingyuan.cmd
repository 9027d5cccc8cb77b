fmt --surface zh rubrics/qingyuan-dorm/2024-09.rubric
