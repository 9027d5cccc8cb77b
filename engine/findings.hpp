// Problems found in event and roster data are structured findings with a stable code, never
// exceptions: the CLI decides how to show them and which exit code they mean.
#pragma once

#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <ostream>
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
  duplicate_key,       // E1020 a JSON Lines object gives a key twice
  identical_files,     // E1021 the same events file (same content) given twice
  not_a_file,          // E1022 a FIFO, directory or device where a file is expected
  empty_period,        // E1027 a period in which no event was recorded for any unit
  read_as_encoding,    // E1030 (note) a file that is not UTF-8 was read as GB18030 or UTF-16
  overdrawn,           // E1055 a redemption that would take a balance below what must stay in it
  bad_time,            // E1050 a time of day after the date that cannot be read (25:00, 7.30)
  missing_time,        // E1051 no time of day for an event a time condition tests
};

const char* code_of(finding_code code);
bool is_warning(finding_code code);
// A note says how a file was read; it is no problem: it changes neither results nor the exit code.
bool is_note(finding_code code);
// A fatal finding withholds all results, even with --rejects: data was lost or cannot be trusted.
bool is_fatal(finding_code code);
// A rejected row: with --rejects the run goes on without it.
bool is_row_problem(finding_code code);
// The command was given files it cannot use (missing, unreadable, not a file, the same twice):
// misuse, exit 2, rather than an error in the data.
bool is_usage_problem(finding_code code);

struct finding {
  finding_code code;
  std::string file;          // as given on the command line
  std::uint64_t line = 0;    // 1-based; 0 when the finding is about the whole file
  std::uint32_t column = 0;  // 1-based, in characters; 0 when unknown
  std::string message;
  std::string row;           // the row's text, for --rejects; may be empty
  // In a workbook: the cell as staff see it, `events.xlsx[10月]!C14`, shown instead of
  // file:line:column; `sheet` (from 1) keeps a workbook's findings in the order of its sheets.
  std::string place = {};
  std::uint32_t sheet = 0;
};

// Of each file, the first findings are kept in full (and shown); the rest are only counted, so
// memory does not grow with the number of bad rows. --rejects still receives every row.
constexpr std::size_t kept_findings_per_file = 100;
struct unshown_findings {
  std::uint64_t errors = 0, warnings = 0;
};
using unshown_by_file = std::map<std::string, unshown_findings>;

// Where rejected rows are written as they are found (--rejects): a stream, or a temporary file
// whose text is copied to the stream later (a thread reading a later part of a file).
class rejects_output {
 public:
  explicit rejects_output(std::ostream* out) : out_(out) {}
  static std::unique_ptr<rejects_output> temporary();
  ~rejects_output();
  rejects_output(const rejects_output&) = delete;
  rejects_output& operator=(const rejects_output&) = delete;

  void write(const finding& rejected);
  // Appends what a temporary output holds.
  void append(rejects_output& temporary);

 private:
  rejects_output() = default;
  std::ostream* out_ = nullptr;
  std::FILE* spill_ = nullptr;
  std::string line_;
};

}  // namespace rubric::engine
