#include "lang/time_of_day.hpp"

#include <array>

#include <fmt/format.h>

namespace rubric::lang {

namespace {

struct day_word_entry {
  std::string_view english, capitalised, chinese, chinese_long;
  std::uint8_t days;
};

constexpr std::uint8_t bit(int weekday) { return static_cast<std::uint8_t>(1u << weekday); }

constexpr std::array<day_word_entry, 9> day_words = {{
    {"weekdays", "Weekdays", "工作日", "工作日", static_cast<std::uint8_t>(bit(1) | bit(2) | bit(3) | bit(4) | bit(5))},
    {"weekends", "Weekends", "周末", "周末", static_cast<std::uint8_t>(bit(6) | bit(7))},
    {"monday", "Monday", "周一", "星期一", bit(1)},
    {"tuesday", "Tuesday", "周二", "星期二", bit(2)},
    {"wednesday", "Wednesday", "周三", "星期三", bit(3)},
    {"thursday", "Thursday", "周四", "星期四", bit(4)},
    {"friday", "Friday", "周五", "星期五", bit(5)},
    {"saturday", "Saturday", "周六", "星期六", bit(6)},
    {"sunday", "Sunday", "周日", "星期日", bit(7)},
}};

const day_word_entry* find_day_word(std::string_view word) {
  for (const auto& entry : day_words) {
    if (word == entry.english || word == entry.capitalised || word == entry.chinese || word == entry.chinese_long) {
      return &entry;
    }
  }
  return nullptr;
}

bool two_digits(std::string_view text, std::size_t at, int& value) {
  if (at + 2 > text.size()) return false;
  char a = text[at], b = text[at + 1];
  if (a < '0' || a > '9' || b < '0' || b > '9') return false;
  value = (a - '0') * 10 + (b - '0');
  return true;
}

}  // namespace

std::uint8_t weekdays_of(std::string_view word) {
  const auto* entry = find_day_word(word);
  return entry ? entry->days : 0;
}

std::string english_day_word(std::string_view word) {
  const auto* entry = find_day_word(word);
  return entry ? std::string(entry->english) : std::string(word);
}

std::string chinese_day_word(std::string_view english) {
  const auto* entry = find_day_word(english);
  return entry ? std::string(entry->chinese) : std::string(english);
}

std::optional<int> parse_clock(std::string_view text, bool with_seconds) {
  // The hour may have one digit (7:00); minutes and seconds have two.
  std::size_t colon = text.find(':');
  if (colon != 1 && colon != 2) return std::nullopt;
  int hour = 0;
  for (std::size_t i = 0; i < colon; ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    hour = hour * 10 + (text[i] - '0');
  }
  int minute = 0, second = 0;
  if (!two_digits(text, colon + 1, minute)) return std::nullopt;
  std::size_t end = colon + 3;
  if (end < text.size()) {
    if (!with_seconds || text[end] != ':' || !two_digits(text, end + 1, second) || end + 3 != text.size()) {
      return std::nullopt;
    }
  }
  if (hour > 23 || minute > 59 || second > 59) return std::nullopt;
  return hour * 3600 + minute * 60 + second;
}

std::string clock_text(int second) {
  // A time that does not exist, as the rubric wrote it: -(1 + HHMM) (lang/ast.hpp).
  if (second < 0) return fmt::format("{:02}:{:02}", (-second - 1) / 100, (-second - 1) % 100);
  if (second % 60 != 0) return fmt::format("{:02}:{:02}:{:02}", second / 3600, second / 60 % 60, second % 60);
  return fmt::format("{:02}:{:02}", second / 3600, second / 60 % 60);
}

}  // namespace rubric::lang
