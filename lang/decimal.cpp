#include "lang/decimal.hpp"

#include <charconv>
#include <limits>

namespace rubric {

std::optional<decimal> decimal::from_integer(std::int64_t value) {
  std::int64_t units;
  if (__builtin_mul_overflow(value, scale, &units)) return std::nullopt;
  return decimal(units);
}

std::optional<decimal> decimal::parse(std::string_view text) {
  std::size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
    negative = text[i] == '-';
    ++i;
  }
  std::int64_t units = 0;
  std::size_t digits = 0;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++digits) {
    if (__builtin_mul_overflow(units, 10, &units) || __builtin_add_overflow(units, text[i] - '0', &units)) {
      return std::nullopt;
    }
  }
  if (digits == 0) return std::nullopt;
  if (__builtin_mul_overflow(units, scale, &units)) return std::nullopt;
  if (i < text.size() && text[i] == '.') {
    ++i;
    std::int64_t place = scale / 10;
    std::size_t fraction_digits = 0;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++fraction_digits) {
      if (place == 0) {
        if (text[i] != '0') return std::nullopt;  // more precision than we hold exactly
        continue;
      }
      units += (text[i] - '0') * place;
      place /= 10;
    }
    if (fraction_digits == 0) return std::nullopt;
  }
  if (i != text.size()) return std::nullopt;
  return decimal(negative ? -units : units);
}

void decimal::append_to(std::string& out) const {
  // Work in unsigned to print INT64_MIN correctly.
  bool negative = units_ < 0;
  std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(units_) : static_cast<std::uint64_t>(units_);
  std::uint64_t whole = magnitude / scale;
  std::uint64_t fraction = magnitude % scale;
  char buffer[32];
  char* end = buffer;
  if (negative) *end++ = '-';
  end = std::to_chars(end, buffer + sizeof buffer, whole).ptr;
  if (fraction != 0) {
    *end++ = '.';
    for (std::uint64_t place = scale / 10; place > 0 && fraction != 0; place /= 10) {
      *end++ = static_cast<char>('0' + fraction / place);
      fraction %= place;
    }
  }
  out.append(buffer, end);
}

std::string decimal::to_string() const {
  std::string out;
  append_to(out);
  return out;
}

std::string decimal::to_signed_string() const {
  std::string text = to_string();
  if (units_ > 0) text.insert(text.begin(), '+');
  return text;
}

std::optional<decimal> checked_add(decimal a, decimal b) {
  std::int64_t units;
  if (__builtin_add_overflow(a.units(), b.units(), &units)) return std::nullopt;
  return decimal::from_units(units);
}

std::optional<decimal> checked_mul(decimal a, decimal b) {
  // Fast path: one factor is a whole number (the usual `-2 per count`), no 128-bit division.
  std::int64_t units;
  if (b.units() % decimal::scale == 0) {
    if (__builtin_mul_overflow(a.units(), b.units() / decimal::scale, &units)) return std::nullopt;
    return decimal::from_units(units);
  }
  if (a.units() % decimal::scale == 0) {
    if (__builtin_mul_overflow(b.units(), a.units() / decimal::scale, &units)) return std::nullopt;
    return decimal::from_units(units);
  }
  __int128 product = static_cast<__int128>(a.units()) * b.units();
  if (product % decimal::scale != 0) return std::nullopt;
  product /= decimal::scale;
  if (product > std::numeric_limits<std::int64_t>::max() || product < std::numeric_limits<std::int64_t>::min()) {
    return std::nullopt;
  }
  return decimal::from_units(static_cast<std::int64_t>(product));
}

std::optional<decimal> floor_div(decimal a, decimal b) {
  if (b.units() <= 0) return std::nullopt;
  std::int64_t q = a.units() / b.units();
  if ((a.units() % b.units() != 0) && (a.units() < 0)) --q;
  return decimal::from_integer(q);
}

std::optional<decimal> scaled_average(decimal sum, decimal factor, std::int64_t count) {
  if (count <= 0) return std::nullopt;
  __int128 numerator = static_cast<__int128>(sum.units()) * factor.units();
  __int128 denominator = static_cast<__int128>(count) * decimal::scale;
  __int128 quotient = numerator / denominator;
  __int128 remainder = numerator % denominator;
  if (remainder < 0) remainder = -remainder;
  if (remainder * 2 >= denominator) quotient += numerator < 0 ? -1 : 1;
  if (quotient > INT64_MAX || quotient < -INT64_MAX) return std::nullopt;
  return decimal::from_units(static_cast<std::int64_t>(quotient));
}

}  // namespace rubric
