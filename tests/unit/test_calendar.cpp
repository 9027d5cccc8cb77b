// Periods as keys: every day of three decades maps to a period whose text reads back to it, and
// whose first and last days hold it; ISO weeks at the edges of years.
#include <catch2/catch.hpp>

#include "lang/calendar.hpp"

using namespace rubric::lang;

TEST_CASE("day numbers count from 1970-01-01", "[calendar]") {
  CHECK(day_number(1970, 1, 1) == 0);
  CHECK(day_number(2024, 2, 29) - day_number(2024, 2, 28) == 1);
  CHECK(day_number(2024, 3, 1) - day_number(2024, 2, 28) == 2);
  CHECK(day_number(2023, 3, 1) - day_number(2023, 2, 28) == 1);
  auto d = date_of_day(day_number(2000, 12, 31));
  CHECK((d.year == 2000 && d.month == 12 && d.day == 31));
  CHECK(date_text(day_number(2024, 3, 5)) == "2024-03-05");
  CHECK(is_valid_date(2024, 2, 29));
  CHECK_FALSE(is_valid_date(2023, 2, 29));
  CHECK_FALSE(is_valid_date(2023, 13, 1));
}

TEST_CASE("ISO weeks: numbered in the year of their Thursday", "[calendar]") {
  calendar weeks(ast::period::week);
  CHECK(weeks.text(weeks.period_of(2024, 1, 1)) == "2024-W01");   // a Monday
  CHECK(weeks.text(weeks.period_of(2024, 12, 30)) == "2025-W01");  // Monday of 2025's first week
  CHECK(weeks.text(weeks.period_of(2021, 1, 3)) == "2020-W53");    // a Sunday in 2020's last week
  CHECK(weeks.text(weeks.period_of(2024, 9, 9)) == "2024-W37");
  CHECK(weeks.year_of(weeks.period_of(2024, 12, 30)) == 2025);
  CHECK(weeks.last_of_year(2020) - weeks.first_of_year(2020) + 1 == 53);
  CHECK(weeks.last_of_year(2024) - weeks.first_of_year(2024) + 1 == 52);
  CHECK(weeks.starts_period(2024, 9, 2));
  CHECK_FALSE(weeks.starts_period(2024, 9, 3));
  CHECK_FALSE(weeks.parse("2024-W53"));
  CHECK(weeks.parse("2020-W53"));
  CHECK_FALSE(weeks.parse("2024-W00"));
}

TEST_CASE("periods' texts", "[calendar]") {
  CHECK(calendar(ast::period::month).text(calendar(ast::period::month).period_of(2023, 10, 31)) == "2023-10");
  CHECK(calendar(ast::period::quarter).text(calendar(ast::period::quarter).period_of(2024, 5, 1)) == "2024-Q2");
  CHECK(calendar(ast::period::semester).text(calendar(ast::period::semester).period_of(2024, 7, 1)) == "2024-S2");
  CHECK(calendar(ast::period::semester).text(calendar(ast::period::semester).period_of(2024, 6, 30)) == "2024-S1");
  CHECK(calendar(ast::period::year).text(calendar(ast::period::year).period_of(2024, 6, 30)) == "2024");
  CHECK(calendar(ast::period::day).text(calendar(ast::period::day).period_of(2024, 2, 29)) == "2024-02-29");
  for (const char* bad : {"2024-13", "2024-1", "24-01", "2024-Q5", "2024-S3", "２０２４-01", "2024-02-30"}) {
    INFO(bad);
    for (auto cadence : {ast::period::day, ast::period::month, ast::period::quarter, ast::period::semester}) {
      CHECK_FALSE(calendar(cadence).parse(bad));
    }
  }
}

TEST_CASE("every day lies in one period, whose text reads back to it", "[calendar][property]") {
  for (auto cadence : {ast::period::day, ast::period::week, ast::period::month, ast::period::quarter,
                       ast::period::semester, ast::period::year}) {
    calendar periods(cadence);
    INFO(periods.word());
    int previous = periods.period_of_day(day_number(1999, 12, 31));
    for (int day = day_number(2000, 1, 1); day <= day_number(2030, 12, 31); ++day) {
      int key = periods.period_of_day(day);
      CHECK((key == previous || key == previous + 1));  // consecutive keys for consecutive periods
      previous = key;
      civil_date first = periods.first_day(key);
      REQUIRE(day_number(first.year, first.month, first.day) <= day);
      REQUIRE(periods.last_day_number(key) >= day);
      if (day == day_number(first.year, first.month, first.day)) {
        REQUIRE(periods.parse(periods.text(key)) == key);
        REQUIRE(periods.starts_period(first.year, first.month, first.day));
      }
    }
  }
}
