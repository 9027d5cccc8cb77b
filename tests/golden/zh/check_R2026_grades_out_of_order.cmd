check --lang zh tests/golden/check/fail_R2026_grades_out_of_order.rubric
