#include <catch2/catch.hpp>

#include "lang/decimal.hpp"

using rubric::decimal;

TEST_CASE("decimal parses and prints exactly", "[decimal]") {
  struct row {
    const char* text;
    const char* printed;
  };
  for (auto [text, printed] : {row{"0", "0"}, row{"103", "103"}, row{"-2", "-2"}, row{"+3", "3"}, row{"0.5", "0.5"},
                               row{"-0.25", "-0.25"}, row{"1.500000", "1.5"}, row{"0.000001", "0.000001"},
                               row{"1.0000000", "1"}}) {
    INFO(text);
    auto d = decimal::parse(text);
    REQUIRE(d);
    CHECK(d->to_string() == printed);
  }
  CHECK(decimal::parse("0.1")->units() == 100000);
  CHECK(decimal::parse("+3")->to_signed_string() == "+3");
  CHECK(decimal::parse("-10")->to_signed_string() == "-10");
}

TEST_CASE("decimal rejects what it cannot hold exactly", "[decimal]") {
  for (const char* text : {"", "-", "1.", ".5", "1e3", "0.0000001", "1,000", "１２", "9999999999999999", "abc", "1.5x"}) {
    INFO(text);
    CHECK_FALSE(decimal::parse(text));
  }
}

TEST_CASE("decimal arithmetic is checked", "[decimal]") {
  auto a = *decimal::parse("-2");
  auto three = *decimal::parse("3");
  CHECK(rubric::checked_mul(a, three)->to_string() == "-6");
  CHECK(rubric::checked_mul(*decimal::parse("0.5"), *decimal::parse("0.5"))->to_string() == "0.25");
  CHECK_FALSE(rubric::checked_mul(*decimal::parse("0.001"), *decimal::parse("0.0001")));  // needs 7 places
  auto big = decimal::from_units(INT64_MAX - 1);
  CHECK_FALSE(rubric::checked_add(big, *decimal::parse("1")));
  CHECK_FALSE(rubric::checked_mul(big, *decimal::parse("2")));
  CHECK(rubric::floor_div(*decimal::parse("7"), *decimal::parse("2"))->to_string() == "3");
  CHECK(rubric::floor_div(*decimal::parse("3.5"), *decimal::parse("2"))->to_string() == "1");
  CHECK(rubric::floor_div(*decimal::parse("-1"), *decimal::parse("2"))->to_string() == "-1");
  CHECK(decimal::from_units(INT64_MIN).to_string() == "-9223372036854.775808");
}

TEST_CASE("an average times its weight is rounded once, halves away from zero", "[decimal]") {
  auto d = [](const char* text) { return *rubric::decimal::parse(text); };
  CHECK(scaled_average(d("241"), d("0.5"), 3)->to_string() == "40.166667");   // 40.1666666...
  CHECK(scaled_average(d("-241"), d("0.5"), 3)->to_string() == "-40.166667");
  CHECK(scaled_average(d("0.000001"), d("0.5"), 1)->to_string() == "0.000001");   // a half: away from zero
  CHECK(scaled_average(d("-0.000001"), d("0.5"), 1)->to_string() == "-0.000001");
  CHECK(scaled_average(d("0.000001"), d("0.4"), 1)->to_string() == "0");
  CHECK(scaled_average(d("258"), d("10"), 3)->to_string() == "860");
  CHECK_FALSE(scaled_average(d("1"), d("1"), 0));
}
