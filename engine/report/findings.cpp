// Findings about event and roster data, for the terminal and for --rejects.
#include <algorithm>

#include <fmt/format.h>

#include "engine/report/report.hpp"
#include "engine/report/text.hpp"

namespace rubric::engine {

std::string render_findings(const std::vector<finding>& findings, std::size_t limit) {
  std::string out;
  std::size_t shown = 0, errors = 0, warnings = 0;
  for (const auto& f : findings) {
    (is_warning(f.code) ? warnings : errors) += 1;
    if (shown >= limit) continue;
    ++shown;
    std::string where = f.file.empty() ? "" : lang::terminal_safe(f.file) + ":";
    if (f.line > 0) where += fmt::format("{}:{}:", f.line, std::max<std::uint32_t>(f.column, 1));
    out += fmt::format("{}{}{}[{}]: {}\n", where, where.empty() ? "" : " ", is_warning(f.code) ? "warning" : "error",
                       code_of(f.code), lang::terminal_safe(f.message));
    if (!f.row.empty()) {  // long rows are cut for the terminal; --rejects keeps them whole
      std::string_view row = f.row;
      bool cut = row.size() > 200;
      if (cut) {
        row = row.substr(0, 200);
        while (!row.empty() && (static_cast<unsigned char>(row.back()) & 0xC0) == 0x80) row.remove_suffix(1);
        if (!row.empty() && static_cast<unsigned char>(row.back()) >= 0xC0) row.remove_suffix(1);
      }
      out += fmt::format("  | {}{}\n", lang::terminal_safe(row), cut ? " ..." : "");
    }
  }
  if (findings.size() > shown) out += fmt::format("... and {} more not shown\n", findings.size() - shown);
  out += fmt::format("{} error{}, {} warning{} in the data\n", errors, errors == 1 ? "" : "s", warnings,
                     warnings == 1 ? "" : "s");
  return out;
}

std::string render_rejects(const std::vector<finding>& findings) {
  using text::csv_cell;
  std::string out = "file,line,column,code,reason,row\n";
  for (const auto& f : findings) {
    if (!is_row_problem(f.code)) continue;
    out += fmt::format("{},{},{},{},{},{}\n", csv_cell(f.file), f.line, f.column, code_of(f.code), csv_cell(f.message),
                       csv_cell(f.row));
  }
  return out;
}

}  // namespace rubric::engine
