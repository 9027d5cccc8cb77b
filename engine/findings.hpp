// Problems found in event and roster data are structured findings with a stable code, never
// exceptions: the CLI decides how to show them and which exit code they mean.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace rubric::engine {

enum class finding_code {
  io_error,            // E1000 a file cannot be opened or read
  bad_encoding,        // E1001 the file is not UTF-8 (GB18030, UTF-16, ...)
  malformed_row,       // E1002 CSV quoting or cell count, malformed JSON
  bad_header,          // E1003 missing, duplicate or unknown columns
  bad_date,            // E1004 a date that is not YYYY-MM-DD or not in the calendar
  unknown_unit,        // E1005 a unit that is not on the roster
  unknown_kind,        // E1006 an event kind the version in force does not declare
  foreign_attribute,   // E1007 a value for an attribute the row's kind does not have
  missing_attribute,   // E1008 a required attribute is absent
  bad_value,           // E1009 a value of the wrong type, not a choice, or out of bounds
  unknown_person,      // E1010 a person who is not on the roster
  not_scored,          // E1011 (warning) an event before the first version takes effect
  bad_roster,          // E1012 duplicate units or people, unknown roles
  too_long,            // E1013 a row longer than the reader accepts
  arithmetic,          // E1014 a total beyond the exact range of points
  unterminated_quote,  // E1015 a quoted cell never closed: the rest of the file cannot be read
  amount_out_of_range, // E1016 a recorded amount outside the range its rule allows
  empty_period,        // E1027 a period in which no event was recorded for any unit
};

const char* code_of(finding_code code);
bool is_warning(finding_code code);
// A fatal finding withholds all results, even with --rejects: data was lost or cannot be trusted.
bool is_fatal(finding_code code);
// A rejected row: with --rejects the run goes on without it.
bool is_row_problem(finding_code code);

struct finding {
  finding_code code;
  std::string file;          // as given on the command line
  std::uint64_t line = 0;    // 1-based; 0 when the finding is about the whole file
  std::uint32_t column = 0;  // 1-based, in characters; 0 when unknown
  std::string message;
  std::string row;           // the row's text, for --rejects; may be empty
};

}  // namespace rubric::engine
