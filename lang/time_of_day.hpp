// The words and times of date-and-time conditions (`on weekdays`, 周末, `between 07:00 and 09:00`),
// shared by both surfaces, the formatter, the explanations and the reader of event times.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rubric::lang {

// The weekdays a day word names, as a bit set (bit d for ISO weekday d: 1 Monday ... 7 Sunday), from
// the English words (`weekdays`, `weekends`, `monday`, any first-letter case) or the Chinese ones
// (工作日, 周末, 周一 ... 周日, 星期一 ... 星期日); 0 for any other word.
std::uint8_t weekdays_of(std::string_view word);
// The canonical English word of a day word of either surface (`周一` -> `monday`).
std::string english_day_word(std::string_view word);
// The Chinese word of a canonical English day word (`monday` -> `周一`).
std::string chinese_day_word(std::string_view english);

// ISO weekday (1 Monday ... 7 Sunday) of a day number (days since 1970-01-01, a Thursday).
inline int iso_weekday(int day_number) { return ((day_number % 7 + 7 + 3) % 7) + 1; }

// A time of day written H:MM or HH:MM, and with `with_seconds` also HH:MM:SS, from 00:00 to 23:59:59:
// seconds since midnight, or nothing.
std::optional<int> parse_clock(std::string_view text, bool with_seconds);
// A time of day the grammar read that does not exist (24:00, 07:60), as a negative number that
// keeps its digits: the checker names it (R2060) and the formatter gives it back as written.
int unreal_clock(std::string_view text);
// `07:00`, or `07:00:30` when the seconds are not zero; an unreal_clock as it was written.
std::string clock_text(int second);

}  // namespace rubric::lang
