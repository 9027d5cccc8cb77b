// What the tool writes must be safe to open and to print: CSV cells a spreadsheet will not run,
// text a terminal will not obey, JSON that stays UTF-8, and dates only inside the calendar.
#include <catch2/catch.hpp>

#include "engine/report/text.hpp"
#include "lang/calendar.hpp"
#include "lang/source.hpp"

using rubric::engine::text::csv_cell;
using rubric::engine::text::json_string;
using namespace rubric::lang;

TEST_CASE("CSV cells from data cannot start a formula", "[output][csv]") {
  CHECK(csv_cell("=1+1") == "\"'=1+1\"");
  CHECK(csv_cell("+31") == "\"'+31\"");
  CHECK(csv_cell("-2") == "\"'-2\"");
  CHECK(csv_cell("@SUM(A1)") == "\"'@SUM(A1)\"");
  CHECK(csv_cell("\tx") == "\"'\tx\"");
  CHECK(csv_cell("\rx") == "\"'\rx\"");
  CHECK(csv_cell("=HYPERLINK(\"http://x\")") == "\"'=HYPERLINK(\"\"http://x\"\")\"");
  // Anything else is unchanged, or only quoted as CSV needs.
  CHECK(csv_cell("1-1") == "1-1");
  CHECK(csv_cell("a=b") == "a=b");
  CHECK(csv_cell("") == "");
  CHECK(csv_cell("a,b") == "\"a,b\"");
  CHECK(csv_cell("文明新风") == "文明新风");
}

TEST_CASE("control characters are shown escaped to a terminal", "[output][terminal]") {
  CHECK(terminal_safe("\x1b[31mred\x1b[0m") == "\\x1b[31mred\\x1b[0m");
  CHECK(terminal_safe("a\tb\rc\nd") == "a\\x09b\\x0dc\\x0ad");
  CHECK(terminal_safe("a\nb\r", true) == "a\nb\\x0d");
  CHECK(terminal_safe("del\x7f") == "del\\x7f");
  CHECK(terminal_safe("c1\xc2\x9b" "2J") == "c1\\u009b2J");                  // U+009B, the one-byte CSI
  CHECK(terminal_safe("rlo\xe2\x80\xae" "txt") == "rlo\\u202etxt");           // U+202E
  CHECK(terminal_safe("bad\xff") == "bad\\xff");
  CHECK(terminal_safe("南国新家园 3-2") == "南国新家园 3-2");
  CHECK(terminal_safe("\\x1b") == "\\x1b");  // printable text is never changed, so escaping twice is safe
}

TEST_CASE("bidirectional and invisible characters are found and named", "[output][trojan]") {
  std::string text = "\xef\xbb\xbf" "a\xe2\x80\xae" "b\xe2\x80\x8b" "c\xef\xbb\xbf" "d\xe2\x81\xa6" "e\xd8\x9c" "文";
  auto found = find_invisible_characters(text);
  REQUIRE(found.size() == 5);  // the byte order mark at the start is not reported
  CHECK((found[0].code_point == 0x202E && found[0].name == "RIGHT-TO-LEFT OVERRIDE" && found[0].bidirectional &&
         found[0].offset == 4 && found[0].length == 3));
  CHECK((found[1].code_point == 0x200B && found[1].name == "ZERO WIDTH SPACE" && !found[1].bidirectional));
  CHECK(found[2].code_point == 0xFEFF);
  CHECK((found[3].code_point == 0x2066 && found[3].bidirectional));
  CHECK((found[4].code_point == 0x061C && found[4].bidirectional));
  CHECK(find_invisible_characters("rubric \"南国新家园\" # plain\n").empty());
  auto other = find_invisible_characters("x\xf3\xa0\x80\x81");  // U+E0001 LANGUAGE TAG, a format character
  REQUIRE(other.size() == 1);
  CHECK(other[0].name == "FORMAT CHARACTER");
}

TEST_CASE("JSON strings stay UTF-8 whatever the bytes", "[output][json]") {
  CHECK(json_string("a\xff" "b") == "\"a\xef\xbf\xbd" "b\"");
  CHECK(json_string("南国") == "\"南国\"");
  CHECK(with_valid_utf8("\xc3") == "\xef\xbf\xbd");
}

TEST_CASE("the calendar's range is enforced by one check", "[output][calendar]") {
  CHECK(is_supported_year(first_supported_year));
  CHECK(is_supported_year(last_supported_year));
  CHECK_FALSE(is_supported_year(0));
  CHECK_FALSE(is_supported_year(10000));
  CHECK_FALSE(is_valid_date(0, 1, 1));
  CHECK(is_valid_date(9999, 12, 31));
  CHECK(date_problem("0000-01-01", 0, 1, 1) == "`0000-01-01` is outside the calendar's range (years 1400 to 9999)");
  CHECK(date_problem("2023-02-29", 2023, 2, 29) == "`2023-02-29` is not a date in the calendar");
  CHECK(date_problem("2024-02-29", 2024, 2, 29).empty());
  for (auto cadence : {ast::period::month, ast::period::week, ast::period::day, ast::period::year}) {
    calendar periods(cadence);
    CHECK_FALSE(periods.parse(cadence == ast::period::year ? "0000" : "0000-01"));
  }
  CHECK_FALSE(calendar(ast::period::year).parse("1399"));
}

TEST_CASE("day numbers and dates agree over the whole range, and beyond it without failing", "[output][calendar]") {
  for (int day = day_number(first_supported_year, 1, 1); day <= day_number(last_supported_year, 12, 31); day += 7) {
    civil_date d = date_of_day(day);
    REQUIRE(is_valid_date(d.year, d.month, d.day));
    REQUIRE(day_number(d.year, d.month, d.day) == day);
  }
  // The last ISO week of the range ends in year 10000: its days are still computed.
  calendar weeks(ast::period::week);
  int last_week = weeks.period_of(9999, 12, 31);
  CHECK(date_of_day(weeks.last_day_number(last_week)).year == 10000);
  CHECK(date_text(day_number(1, 1, 1)) == "0001-01-01");
}
