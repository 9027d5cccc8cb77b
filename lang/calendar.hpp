// Periods of a cadence as integer keys, so that consecutive periods have consecutive keys and
// a period's text is computed, not stored. Month keys are year * 12 + (month - 1); weeks are
// ISO weeks (Monday to Sunday, numbered in the year that holds their Thursday); quarters and
// semesters (January–June, July–December) count from year 0; a day is its number since
// 1970-01-01. Dates are Gregorian, through Boost.Date_Time.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "lang/ast.hpp"

namespace rubric::lang {

struct civil_date {
  int year = 0, month = 0, day = 0;
};

bool is_valid_date(int year, int month, int day);
// Days since 1970-01-01 (negative before it). The date must be valid. Inline: every event
// row computes it.
constexpr int day_number(int year, int month, int day) {
  // Days from the civil calendar, counting years from March so that leap days come last.
  int y = month <= 2 ? year - 1 : year;
  int era = (y >= 0 ? y : y - 399) / 400;
  int year_of_era = y - era * 400;
  int day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  int day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}
civil_date date_of_day(int day);
std::string date_text(int day);  // "2024-03-05"

class calendar {
 public:
  explicit calendar(ast::period cadence = ast::period::month) : cadence_(cadence) {}

  ast::period cadence() const { return cadence_; }
  std::string_view word() const { return ast::to_string(cadence_); }  // "month"
  std::string plural() const { return std::string(word()) + "s"; }   // "months"

  int period_of(int year, int month, int day) const {
    // Months first: the common cadence, on every event row.
    return cadence_ == ast::period::month ? year * 12 + (month - 1) : other_period_of(year, month, day);
  }
  int period_of_day(int day) const;
  civil_date first_day(int key) const;
  int last_day_number(int key) const;  // the day number of the period's last day
  bool starts_period(int year, int month, int day) const;
  // The year a period counts toward (a week's ISO year), and the year's first and last periods.
  int year_of(int key) const;
  int first_of_year(int year) const;
  int last_of_year(int year) const;

  // "2023-10", "2024-W03", "2024-Q1", "2024-S2", "2024", "2024-03-05".
  std::string text(int key) const;
  std::optional<int> parse(std::string_view text) const;
  // How a period is written, for messages: "YYYY-MM, like 2023-10".
  std::string_view format_hint() const;

 private:
  int other_period_of(int year, int month, int day) const;
  ast::period cadence_;
};

}  // namespace rubric::lang
