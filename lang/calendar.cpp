#include "lang/calendar.hpp"
#include "lang/i18n.hpp"

#include <charconv>

#include <fmt/format.h>

namespace rubric::lang {

namespace {

int floor_div(int a, int b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0); }

// 1970-01-01 was a Thursday: Monday-based week keys count from Monday 1969-12-29.
int week_of_day(int day) { return floor_div(day + 3, 7); }
int monday_of_week(int key) { return key * 7 - 3; }

int iso_year_of_week(int key) { return date_of_day(monday_of_week(key) + 3).year; }

bool read_int(std::string_view text, int& out) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return std::from_chars(text.data(), text.data() + text.size(), out).ec == std::errc{};
}

}  // namespace

std::string period_name(ast::period p) {
  switch (p) {
    case ast::period::day: return i18n::text_in("period", "day");
    case ast::period::week: return i18n::text_in("period", "week");
    case ast::period::month: return i18n::text_in("period", "month");
    case ast::period::quarter: return i18n::text_in("period", "quarter");
    case ast::period::semester: return i18n::text_in("period", "semester");
    case ast::period::year: return i18n::text_in("period", "year");
  }
  return std::string(ast::to_string(p));
}

std::string period_noun(std::string_view word) {
  if (word == "day") return i18n::text("day");
  if (word == "week") return i18n::text("week");
  if (word == "month") return i18n::text("month");
  if (word == "quarter") return i18n::text("quarter");
  if (word == "semester") return i18n::text("semester");
  if (word == "year") return i18n::text("year");
  return std::string(word);
}

std::string supported_years_text() {
  return i18n::tr("years {} to {}", first_supported_year, last_supported_year);
}

std::string date_problem(std::string_view text, int year, int month, int day) {
  if (is_valid_date(year, month, day)) return {};
  if (!is_supported_year(year)) {
    return i18n::tr("`{}` is outside the calendar's range ({})", text, supported_years_text());
  }
  return i18n::tr("`{}` is not a date in the calendar", text);
}

std::string date_text(int day) {
  civil_date d = date_of_day(day);
  return fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day);
}

static_assert(day_number(1970, 1, 1) == 0 && day_number(2000, 3, 1) == 11017 && day_number(1969, 12, 31) == -1);
static_assert(date_of_day(11017).year == 2000 && date_of_day(11017).month == 3 && date_of_day(11017).day == 1);
static_assert(date_of_day(-1).year == 1969 && date_of_day(-1).month == 12 && date_of_day(-1).day == 31);

int calendar::other_period_of(int year, int month, int day) const {
  switch (cadence_) {
    case ast::period::day: return day_number(year, month, day);
    case ast::period::week: return week_of_day(day_number(year, month, day));
    case ast::period::month: return year * 12 + (month - 1);
    case ast::period::quarter: return year * 4 + (month - 1) / 3;
    case ast::period::semester: return year * 2 + (month - 1) / 6;
    case ast::period::year: return year;
  }
  return year * 12 + (month - 1);
}

int calendar::period_of_day(int day) const {
  civil_date d = date_of_day(day);
  return period_of(d.year, d.month, d.day);
}

civil_date calendar::first_day(int key) const {
  switch (cadence_) {
    case ast::period::day: return date_of_day(key);
    case ast::period::week: return date_of_day(monday_of_week(key));
    case ast::period::month: return {floor_div(key, 12), key - floor_div(key, 12) * 12 + 1, 1};
    case ast::period::quarter: return {floor_div(key, 4), (key - floor_div(key, 4) * 4) * 3 + 1, 1};
    case ast::period::semester: return {floor_div(key, 2), (key - floor_div(key, 2) * 2) * 6 + 1, 1};
    case ast::period::year: return {key, 1, 1};
  }
  return {key, 1, 1};
}

int calendar::last_day_number(int key) const {
  civil_date next = first_day(key + 1);
  return day_number(next.year, next.month, next.day) - 1;
}

bool calendar::starts_period(int year, int month, int day) const {
  civil_date first = first_day(period_of(year, month, day));
  return first.year == year && first.month == month && first.day == day;
}

int calendar::year_of(int key) const {
  if (cadence_ == ast::period::week) return iso_year_of_week(key);
  return first_day(key).year;
}

int calendar::first_of_year(int year) const {
  if (cadence_ == ast::period::week) return week_of_day(day_number(year, 1, 4));  // week 1 holds 4 January
  return period_of(year, 1, 1);
}

int calendar::last_of_year(int year) const { return first_of_year(year + 1) - 1; }

std::string calendar::text(int key) const {
  civil_date first = first_day(key);
  switch (cadence_) {
    case ast::period::day: return fmt::format("{:04}-{:02}-{:02}", first.year, first.month, first.day);
    case ast::period::week: {
      int year = iso_year_of_week(key);
      return fmt::format("{:04}-W{:02}", year, key - first_of_year(year) + 1);
    }
    case ast::period::month: return fmt::format("{:04}-{:02}", first.year, first.month);
    case ast::period::quarter: return fmt::format("{:04}-Q{}", first.year, (first.month - 1) / 3 + 1);
    case ast::period::semester: return fmt::format("{:04}-S{}", first.year, (first.month - 1) / 6 + 1);
    case ast::period::year: return fmt::format("{:04}", first.year);
  }
  return "";
}

std::optional<int> calendar::parse(std::string_view text) const {
  int year = 0, number = 0;
  if (text.size() < 4 || !read_int(text.substr(0, 4), year) || !is_supported_year(year)) return std::nullopt;
  std::string_view rest = text.substr(4);
  auto numbered = [&](char letter, int most) -> bool {
    return rest.size() >= 3 && rest[0] == '-' && rest[1] == letter && read_int(rest.substr(2), number) &&
           number >= 1 && number <= most;
  };
  switch (cadence_) {
    case ast::period::year: return rest.empty() ? std::optional<int>(year) : std::nullopt;
    case ast::period::quarter: return numbered('Q', 4) && rest.size() == 3 ? std::optional<int>(year * 4 + number - 1) : std::nullopt;
    case ast::period::semester: return numbered('S', 2) && rest.size() == 3 ? std::optional<int>(year * 2 + number - 1) : std::nullopt;
    case ast::period::week: {
      if (!numbered('W', 53) || rest.size() != 4) return std::nullopt;
      int key = first_of_year(year) + number - 1;
      return key <= last_of_year(year) ? std::optional<int>(key) : std::nullopt;
    }
    case ast::period::month:
      if (rest.size() != 3 || rest[0] != '-' || !read_int(rest.substr(1), number) || number < 1 || number > 12) return std::nullopt;
      return year * 12 + number - 1;
    case ast::period::day: {
      int month = 0, day = 0;
      if (rest.size() != 6 || rest[0] != '-' || rest[3] != '-' || !read_int(rest.substr(1, 2), month) ||
          !read_int(rest.substr(4, 2), day) || month < 1 || month > 12 || day < 1) {
        return std::nullopt;
      }
      civil_date next_month = month == 12 ? civil_date{year + 1, 1, 1} : civil_date{year, month + 1, 1};
      if (day > day_number(next_month.year, next_month.month, 1) - day_number(year, month, 1)) return std::nullopt;
      return day_number(year, month, day);
    }
  }
  return std::nullopt;
}

std::string calendar::format_hint() const {
  switch (cadence_) {
    case ast::period::day: return i18n::text("YYYY-MM-DD, like 2024-03-05");
    case ast::period::week: return i18n::text("YYYY-Www (an ISO week), like 2024-W03");
    case ast::period::month: return i18n::text("YYYY-MM, like 2023-10");
    case ast::period::quarter: return i18n::text("YYYY-Qn, like 2024-Q1");
    case ast::period::semester: return i18n::text("YYYY-Sn (S1 is January to June), like 2024-S2");
    case ast::period::year: return i18n::text("YYYY, like 2024");
  }
  return "";
}

}  // namespace rubric::lang
