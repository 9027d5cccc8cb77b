// Times of day and weekdays (lang/time_of_day.hpp), and the time in a workbook's date serial.
#include <catch2/catch.hpp>

#include "engine/events/workbook.hpp"
#include "lang/calendar.hpp"
#include "lang/time_of_day.hpp"

using namespace rubric;

TEST_CASE("time of day: H:MM, HH:MM and, in data, HH:MM:SS", "[time]") {
  CHECK(lang::parse_clock("07:00", false) == 7 * 3600);
  CHECK(lang::parse_clock("7:05", false) == 7 * 3600 + 5 * 60);
  CHECK(lang::parse_clock("23:59", false) == 23 * 3600 + 59 * 60);
  CHECK(lang::parse_clock("00:00", false) == 0);
  CHECK(lang::parse_clock("23:15:30", true) == 23 * 3600 + 15 * 60 + 30);
  CHECK_FALSE(lang::parse_clock("23:15:30", false));  // seconds only in data
  CHECK_FALSE(lang::parse_clock("24:00", true));
  CHECK_FALSE(lang::parse_clock("07:60", true));
  CHECK_FALSE(lang::parse_clock("07:00:60", true));
  CHECK_FALSE(lang::parse_clock("7.30", true));
  CHECK_FALSE(lang::parse_clock("7:3", true));
  CHECK_FALSE(lang::parse_clock("123:00", true));
  CHECK_FALSE(lang::parse_clock("07:00 ", true));
  CHECK_FALSE(lang::parse_clock("", true));
  CHECK(lang::clock_text(7 * 3600) == "07:00");
  CHECK(lang::clock_text(23 * 3600 + 15 * 60 + 30) == "23:15:30");
}

TEST_CASE("weekdays: ISO numbering from the day number, words of both surfaces", "[time]") {
  CHECK(lang::iso_weekday(lang::day_number(1970, 1, 1)) == 4);   // a Thursday
  CHECK(lang::iso_weekday(lang::day_number(2024, 10, 5)) == 6);  // a Saturday
  CHECK(lang::iso_weekday(lang::day_number(2024, 10, 7)) == 1);  // a Monday
  CHECK(lang::iso_weekday(lang::day_number(1969, 12, 28)) == 7); // a Sunday, before day 0
  CHECK(lang::iso_weekday(lang::day_number(1900, 1, 1)) == 1);   // a Monday
  CHECK(lang::weekdays_of("weekdays") == 0b00111110);
  CHECK(lang::weekdays_of("周末") == 0b11000000);
  CHECK(lang::weekdays_of("Monday") == 0b10);
  CHECK(lang::weekdays_of("星期日") == 0b10000000);
  CHECK(lang::weekdays_of("someday") == 0);
  CHECK(lang::english_day_word("周三") == "wednesday");
  CHECK(lang::english_day_word("Sunday") == "sunday");
  CHECK(lang::chinese_day_word("friday") == "周五");
}

TEST_CASE("workbooks: a date serial's fraction is its time, exactly, to the second", "[time]") {
  CHECK(engine::serial_time_text("45571") == "");
  CHECK(engine::serial_time_text("45571.96875") == " 23:15:00");
  CHECK(engine::serial_time_text("45571.5") == " 12:00:00");
  CHECK(engine::serial_time_text("45571.291666666667") == " 07:00:00");  // as Excel stores 07:00
  CHECK(engine::serial_time_text("45571.000011574") == " 00:00:01");
  CHECK(engine::serial_time_text("45571.0000001") == "");  // within half a second of midnight
}
