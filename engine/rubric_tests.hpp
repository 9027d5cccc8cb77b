// Rubric tests: small, hand-written cases beside a rubric (DIR/tests/*.test) that pin down what
// each rule and each amendment must do. Format: docs/rubric-tests.md.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace rubric::engine {

struct test_summary {
  std::size_t passed = 0, failed = 0, errors = 0;  // errors: test files that cannot be read or run
};

// Runs every test of the rubric folder `dir`, writing PASS/FAIL lines, each failure with the
// expected and actual values and the explanation of the actual, and a closing count.
test_summary run_rubric_tests(const std::string& dir, std::ostream& out);

// What an `expect` line names: a unit's scoring period, a unit's awards window, or a role
// holder's awards window. Each check word is valid at some of them only.
enum class check_level { period, awards, person };

struct check_word {
  std::string_view word;
  check_level level;
  std::string_view value;  // how its value is written ("N", "\"LABEL\"", "A=N"); empty for a flag
  std::string_view zh_word;  // the same check in a test file written in Chinese (`得分` for `score`)
};

// Every check word at every level that accepts it, in the order the documentation lists them:
// the table the test runner parses and compares by.
std::vector<check_word> check_words();

// The checks of one level as a list for messages and help: `score N, deductions N, ...`, or
// with `chinese` as a test file written in Chinese has them: `得分 N, 扣分次数 N, ...`.
std::string check_list(check_level level, bool chinese = false);

}  // namespace rubric::engine
