fmt --surface zh tests/golden/fmt/reserved_name.rubric
