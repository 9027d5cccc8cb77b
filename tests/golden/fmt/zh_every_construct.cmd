fmt --surface zh tests/golden/fmt/every_construct.rubric
