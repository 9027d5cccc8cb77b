template --lang zh --rubric rubrics/lanting-hoa --period 2024-03 --text
