// Rubric tests: small, hand-written cases beside a rubric (DIR/tests/*.test) that pin down what
// each rule and each amendment must do. Format: docs/rubric-tests.md.
#pragma once

#include <ostream>
#include <string>

namespace rubric::engine {

struct test_summary {
  std::size_t passed = 0, failed = 0, errors = 0;  // errors: test files that cannot be read or run
};

// Runs every test of the rubric folder `dir`, writing PASS/FAIL lines, each failure with the
// expected and actual values and the explanation of the actual, and a closing count.
test_summary run_rubric_tests(const std::string& dir, std::ostream& out);

}  // namespace rubric::engine
