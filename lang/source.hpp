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

// Columns a string takes in a terminal: East Asian wide and fullwidth characters take two.
std::size_t display_width(std::string_view utf8);

}  // namespace rubric::lang
