// `rubric template`: the workbook the staff fill in for one period, from the version in force on
// the period's first day. An events sheet (date, unit, kind and the version's attributes, with
// drop-down lists and bounds), the version's rules in plain words (lang/describe.hpp) and the
// kinds with what to record. The layout is computed first (`template_layout`, tested on its own),
// then written with libxlsxwriter.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/findings.hpp"
#include "lang/calendar.hpp"
#include "lang/decimal.hpp"
#include "lang/describe.hpp"
#include "lang/load.hpp"

namespace rubric::engine {

struct template_request {
  std::string rubric;  // a rubric folder (or one .rubric file)
  std::string period;  // as written: "2024-01", "2024-W03"
  std::string units, people;  // optional rosters: the unit and person drop-down lists
};

// One column of the events sheet.
struct template_column {
  enum class input { date, unit, kind, person, choice, yes_no, integer, decimal, any_date, text };
  std::string name;    // the column's name in data files (`date`, `item`)
  std::string header;  // what row 1 says: a header the event readers accept (a label, or the name)
  input type = input::text;
  std::vector<std::string> list;  // the drop-down values, in order; empty when there is none
  std::optional<decimal> min, max;  // integer and decimal bounds
  bool min_exclusive = false, max_exclusive = false;
  bool required = false;  // for every kind that records it (date, unit and kind always)
  std::string note;       // the input message: what goes in the column, in the message language
  std::size_t width = 0;  // in characters of display width (a Chinese character is two)
};

struct template_layout {
  std::string version;    // the version id laid out
  std::string effective;  // its effective date
  std::string period;     // the period, as written
  lang::civil_date first_day, last_day;
  std::vector<template_column> columns;
  lang::version_description description;
};

struct template_outcome {
  enum class status { ok, rubric_errors, roster_errors, usage_error };
  status outcome = status::ok;
  std::string message;          // usage_error: why, in the message language
  lang::rubric_folder rubric;   // rubric_errors: its diagnostics
  std::vector<finding> findings;  // roster_errors
  std::optional<template_layout> layout;  // ok
};

// The rows the events sheet's validations cover, below the header: more than a community records
// in any period. A row below them can still be typed in; it is only not checked while typing.
inline constexpr int template_rows = 2000;

// Loads the rubric (and rosters), finds the version in force and lays the workbook out.
template_outcome plan_template(const template_request& request);

// Writes the workbook to `path`: to a temporary file in the same folder, then renamed into place
// (replacing an existing file only when `replace`), so a failed run leaves nothing half written.
// Returns an empty string, or why it could not be written.
std::string write_template(const template_layout& layout, const std::string& path, bool replace);

}  // namespace rubric::engine
