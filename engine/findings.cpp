#include "engine/findings.hpp"

namespace rubric::engine {

const char* code_of(finding_code code) {
  switch (code) {
    case finding_code::io_error: return "E1000";
    case finding_code::bad_encoding: return "E1001";
    case finding_code::malformed_row: return "E1002";
    case finding_code::bad_header: return "E1003";
    case finding_code::bad_date: return "E1004";
    case finding_code::unknown_unit: return "E1005";
    case finding_code::unknown_kind: return "E1006";
    case finding_code::foreign_attribute: return "E1007";
    case finding_code::missing_attribute: return "E1008";
    case finding_code::bad_value: return "E1009";
    case finding_code::unknown_person: return "E1010";
    case finding_code::not_scored: return "E1011";
    case finding_code::bad_roster: return "E1012";
    case finding_code::too_long: return "E1013";
    case finding_code::arithmetic: return "E1014";
    case finding_code::unterminated_quote: return "E1015";
    case finding_code::amount_out_of_range: return "E1016";
    case finding_code::duplicate_key: return "E1020";
    case finding_code::identical_files: return "E1021";
    case finding_code::not_a_file: return "E1022";
    case finding_code::empty_period: return "E1027";
    case finding_code::read_as_encoding: return "E1030";
    case finding_code::overdrawn: return "E1055";
    case finding_code::bad_time: return "E1050";
    case finding_code::missing_time: return "E1051";
  }
  return "E1000";
}

bool is_warning(finding_code code) { return code == finding_code::not_scored; }

bool is_fatal(finding_code code) {
  switch (code) {
    case finding_code::io_error:
    case finding_code::bad_encoding:
    case finding_code::bad_header:
    case finding_code::bad_roster:
    case finding_code::arithmetic:
    case finding_code::unterminated_quote:
    case finding_code::identical_files:
    case finding_code::not_a_file:

    case finding_code::empty_period: return true;
    default: return false;
  }
}

bool is_note(finding_code code) { return code == finding_code::read_as_encoding; }

bool is_row_problem(finding_code code) { return !is_fatal(code) && !is_warning(code) && !is_note(code); }

bool is_usage_problem(finding_code code) {
  return code == finding_code::io_error || code == finding_code::identical_files || code == finding_code::not_a_file;
}

}  // namespace rubric::engine
