// Periods of a cadence as integer keys, so that consecutive periods have consecutive keys and
// a period's text is computed, not stored. Month keys are year * 12 + (month - 1); weeks are
// ISO weeks (Monday to Sunday, numbered in the year that holds their Thursday); quarters and
// semesters (January–June, July–December) count from year 0; a day is its number since
// 1970-01-01. Dates are Gregorian (proleptic), by civil-calendar arithmetic.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "lang/ast.hpp"

namespace rubric::lang {

struct civil_date {
  int year = 0, month = 0, day = 0;
};

// The years the calendar supports. Every date and period read from data, options, rubrics and
// test files is checked against them (through is_valid_date, calendar::parse or
// is_supported_year) before any arithmetic, so nothing outside them reaches the engine.
constexpr int first_supported_year = 1400, last_supported_year = 9999;
constexpr bool is_supported_year(int year) { return year >= first_supported_year && year <= last_supported_year; }

// Days in a month of the proleptic Gregorian calendar, any year.
constexpr int days_in_month(int year, int month) {
  constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : days[month - 1];
}

// A day that exists, in a supported year. Inline: every event row checks its date.
constexpr bool is_valid_date(int year, int month, int day) {
  return is_supported_year(year) && month >= 1 && month <= 12 && day >= 1 && day <= days_in_month(year, month);
}
// Why a written date (`text`) with these fields is not valid, for messages; empty when it is.
std::string date_problem(std::string_view text, int year, int month, int day);
// "years 1400 to 9999", for messages.
std::string supported_years_text();
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
// The inverse of day_number, by the same civil-calendar arithmetic: defined for every day.
constexpr civil_date date_of_day(int day) {
  int z = day + 719468;
  int era = (z >= 0 ? z : z - 146096) / 146097;
  int day_of_era = z - era * 146097;
  int year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  int day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  int shifted_month = (5 * day_of_year + 2) / 153;  // March is 0
  int month = shifted_month < 10 ? shifted_month + 3 : shifted_month - 9;
  return {year_of_era + era * 400 + (month <= 2 ? 1 : 0), month, day_of_year - (153 * shifted_month + 2) / 5 + 1};
}
std::string date_text(int day);  // "2024-03-05"

// A period's name in a message, in the reader's language ("per month", "每月"); the rubric's own
// keyword is ast::to_string.
std::string period_name(ast::period p);
// The cadence's noun in a report's sentences ("month", 月), from the period's word ("month"). The
// word itself stays English wherever it is data (JSON keys, the CSV `record` column).
std::string period_noun(std::string_view word);

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
  std::string format_hint() const;

 private:
  int other_period_of(int year, int month, int day) const;
  ast::period cadence_;
};

}  // namespace rubric::lang
