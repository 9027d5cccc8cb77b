#include "lang/source.hpp"
#include "lang/i18n.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <sstream>

#include <utf8proc.h>

namespace rubric::lang {

namespace {

struct named_character {
  char32_t code_point;
  std::string_view name;
  bool bidirectional;
};

// The characters named in warnings, sorted by code point. Any other format character (Unicode
// category Cf) is reported too, as a FORMAT CHARACTER.
constexpr named_character named_invisible[] = {
    {0x00AD, "SOFT HYPHEN", false},
    {0x034F, "COMBINING GRAPHEME JOINER", false},
    {0x061C, "ARABIC LETTER MARK", true},
    {0x115F, "HANGUL CHOSEONG FILLER", false},
    {0x1160, "HANGUL JUNGSEONG FILLER", false},
    {0x180E, "MONGOLIAN VOWEL SEPARATOR", false},
    {0x200B, "ZERO WIDTH SPACE", false},
    {0x200C, "ZERO WIDTH NON-JOINER", false},
    {0x200D, "ZERO WIDTH JOINER", false},
    {0x200E, "LEFT-TO-RIGHT MARK", true},
    {0x200F, "RIGHT-TO-LEFT MARK", true},
    {0x202A, "LEFT-TO-RIGHT EMBEDDING", true},
    {0x202B, "RIGHT-TO-LEFT EMBEDDING", true},
    {0x202C, "POP DIRECTIONAL FORMATTING", true},
    {0x202D, "LEFT-TO-RIGHT OVERRIDE", true},
    {0x202E, "RIGHT-TO-LEFT OVERRIDE", true},
    {0x2060, "WORD JOINER", false},
    {0x2061, "FUNCTION APPLICATION", false},
    {0x2062, "INVISIBLE TIMES", false},
    {0x2063, "INVISIBLE SEPARATOR", false},
    {0x2064, "INVISIBLE PLUS", false},
    {0x2066, "LEFT-TO-RIGHT ISOLATE", true},
    {0x2067, "RIGHT-TO-LEFT ISOLATE", true},
    {0x2068, "FIRST STRONG ISOLATE", true},
    {0x2069, "POP DIRECTIONAL ISOLATE", true},
    {0x3164, "HANGUL FILLER", false},
    {0xFEFF, "ZERO WIDTH NO-BREAK SPACE (BYTE ORDER MARK)", false},
    {0xFFA0, "HALFWIDTH HANGUL FILLER", false},
};

const named_character* named(char32_t code_point) {
  auto it = std::lower_bound(std::begin(named_invisible), std::end(named_invisible), code_point,
                             [](const named_character& c, char32_t cp) { return c.code_point < cp; });
  return it != std::end(named_invisible) && it->code_point == code_point ? it : nullptr;
}

bool is_bidirectional_control(char32_t code_point) {
  const named_character* c = named(code_point);
  return c && c->bidirectional;
}

}  // namespace

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

int open_regular_file(const std::string& path, std::string& error, bool* not_regular) {
  if (not_regular) *not_regular = false;
  int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    error = i18n::tr("cannot open `{}`", path);
    return -1;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    error = i18n::tr("cannot read `{}`: {}", path, std::strerror(errno));
    ::close(fd);
    return -1;
  }
  if (!S_ISREG(st.st_mode)) {
    std::string what = S_ISFIFO(st.st_mode)  ? i18n::text("a FIFO (named pipe)")
                       : S_ISDIR(st.st_mode) ? i18n::text("a directory")
                       : S_ISSOCK(st.st_mode) ? i18n::text("a socket")
                                              : i18n::text("a device");
    error = i18n::tr("`{}` is {}, not a regular file; give the path of a file", path, what);
    if (not_regular) *not_regular = true;
    ::close(fd);
    return -1;
  }
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  return fd;
}

std::optional<std::string> read_file_text(const std::string& path, std::string& error) {
  int fd = open_regular_file(path, error);
  if (fd < 0) return std::nullopt;
  std::string text;
  char buffer[1 << 16];
  for (;;) {
    ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      error = i18n::tr("cannot read `{}`: {}", path, std::strerror(errno));
      ::close(fd);
      return std::nullopt;
    }
    if (got == 0) break;
    text.append(buffer, static_cast<std::size_t>(got));
  }
  ::close(fd);
  return text;
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

std::string with_valid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  while (auto bad = find_invalid_utf8(text)) {
    out.append(text.substr(0, *bad));
    out += "\xEF\xBF\xBD";
    text.remove_prefix(*bad + 1);
  }
  out.append(text);
  return out;
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

std::vector<invisible_character> find_invisible_characters(std::string_view utf8) {
  std::vector<invisible_character> found;
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(utf8.data());
  std::size_t i = 0;
  while (i < utf8.size()) {
    if (bytes[i] < 0x80) {
      ++i;
      continue;
    }
    utf8proc_int32_t code_point;
    auto length = utf8proc_iterate(bytes + i, static_cast<utf8proc_ssize_t>(utf8.size() - i), &code_point);
    if (length <= 0) {
      ++i;
      continue;
    }
    auto cp = static_cast<char32_t>(code_point);
    bool leading_bom = cp == 0xFEFF && i == 0;
    if (!leading_bom) {
      if (const named_character* c = named(cp)) {
        found.push_back({i, static_cast<std::size_t>(length), cp, c->name, c->bidirectional});
      } else if (utf8proc_category(code_point) == UTF8PROC_CATEGORY_CF) {
        found.push_back({i, static_cast<std::size_t>(length), cp, "FORMAT CHARACTER", false});
      }
    }
    i += static_cast<std::size_t>(length);
  }
  return found;
}

std::string terminal_safe(std::string_view text, bool keep_line_breaks) {
  auto unsafe_byte = [&](unsigned char c) { return (c < 0x20 && !(keep_line_breaks && c == '\n')) || c >= 0x7F; };
  if (std::none_of(text.begin(), text.end(), [&](char c) { return unsafe_byte(static_cast<unsigned char>(c)); })) {
    return std::string(text);  // plain ASCII, the common case
  }
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  std::string out;
  out.reserve(text.size() + 8);
  char escape[12];
  std::size_t i = 0;
  while (i < text.size()) {
    unsigned char c = bytes[i];
    if (c < 0x80) {
      if (unsafe_byte(c)) {
        std::snprintf(escape, sizeof escape, "\\x%02x", c);
        out += escape;
      } else {
        out += static_cast<char>(c);
      }
      ++i;
      continue;
    }
    utf8proc_int32_t code_point;
    auto length = utf8proc_iterate(bytes + i, static_cast<utf8proc_ssize_t>(text.size() - i), &code_point);
    if (length <= 0) {
      std::snprintf(escape, sizeof escape, "\\x%02x", c);
      out += escape;
      ++i;
      continue;
    }
    if ((code_point >= 0x80 && code_point <= 0x9F) || is_bidirectional_control(static_cast<char32_t>(code_point))) {
      std::snprintf(escape, sizeof escape, "\\u%04x", static_cast<unsigned>(code_point));
      out += escape;
    } else {
      out.append(text.substr(i, static_cast<std::size_t>(length)));
    }
    i += static_cast<std::size_t>(length);
  }
  return out;
}

}  // namespace rubric::lang
