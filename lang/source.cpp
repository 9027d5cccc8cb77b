#include "lang/source.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <utf8proc.h>

namespace rubric::lang {

source_file::source_file(std::string display_path, std::string text)
    : path_(std::move(display_path)), text_(std::move(text)) {
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < text_.size(); ++i) {
    if (text_[i] == '\n') line_starts_.push_back(static_cast<std::uint32_t>(i + 1));
  }
}

line_column source_file::locate(std::uint32_t offset) const {
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  auto line = static_cast<std::uint32_t>(it - line_starts_.begin());
  return {line, offset - line_starts_[line - 1] + 1};
}

std::string_view source_file::line_text(std::uint32_t line) const {
  if (line == 0 || line > line_starts_.size()) return {};
  std::size_t begin = line_starts_[line - 1];
  std::size_t end = line < line_starts_.size() ? line_starts_[line] : text_.size();
  std::string_view text(text_.data() + begin, end - begin);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

std::optional<std::string> read_file_text(const std::string& path, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot open `" + path + "`";
    return std::nullopt;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) {
    error = "cannot read `" + path + "`";
    return std::nullopt;
  }
  return buffer.str();
}

std::optional<std::size_t> find_invalid_utf8(std::string_view text) {
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  std::size_t i = 0;
  while (i < text.size()) {
    if (bytes[i] < 0x80) {  // ASCII fast path
      ++i;
      continue;
    }
    utf8proc_int32_t code_point;
    auto length = utf8proc_iterate(bytes + i, static_cast<utf8proc_ssize_t>(text.size() - i),
                                   &code_point);
    if (length < 0) return i;
    i += static_cast<std::size_t>(length);
  }
  return std::nullopt;
}

std::size_t display_width(std::string_view utf8) {
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(utf8.data());
  std::size_t width = 0;
  std::size_t i = 0;
  while (i < utf8.size()) {
    utf8proc_int32_t code_point;
    auto length = utf8proc_iterate(bytes + i, static_cast<utf8proc_ssize_t>(utf8.size() - i),
                                   &code_point);
    if (length <= 0) {  // invalid bytes are shown as one replacement character
      ++width;
      ++i;
      continue;
    }
    width += static_cast<std::size_t>(std::max(0, utf8proc_charwidth(code_point)));
    i += static_cast<std::size_t>(length);
  }
  return width;
}

}  // namespace rubric::lang
