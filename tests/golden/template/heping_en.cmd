template --lang en --rubric rubrics/heping-village --period 2024-Q2 --text
