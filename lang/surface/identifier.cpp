#include "lang/surface/identifier.hpp"

#include <cstdlib>
#include <memory>

#include <utf8proc.h>

namespace rubric::lang::surface {

namespace {

// One code point at the start of `text`: its value and length, or length 0 when invalid.
std::pair<char32_t, std::size_t> decode(std::string_view text) {
  if (text.empty()) return {0, 0};
  auto first = static_cast<unsigned char>(text[0]);
  if (first < 0x80) return {first, 1};
  utf8proc_int32_t code_point;
  auto length = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                                 static_cast<utf8proc_ssize_t>(text.size()), &code_point);
  if (length <= 0) return {0, 0};
  return {static_cast<char32_t>(code_point), static_cast<std::size_t>(length)};
}

}  // namespace

// UAX #31's ID_Start by general category (letters and letter numbers), without the few
// Pattern_Syntax and NFKC-unstable exceptions that XID_Start removes: utf8proc exposes categories,
// not the derived property, and the exceptions are symbols nobody writes in a rubric.
bool is_identifier_start(char32_t cp) {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || cp == '_';
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_NL: return true;
    default: return false;
  }
}

// ID_Continue: ID_Start, combining marks, decimal digits and connector punctuation.
bool is_identifier_continue(char32_t cp) {
  if (cp < 0x80) return is_identifier_start(cp) || (cp >= '0' && cp <= '9');
  if (is_identifier_start(cp)) return true;
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_PC: return true;
    default: return false;
  }
}

std::size_t identifier_length(std::string_view text) {
  auto [first, length] = decode(text);
  if (length == 0 || !is_identifier_start(first)) return 0;
  std::size_t at = length;
  while (at < text.size()) {
    auto [next, next_length] = decode(text.substr(at));
    if (next_length == 0 || !is_identifier_continue(next)) break;
    at += next_length;
  }
  return at;
}

std::size_t identifier_char_length(std::string_view text) {
  auto [cp, length] = decode(text);
  return length != 0 && is_identifier_continue(cp) ? length : 0;
}

std::string to_nfc(std::string_view text) {
  bool ascii = true;
  for (char c : text) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii) return std::string(text);
  std::string in(text);
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> out(
      utf8proc_NFC(reinterpret_cast<const utf8proc_uint8_t*>(in.c_str())), &std::free);
  if (!out) return in;
  return std::string(reinterpret_cast<const char*>(out.get()));
}

}  // namespace rubric::lang::surface
