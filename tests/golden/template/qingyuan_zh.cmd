template --lang zh --rubric rubrics/qingyuan-dorm --period 2024-W40 --text
