#include "lang/diag/render.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "lang/i18n.hpp"
#include "lang/json_text.hpp"

namespace rubric::lang {

namespace {

std::size_t count_code_points(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// Tabs would make the underline drift; show them as single spaces in the excerpt. Other control
// characters are shown escaped, so a source line cannot drive the terminal.
std::string printable(std::string_view line) {
  std::string out(line);
  std::replace(out.begin(), out.end(), '\t', ' ');
  return terminal_safe(out);
}

void render_excerpt(std::string& out, const source_file& file, span where, char marker) {
  auto begin = file.locate(where.begin);
  std::string_view line = file.line_text(begin.line);
  std::size_t start_byte = std::min<std::size_t>(begin.column - 1, line.size());
  std::size_t end_byte = where.end > where.begin ? start_byte + (where.end - where.begin) : start_byte + 1;
  end_byte = std::min(end_byte, std::max(line.size(), start_byte + 1));  // a span past the line ends there
  std::string gutter = std::to_string(begin.line);
  std::string pad(gutter.size(), ' ');
  std::size_t lead = display_width(printable(line.substr(0, start_byte)));
  std::size_t width = start_byte < line.size() ? display_width(printable(line.substr(start_byte, end_byte - start_byte))) : 1;
  width = std::max<std::size_t>(width, 1);
  out += fmt::format(" {} |\n {} | {}\n {} | {}{}\n", pad, gutter, printable(line), pad, std::string(lead, ' '),
                     std::string(width, marker));
}

// The words of the text rendering, in the reader's language (JSON keeps to_string's English).
std::string severity_label(severity level) {
  switch (level) {
    case severity::error: return i18n::text("error");
    case severity::warning: return i18n::text("warning");
    case severity::note: return i18n::text("note");
  }
  return i18n::text("error");
}

}  // namespace

std::uint32_t character_column(const source_file& file, std::uint32_t offset) {
  auto at = file.locate(offset);
  std::string_view line = file.line_text(at.line);
  std::size_t prefix = std::min<std::size_t>(at.column - 1, line.size());
  return static_cast<std::uint32_t>(count_code_points(line.substr(0, prefix)) + 1);
}

std::string render_text(const diagnostic& d) {
  std::string out;
  if (d.file) {
    auto at = d.file->locate(d.where.begin);
    out += fmt::format("{}:{}:{}: ", terminal_safe(d.file->path()), at.line, character_column(*d.file, d.where.begin));
  }
  out += fmt::format("{}[{}]: {}\n", severity_label(d.level()), d.code(), terminal_safe(d.message));
  if (d.file) render_excerpt(out, *d.file, d.where, '^');
  for (const auto& note : d.notes) {
    if (note.file) {
      auto at = note.file->locate(note.where.begin);
      out += fmt::format(" = {}: {}:{}:{}: {}\n", i18n::text("note"), terminal_safe(note.file->path()), at.line,
                         character_column(*note.file, note.where.begin), terminal_safe(note.message));
      render_excerpt(out, *note.file, note.where, '-');
    } else {
      out += fmt::format(" = {}: {}\n", i18n::text("note"), terminal_safe(note.message));
    }
  }
  if (!d.help.empty()) out += fmt::format(" = {}: {}\n", i18n::text("help"), terminal_safe(d.help));
  return out;
}

std::string render_text(const diagnostics& list) {
  std::string out;
  std::size_t errors = 0, warnings = 0;
  for (const auto& d : list) {
    out += render_text(d);
    out += '\n';
    (d.level() == severity::error ? errors : warnings) += d.level() == severity::note ? 0 : 1;
  }
  if (errors + warnings > 0) {
    out += i18n::tr("{}, {}", i18n::trn("{} error", "{} errors", errors, errors),
                    i18n::trn("{} warning", "{} warnings", warnings, warnings)) +
           "\n";
  }
  return out;
}

std::string render_json(const diagnostics& list) {
  auto location = [](const source_file* file, span where, nlohmann::ordered_json& j) {
    if (!file) return;
    auto begin = file->locate(where.begin);
    auto end = file->locate(where.end);
    j["file"] = file->path();
    j["line"] = begin.line;
    j["column"] = character_column(*file, where.begin);
    j["end_line"] = end.line;
    j["end_column"] = character_column(*file, where.end);
    j["byte_begin"] = where.begin;
    j["byte_end"] = where.end;
  };
  nlohmann::ordered_json items = nlohmann::ordered_json::array();
  std::size_t errors = 0, warnings = 0;
  for (const auto& d : list) {
    nlohmann::ordered_json j;
    j["code"] = std::string(d.code());
    j["severity"] = std::string(to_string(d.level()));
    j["message"] = d.message;
    location(d.file, d.where, j);
    nlohmann::ordered_json notes = nlohmann::ordered_json::array();
    for (const auto& n : d.notes) {
      nlohmann::ordered_json jn;
      jn["message"] = n.message;
      location(n.file, n.where, jn);
      notes.push_back(std::move(jn));
    }
    j["notes"] = std::move(notes);
    if (!d.help.empty()) j["help"] = d.help;
    items.push_back(std::move(j));
    if (d.level() == severity::error) ++errors;
    if (d.level() == severity::warning) ++warnings;
  }
  nlohmann::ordered_json root;
  root["diagnostics"] = std::move(items);
  root["errors"] = errors;
  root["warnings"] = warnings;
  return json_text(root);
}

}  // namespace rubric::lang
