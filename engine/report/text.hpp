// Small text helpers shared by the renderers.
#pragma once

#include <string>
#include <string_view>

#include "lang/source.hpp"

namespace rubric::engine::text {

// Pads to `width` terminal columns (wide characters count two).
inline std::string pad(std::string_view s, std::size_t width, bool right = false) {
  std::size_t w = lang::display_width(s);
  std::string fill(w < width ? width - w : 0, ' ');
  return right ? fill + std::string(s) : std::string(s) + fill;
}

// A JSON string; bytes that are not UTF-8 (a file name, say) become U+FFFD, so the document stays valid.
inline std::string json_string(std::string_view s) {
  std::string repaired;
  if (lang::find_invalid_utf8(s)) s = repaired = lang::with_valid_utf8(s);
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

// A CSV cell of text: ids, labels, reasons, echoed rows. Every CSV writer writes text through
// here, and numbers the tool computes directly, so `-5` stays a number. Spreadsheets run a cell
// that begins with = + - @ tab or carriage return as a formula; such a cell is quoted and begins
// with a single quote (as OWASP recommends), so it is shown as text and never run.
inline std::string csv_cell(std::string_view s) {
  bool formula = !s.empty() && std::string_view("=+-@\t\r").find(s.front()) != std::string_view::npos;
  if (!formula && s.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(s);
  std::string out = formula ? "\"'" : "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace rubric::engine::text
