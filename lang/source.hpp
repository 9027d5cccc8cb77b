// A source file owns its text and knows where its lines start. Positions inside the project are
// half-open byte spans; line and column (both 1-based, column counted in bytes) are computed only
// when a diagnostic is rendered.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rubric::lang {

struct span {
  std::uint32_t begin = 0;  // byte offset, inclusive
  std::uint32_t end = 0;    // byte offset, exclusive
};

struct line_column {
  std::uint32_t line = 1;    // 1-based
  std::uint32_t column = 1;  // 1-based, in bytes
};

class source_file {
 public:
  // `display_path` is what diagnostics print; it is not reopened.
  source_file(std::string display_path, std::string text);

  const std::string& path() const { return path_; }
  std::string_view text() const { return text_; }
  line_column locate(std::uint32_t offset) const;
  // The line containing `offset`, without its line terminator.
  std::string_view line_text(std::uint32_t line) const;
  std::uint32_t line_count() const { return static_cast<std::uint32_t>(line_starts_.size()); }

 private:
  std::string path_;
  std::string text_;
  std::vector<std::uint32_t> line_starts_;
};

// Reads a whole file; returns std::nullopt and sets `error` when it cannot be read.
std::optional<std::string> read_file_text(const std::string& path, std::string& error);

// Opens `path` for reading if it is a regular file, without waiting: a FIFO would block until
// something writes to it, and a directory or device is no input. Otherwise returns -1, sets
// `error`, and sets `not_regular` when the path exists but is not a regular file.
int open_regular_file(const std::string& path, std::string& error, bool* not_regular = nullptr);

// Offset of the first byte that does not belong to well-formed UTF-8, if any. Rejects overlong
// forms, surrogates and code points above U+10FFFF.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);

// `text` with every byte that does not belong to well-formed UTF-8 replaced by U+FFFD, for
// output that must be UTF-8 (JSON).
std::string with_valid_utf8(std::string_view text);

// Columns a string takes in a terminal: East Asian wide and fullwidth characters take two.
std::size_t display_width(std::string_view utf8);

// A character that changes how text around it is displayed, or is not displayed at all: the
// bidirectional controls (which can make code read differently from how it runs, "Trojan
// Source") and the invisible characters (zero-width spaces and joiners, U+FEFF after the start,
// other format characters).
struct invisible_character {
  std::size_t offset = 0, length = 0;  // in bytes
  char32_t code_point = 0;
  std::string_view name;  // "RIGHT-TO-LEFT OVERRIDE"
  bool bidirectional = false;
};
std::vector<invisible_character> find_invisible_characters(std::string_view utf8);

// Text from data or a rubric made safe to print to a terminal: control characters (C0, DEL, C1,
// ESC included) become `\x1b` (C1 as `\u009b`), bidirectional controls `\u202e`, and bytes that
// are not UTF-8 `\xff`, so nothing printed can move the cursor, recolour or retitle the
// terminal, or reorder or hide text.
// `keep_line_breaks` keeps `\n` (for text of several lines); `\r` is always escaped.
std::string terminal_safe(std::string_view text, bool keep_line_breaks = false);

}  // namespace rubric::lang
