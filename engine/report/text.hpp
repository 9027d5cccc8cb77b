// Small text helpers shared by the renderers.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "lang/calendar.hpp"
#include "lang/i18n.hpp"
#include "lang/source.hpp"

namespace rubric::engine::text {

// Pads to `width` terminal columns (wide characters count two).
inline std::string pad(std::string_view s, std::size_t width, bool right = false) {
  std::size_t w = lang::display_width(s);
  std::string fill(w < width ? width - w : 0, ' ');
  return right ? fill + std::string(s) : std::string(s) + fill;
}

// The cadence's noun in the reader's language: lang's, shared with the diff.
using lang::period_noun;

// The plural, as English writes it after a number or in "months scored".
inline std::string period_plural_noun(std::string_view word) {
  if (word == "day") return i18n::text("days");
  if (word == "week") return i18n::text("weeks");
  if (word == "month") return i18n::text("months");
  if (word == "quarter") return i18n::text("quarters");
  if (word == "semester") return i18n::text("semesters");
  if (word == "year") return i18n::text("years");
  return std::string(word) + "s";
}

// A number of periods: "1 month", "12 months" (个月 in Chinese, where the noun alone is 月).
inline std::string periods_count(std::uint64_t n, std::string_view word) {
  if (word == "day") return i18n::trn("{} day", "{} days", n, n);
  if (word == "week") return i18n::trn("{} week", "{} weeks", n, n);
  if (word == "month") return i18n::trn("{} month", "{} months", n, n);
  if (word == "quarter") return i18n::trn("{} quarter", "{} quarters", n, n);
  if (word == "semester") return i18n::trn("{} semester", "{} semesters", n, n);
  if (word == "year") return i18n::trn("{} year", "{} years", n, n);
  return n == 1 ? "1 " + std::string(word) : fmt::format("{} {}s", n, word);
}

// A declared thing as the reader knows it: in Chinese its label (楼道杂物), when it has one; in
// English its name as written (`clutter`), as the English reports always showed it.
inline const std::string& reader_name(const std::string& name, const std::string& label) {
  return i18n::current_language() == i18n::language::zh && !label.empty() ? label : name;
}

// Between the clauses of one line ("score 88 → 97, rank 11 → 7"): a full-width comma in Chinese.
inline std::string clause_separator() { return i18n::text(", "); }

inline std::string yes_no(bool yes) { return yes ? i18n::text("yes") : i18n::text("no"); }

// A table for the terminal: columns padded to their widest cell by display width, so cells of
// Chinese text (two columns a character) line up with ASCII ones. Ids and labels come from data
// and rubrics: every cell is made terminal-safe before it is measured.
struct table {
  std::vector<std::string> headers;
  std::vector<bool> right;  // right-aligned columns (numbers)
  std::vector<std::vector<std::string>> rows;

  // Each cell is made terminal-safe and measured once, and the lines are appended to one
  // buffer: a year of 30,000 units is 360,000 rows.
  std::string render() const {
    struct measured {
      std::string text;
      std::size_t width;
    };
    std::vector<measured> cells;  // the headers' cells, then each row's
    std::vector<std::size_t> line_ends;  // where each line's cells end in `cells`
    std::vector<std::size_t> widths(headers.size());
    std::size_t bytes = 0;
    auto add_line = [&](const std::vector<std::string>& line) {
      for (std::size_t c = 0; c < line.size(); ++c) {
        std::string safe_text = lang::terminal_safe(line[c]);
        std::size_t width = ascii_width(safe_text);
        widths[c] = std::max(widths[c], width);
        bytes += safe_text.size();
        cells.push_back({std::move(safe_text), width});
      }
      line_ends.push_back(cells.size());
    };
    cells.reserve((rows.size() + 1) * headers.size());
    line_ends.reserve(rows.size() + 1);
    add_line(headers);
    for (const auto& row : rows) add_line(row);
    std::size_t line_width = 0;
    for (std::size_t w : widths) line_width += w + 2;
    std::string out;
    out.reserve(bytes + line_ends.size() * (line_width + 1));
    std::size_t first = 0;
    for (std::size_t end : line_ends) {
      const std::size_t line_start = out.size();
      for (std::size_t i = first; i < end; ++i) {
        const std::size_t c = i - first;
        const std::size_t fill = cells[i].width < widths[c] ? widths[c] - cells[i].width : 0;
        out += "  ";
        if (right[c]) out.append(fill, ' ');
        out += cells[i].text;
        if (!right[c]) out.append(fill, ' ');
      }
      while (out.size() > line_start && out.back() == ' ') out.pop_back();
      out += '\n';
      first = end;
    }
    return out;
  }

  // Terminal columns of a terminal-safe cell: its length when it is ASCII (the usual number or id).
  static std::size_t ascii_width(std::string_view cell) {
    for (char c : cell) {
      if (static_cast<unsigned char>(c) >= 0x80) return lang::display_width(cell);
    }
    return cell.size();
  }
};

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

// Spreadsheets run a cell that begins with = + - @ tab or carriage return as a formula (typed,
// pasted or re-imported). Text from data that begins so gets a single quote first (as OWASP
// recommends), so it is shown as text and never run. Every spreadsheet writer (CSV, xlsx) writes
// text from data through here.
inline bool could_run_as_formula(std::string_view s) {
  return !s.empty() && std::string_view("=+-@\t\r").find(s.front()) != std::string_view::npos;
}
inline std::string spreadsheet_text(std::string_view s) {
  return could_run_as_formula(s) ? "'" + std::string(s) : std::string(s);
}

// A CSV cell of text: ids, labels, reasons, echoed rows. Every CSV writer writes text through
// here, and numbers the tool computes directly, so `-5` stays a number. A cell that could run as
// a formula is quoted as well as escaped (spreadsheet_text).
inline std::string csv_cell(std::string_view s) {
  bool formula = could_run_as_formula(s);
  if (!formula && s.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(s);
  std::string escaped = spreadsheet_text(s);
  std::string out = "\"";
  for (char c : escaped) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace rubric::engine::text
