test --lang zh tests/golden/rubric-test/zh_bad_checks
