// The one date reader of data files (engine/events/dates.hpp): year-first forms are read, the
// others refused with a reason.
#include <catch2/catch.hpp>

#include <string>

#include "engine/events/dates.hpp"
#include "lang/i18n.hpp"

using rubric::engine::parse_date;

namespace {

struct date_read {
  bool ok = false;
  int year = 0, month = 0, day = 0;
  std::string message;
};

date_read read(std::string_view text) {
  date_read r;
  r.ok = parse_date(text, r.year, r.month, r.day, r.message);
  return r;
}

void check_date(std::string_view text, int year, int month, int day) {
  INFO(text);
  auto r = read(text);
  REQUIRE(r.ok);
  CHECK(r.year == year);
  CHECK(r.month == month);
  CHECK(r.day == day);
  CHECK(r.message.empty());
}

}  // namespace

TEST_CASE("dates: YYYY-MM-DD, the form programs write", "[dates]") {
  check_date("2023-10-06", 2023, 10, 6);
  check_date("2024-02-29", 2024, 2, 29);
  check_date("2023-12-31", 2023, 12, 31);
}

TEST_CASE("dates: dashes without leading zeros", "[dates]") {
  check_date("2023-10-6", 2023, 10, 6);
  check_date("2023-1-6", 2023, 1, 6);
  check_date("2023-01-6", 2023, 1, 6);
}

TEST_CASE("dates: slashes, as Excel on Chinese Windows writes them", "[dates]") {
  check_date("2023/10/6", 2023, 10, 6);
  check_date("2023/10/06", 2023, 10, 6);
  check_date("2023/1/31", 2023, 1, 31);
}

TEST_CASE("dates: dots", "[dates]") {
  check_date("2023.10.6", 2023, 10, 6);
  check_date("2023.09.01", 2023, 9, 1);
}

TEST_CASE("dates: 年月日", "[dates]") {
  check_date("2023年10月6日", 2023, 10, 6);
  check_date("2023年09月01日", 2023, 9, 1);
  check_date("2024年2月29日", 2024, 2, 29);
}

TEST_CASE("dates: a year-first date that does not exist is refused as such", "[dates]") {
  for (const char* text : {"2023/2/29", "2023-13-01", "2023.4.31", "2023年2月30日", "2023-00-10", "2023/10/0"}) {
    INFO(text);
    auto r = read(text);
    CHECK_FALSE(r.ok);
    CHECK_THAT(r.message, Catch::Contains("is not a date in the calendar"));
  }
  auto r = read("1066/10/14");
  CHECK_FALSE(r.ok);
  CHECK_THAT(r.message, Catch::Contains("outside the calendar's range"));
}

TEST_CASE("dates: the year last is refused, both readings named", "[dates]") {
  auto r = read("10/6/2023");
  CHECK_FALSE(r.ok);
  CHECK_THAT(r.message, Catch::Contains("has the year last"));
  CHECK_THAT(r.message, Catch::Contains("day-first and month-first orders are both in use"));
  CHECK_THAT(r.message, Catch::Contains("2023-10-06") && Catch::Contains("2023-06-10"));
  CHECK_THAT(r.message, Catch::Contains("write it year first"));

  r = read("6/10/2023");
  CHECK_FALSE(r.ok);
  CHECK_THAT(r.message, Catch::Contains("has the year last") && Catch::Contains("2023-06-10"));
  r = read("10-6-2023");
  CHECK_FALSE(r.ok);
  CHECK_THAT(r.message, Catch::Contains("has the year last"));
  r = read("6.10.2023");
  CHECK_FALSE(r.ok);
  CHECK_THAT(r.message, Catch::Contains("has the year last"));
}

TEST_CASE("dates: the year last is refused even when only one reading exists", "[dates]") {
  // 13/6/2023 can only be 13 June, but a sheet in which some rows pass and others do not is
  // worse than one rule: the year goes first.
  for (const char* text : {"13/6/2023", "6/13/2023", "6/6/2023"}) {
    INFO(text);
    auto r = read(text);
    CHECK_FALSE(r.ok);
    CHECK_THAT(r.message, Catch::Contains("has the year last") && Catch::Contains("like 2023-10-06"));
  }
}

TEST_CASE("dates: a two-digit year is refused", "[dates]") {
  for (const char* text : {"23/10/6", "23-10-06", "23.10.6", "6/10/23"}) {
    INFO(text);
    auto r = read(text);
    CHECK_FALSE(r.ok);
    CHECK_THAT(r.message, Catch::Contains("two-digit year") && Catch::Contains("not guessed"));
  }
}

TEST_CASE("dates: other texts are refused with the forms that are read", "[dates]") {
  for (const char* text : {"2023-10/6", "2023/10-6", "2023年10月6", "2023年10-6日", "October 6, 2023", "2023-10",
                           "20231006", "2023-10-06x", " 2023-10-06", "2023-100-6", "02023-10-06", "2023--6"}) {
    INFO(text);
    auto r = read(text);
    CHECK_FALSE(r.ok);
    CHECK_THAT(r.message, Catch::Contains("is not a date; write it year first"));
  }
  auto r = read("");
  CHECK_FALSE(r.ok);
  CHECK_THAT(r.message, Catch::Contains("the date is empty"));
}

TEST_CASE("dates: full-width digits and a time of day are named", "[dates]") {
  auto r = read("２０２３年１０月６日");
  CHECK_FALSE(r.ok);
  CHECK_THAT(r.message, Catch::Contains("full-width digits"));
  r = read("2023/10/6 9:30");
  CHECK_FALSE(r.ok);
  CHECK_THAT(r.message, Catch::Contains("has a time of day"));
}

TEST_CASE("dates: refusals are in Chinese under --lang zh", "[dates]") {
  struct chinese {
    chinese() { rubric::i18n::set_language(rubric::i18n::language::zh); }
    ~chinese() { rubric::i18n::set_language(rubric::i18n::language::en); }
  } zh;
  auto r = read("10/6/2023");
  CHECK_FALSE(r.ok);
  CHECK_THAT(r.message, Catch::Contains("把年份写在最后") && Catch::Contains("程序不作猜测"));
  r = read("23/10/6");
  CHECK_THAT(r.message, Catch::Contains("年份只有两位"));
}
