// Findings about event and roster data, for the terminal and for --rejects.
#include <algorithm>
#include <cstdio>
#include <stdexcept>

#include <fmt/format.h>

#include "engine/report/report.hpp"
#include "engine/report/text.hpp"
#include "lang/i18n.hpp"

namespace rubric::engine {

std::string render_findings(const std::vector<finding>& findings, std::size_t limit_per_file,
                            const unshown_by_file& unshown) {
  std::string out;
  std::size_t shown = 0, errors = 0, warnings = 0;
  std::uint64_t not_shown = 0;
  for (const auto& [file, count] : unshown) {
    errors += count.errors;
    warnings += count.warnings;
  }
  auto end_of_file = [&](std::size_t i) {  // after the last finding of its file
    const std::string& file = findings[i].file;
    if (auto it = unshown.find(file); it != unshown.end()) not_shown += it->second.errors + it->second.warnings;
    if (not_shown > 0) {
      out += i18n::tr("... and {} more in {} not shown\n", not_shown,
                      file.empty() ? i18n::text("the data") : lang::terminal_safe(file));
    }
    shown = 0;
    not_shown = 0;
  };
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const finding& f = findings[i];
    (is_warning(f.code) ? warnings : errors) += 1;
    if (shown >= limit_per_file) {
      ++not_shown;
    } else {
      ++shown;
      std::string where = f.file.empty() ? "" : lang::terminal_safe(f.file) + ":";
      if (f.line > 0) where += fmt::format("{}:{}:", f.line, std::max<std::uint32_t>(f.column, 1));
      if (!f.place.empty()) where = lang::terminal_safe(f.place) + ":";
      out += fmt::format("{}{}{}[{}]: {}\n", where, where.empty() ? "" : " ",
                         is_warning(f.code) ? i18n::text("warning") : i18n::text("error"),
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
    if (i + 1 == findings.size() || findings[i + 1].file != f.file) end_of_file(i);
  }
  std::string errors_text = i18n::trn("{} error", "{} errors", errors, errors);
  std::string warnings_text = i18n::trn("{} warning", "{} warnings", warnings, warnings);
  out += i18n::tr("{}, {} in the data\n", errors_text, warnings_text);
  return out;
}

const char* const rejects_header = "file,line,column,code,reason,row\n";

std::string render_reject(const finding& f) {
  using text::csv_cell;
  return fmt::format("{},{},{},{},{},{}\n", csv_cell(f.place.empty() ? f.file : f.place), f.line, f.column, code_of(f.code), csv_cell(f.message),
                     csv_cell(f.row));
}

std::unique_ptr<rejects_output> rejects_output::temporary() {
  std::unique_ptr<rejects_output> out(new rejects_output());
  out->spill_ = std::tmpfile();
  if (!out->spill_) throw std::runtime_error(i18n::text("cannot create a temporary file for rejected rows"));
  return out;
}

rejects_output::~rejects_output() {
  if (spill_) std::fclose(spill_);
}

void rejects_output::write(const finding& rejected) {
  line_ = render_reject(rejected);
  if (out_) out_->write(line_.data(), static_cast<std::streamsize>(line_.size()));
  else std::fwrite(line_.data(), 1, line_.size(), spill_);
}

void rejects_output::append(rejects_output& temporary) {
  if (!temporary.spill_) return;
  std::rewind(temporary.spill_);
  char buffer[1 << 16];
  for (std::size_t got; (got = std::fread(buffer, 1, sizeof buffer, temporary.spill_)) > 0;) {
    if (out_) out_->write(buffer, static_cast<std::streamsize>(got));
    else std::fwrite(buffer, 1, got, spill_);
  }
}

}  // namespace rubric::engine
