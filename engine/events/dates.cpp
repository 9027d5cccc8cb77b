#include "engine/events/dates.hpp"

#include <fmt/format.h>

#include "lang/calendar.hpp"
#include "lang/i18n.hpp"

namespace rubric::engine {

namespace {

constexpr std::string_view year_mark = "\xE5\xB9\xB4", month_mark = "\xE6\x9C\x88", day_mark = "\xE6\x97\xA5";  // 年 月 日

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// A run of ASCII digits at `pos`: its value (capped, so a long run cannot overflow) and length.
struct number_run {
  int value = 0;
  std::size_t digits = 0;
};

number_run read_digits(std::string_view text, std::size_t& pos) {
  number_run run;
  while (pos < text.size() && is_digit(text[pos])) {
    if (run.digits < 9) run.value = run.value * 10 + (text[pos] - '0');
    ++run.digits;
    ++pos;
  }
  return run;
}

bool take(std::string_view text, std::size_t& pos, std::string_view mark) {
  if (text.substr(pos, mark.size()) != mark) return false;
  pos += mark.size();
  return true;
}

// The three numbers of a date and how they were separated, or nothing that looks like a date.
struct date_parts {
  number_run first, second, third;
  bool chinese = false;  // 2023年10月6日
  bool ok = false;
};

date_parts split_date(std::string_view text) {
  date_parts parts;
  std::size_t pos = 0;
  parts.first = read_digits(text, pos);
  if (parts.first.digits == 0 || pos >= text.size()) return parts;
  if (take(text, pos, year_mark)) {
    parts.chinese = true;
    parts.second = read_digits(text, pos);
    if (parts.second.digits == 0 || !take(text, pos, month_mark)) return parts;
    parts.third = read_digits(text, pos);
    if (parts.third.digits == 0 || !take(text, pos, day_mark)) return parts;
    parts.ok = pos == text.size();
    return parts;
  }
  char separator = text[pos];
  if (separator != '-' && separator != '/' && separator != '.') return parts;
  ++pos;
  parts.second = read_digits(text, pos);
  if (parts.second.digits == 0 || pos >= text.size() || text[pos] != separator) return parts;
  ++pos;
  parts.third = read_digits(text, pos);
  parts.ok = parts.third.digits > 0 && pos == text.size();
  return parts;
}

bool month_or_day(const number_run& n) { return n.digits == 1 || n.digits == 2; }


std::string iso_text(int year, int month, int day) { return fmt::format("{:04}-{:02}-{:02}", year, month, day); }

// Why a text that is not a year-first date was refused.
std::string refusal(std::string_view text) {
  if (text.empty()) return i18n::text("the date is empty; expected YYYY-MM-DD, like 2023-09-01");
  date_parts parts = split_date(text);
  if (parts.ok && !parts.chinese && month_or_day(parts.first) && month_or_day(parts.second) && parts.third.digits == 4) {
    int year = parts.third.value, a = parts.first.value, b = parts.second.value;
    if (lang::is_valid_date(year, a, b) && lang::is_valid_date(year, b, a) && a != b) {
      return i18n::tr("`{}` has the year last, and it could be {} or {}: day-first and month-first orders are both "
                      "in use, so the date is not guessed; write it year first, like {}",
                      text, iso_text(year, a, b), iso_text(year, b, a), iso_text(year, a, b));
    }
    return i18n::tr("`{}` has the year last: day-first and month-first orders are both in use, so the date is not "
                    "guessed; write it year first, like 2023-10-06",
                    text);
  }
  if (parts.ok && month_or_day(parts.first) && month_or_day(parts.second) && month_or_day(parts.third)) {
    return i18n::tr("`{}` has a two-digit year, so which number is the year, the month or the day is not certain and "
                    "the date is not guessed; write it year first with all four digits of the year, like 2023-10-06",
                    text);
  }
  if (has_fullwidth_digits(text)) {
    return i18n::tr("`{}` is written with full-width digits; write ASCII digits, like 2023-10-06", text);
  }
  // A spreadsheet's date and time: `2023/10/6 9:30`.
  if (auto space = text.find(' '); space != std::string_view::npos && space > 0 &&
                                   text.find(':', space) != std::string_view::npos &&
                                   split_date(text.substr(0, space)).ok) {
    return i18n::tr("`{}` has a time of day; write the date alone, like 2023-10-06", text);
  }
  return i18n::tr("`{}` is not a date; write it year first, like 2023-10-06, 2023/10/6 or 2023年10月6日", text);
}

}  // namespace

bool has_fullwidth_digits(std::string_view text) {
  // U+FF10..U+FF19 are EF BC 90..99 in UTF-8
  for (std::size_t i = 0; i + 2 < text.size(); ++i) {
    if (text[i] == '\xEF' && text[i + 1] == '\xBC' && static_cast<unsigned char>(text[i + 2]) >= 0x90 &&
        static_cast<unsigned char>(text[i + 2]) <= 0x99) {
      return true;
    }
  }
  return false;
}

bool parse_date(std::string_view text, int& year, int& month, int& day, std::string& message) {
  // YYYY-MM-DD, the form files written by programs use, without the general scan.
  if (text.size() == 10 && text[4] == '-' && text[7] == '-' && is_digit(text[0]) && is_digit(text[1]) &&
      is_digit(text[2]) && is_digit(text[3]) && is_digit(text[5]) && is_digit(text[6]) && is_digit(text[8]) &&
      is_digit(text[9])) {
    year = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + (text[3] - '0');
    month = (text[5] - '0') * 10 + (text[6] - '0');
    day = (text[8] - '0') * 10 + (text[9] - '0');
  } else {
    date_parts parts = split_date(text);
    if (!parts.ok || parts.first.digits != 4 || !month_or_day(parts.second) || !month_or_day(parts.third)) {
      message = refusal(text);
      return false;
    }
    year = parts.first.value;
    month = parts.second.value;
    day = parts.third.value;
  }
  if (lang::is_valid_date(year, month, day)) return true;
  message = lang::date_problem(text, year, month, day);
  return false;
}

}  // namespace rubric::engine
