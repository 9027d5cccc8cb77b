// Exact decimal numbers for points, hours and amounts. A value is a whole number of millionths
// held in 64 bits; every operation is checked, so an overflow or a result that would need more
// than six decimal places is reported, never rounded or wrapped.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rubric {

class decimal {
 public:
  static constexpr int places = 6;
  static constexpr std::int64_t scale = 1'000'000;

  constexpr decimal() = default;
  static constexpr decimal from_units(std::int64_t units) { return decimal(units); }
  static std::optional<decimal> from_integer(std::int64_t value);
  // Accepts [+-]digits[.digits]; std::nullopt when malformed, too precise or out of range.
  static std::optional<decimal> parse(std::string_view text);

  constexpr std::int64_t units() const { return units_; }
  constexpr bool is_negative() const { return units_ < 0; }
  constexpr bool is_positive() const { return units_ > 0; }
  constexpr bool is_zero() const { return units_ == 0; }
  constexpr bool is_integer() const { return units_ % scale == 0; }

  // Shortest exact text: "103", "-2.5", "0.000001". Never an exponent.
  std::string to_string() const;
  // Appends to_string() to `out` without a temporary string.
  void append_to(std::string& out) const;
  // With an explicit sign for non-zero values: "+3", "-10", "0".
  std::string to_signed_string() const;

  friend constexpr auto operator<=>(decimal, decimal) = default;

 private:
  constexpr explicit decimal(std::int64_t units) : units_(units) {}
  std::int64_t units_ = 0;
};

// Checked arithmetic: std::nullopt on overflow or inexact result.
std::optional<decimal> checked_add(decimal a, decimal b);
std::optional<decimal> checked_mul(decimal a, decimal b);
// floor(a / b) as a whole number, b > 0.
std::optional<decimal> floor_div(decimal a, decimal b);
// (a × factor) / count, rounded once to the nearest millionth, halves away from zero: the one
// place where points are rounded (averages and weights). count > 0.
std::optional<decimal> scaled_average(decimal sum, decimal factor, std::int64_t count);

}  // namespace rubric
