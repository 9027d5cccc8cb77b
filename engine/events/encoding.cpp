#include "engine/events/encoding.hpp"

#include <fcntl.h>
#include <iconv.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <vector>

#include <fmt/format.h>

#include "engine/events/csv.hpp"
#include "lang/i18n.hpp"

namespace rubric::engine {

namespace {

constexpr std::size_t sample_bytes = 64 * 1024;

bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

bool is_ascii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// A byte no text file of these encodings holds: NUL and the control characters but tab, CR, LF.
bool is_control(unsigned char c) { return (c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c == 0x7F; }

// What a file is by its first bytes, when it is one of the files people mistake for a table.
std::string binary_kind(std::string_view head) {
  if (starts_with(head, "PK\x03\x04") || starts_with(head, "PK\x05\x06")) {
    return i18n::text("a zip archive (as .xlsx and .ods workbooks are)");
  }
  if (starts_with(head, "%PDF")) return i18n::text("a PDF document");
  if (starts_with(head, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) return i18n::text("an old Excel or WPS workbook (.xls or .et)");
  if (starts_with(head, "\x1F\x8B")) return i18n::text("a gzip archive");
  if (starts_with(head, "\x89PNG") || starts_with(head, "\xFF\xD8\xFF")) return i18n::text("an image");
  if (starts_with(head, std::string_view("SQLite format 3\0", 16))) return i18n::text("an SQLite database");
  if (starts_with(head, "\x7F" "ELF")) return i18n::text("a program");
  return {};
}

text_encoding encoding_of_bom(std::string_view head, std::size_t& length) {
  length = 0;
  if (starts_with(head, "\xEF\xBB\xBF")) return length = 3, text_encoding::utf8;
  if (starts_with(head, "\xFF\xFE")) return length = 2, text_encoding::utf16le;
  if (starts_with(head, "\xFE\xFF")) return length = 2, text_encoding::utf16be;
  if (starts_with(head, "\x84\x31\x95\x33")) return length = 4, text_encoding::gb18030;
  return text_encoding::automatic;
}

// UTF-16 without a byte order mark: the commas, digits and line ends every table has are ASCII,
// whose high byte is zero. A few CJK characters have a zero low byte (一 is U+4E00), so the
// other half may hold some zeros, but far fewer.
text_encoding utf16_by_zeros(std::string_view sample) {
  std::size_t units = sample.size() / 2, even = 0, odd = 0;
  for (std::size_t i = 0; i < units * 2; ++i) {
    if (sample[i] == '\0') ++(i % 2 ? odd : even);
  }
  if (units < 2) return text_encoding::automatic;
  if (odd * 8 >= units && even * 4 <= odd) return text_encoding::utf16le;
  if (even * 8 >= units && odd * 4 <= even) return text_encoding::utf16be;
  return text_encoding::automatic;
}

const char* iconv_name(text_encoding encoding) {
  switch (encoding) {
    case text_encoding::gb18030: return "GB18030";
    case text_encoding::gbk: return "GBK";
    case text_encoding::utf16le: return "UTF-16LE";
    case text_encoding::utf16be: return "UTF-16BE";
    default: return "UTF-8";
  }
}

// The bytes of a sample that end in the middle of a character, when more follow in the file.
std::string_view without_cut_character(std::string_view sample) {
  for (std::size_t back = 1; back <= std::min<std::size_t>(3, sample.size()); ++back) {
    auto c = static_cast<unsigned char>(sample[sample.size() - back]);
    if ((c & 0xC0) == 0x80) continue;
    std::size_t length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (length > back) sample.remove_suffix(back);
    break;
  }
  return sample;
}

// How many bytes of `sample` iconv reads as `encoding` before an invalid sequence: all of them
// when there is none (a character cut at the end counts as read unless the sample is the whole
// file).
std::size_t readable_bytes(text_encoding encoding, std::string_view sample, bool whole) {
  iconv_t cd = ::iconv_open("UTF-8", iconv_name(encoding));
  if (cd == reinterpret_cast<iconv_t>(-1)) return 0;
  char* in = const_cast<char*>(sample.data());
  std::size_t in_left = sample.size();
  char out[8192];
  std::size_t readable = sample.size();
  while (in_left > 0) {
    char* out_at = out;
    std::size_t out_left = sizeof out;
    if (::iconv(cd, &in, &in_left, &out_at, &out_left) != static_cast<std::size_t>(-1)) break;
    if (errno == E2BIG) continue;
    if (errno != EINVAL || whole) readable = static_cast<std::size_t>(in - sample.data());
    break;
  }
  ::iconv_close(cd);
  return readable;
}

// Text beyond any byte order mark and magic number: UTF-8, GB18030, or neither.
encoding_guess guess_body(std::string_view sample, bool whole) {
  encoding_guess guess;
  if (valid_utf8(whole ? sample : without_cut_character(sample)) && sample.find('\0') == std::string_view::npos) {
    guess.encoding = text_encoding::utf8;
    return guess;
  }
  // A GB18030 guess about a binary file would send its owner converting it: never guess then.
  if (std::any_of(sample.begin(), sample.end(), [](char c) { return is_control(static_cast<unsigned char>(c)); })) {
    guess.binary = i18n::text("binary data, not text");
    return guess;
  }
  // GB18030 when it reads the sample, or reads further than UTF-8 does: a GB18030 file with one
  // bad byte is GB18030 (its conversion names the byte), a UTF-8 file with one is UTF-8 (the
  // CSV reader names the line), and UTF-8 Chinese read as GB18030 soon fails at a comma or line end.
  std::size_t as_gb18030 = readable_bytes(text_encoding::gb18030, sample, whole);
  if (as_gb18030 == sample.size() || as_gb18030 > readable_bytes(text_encoding::utf8, sample, whole)) {
    guess.encoding = text_encoding::gb18030;
  }
  return guess;
}

ssize_t read_at(int fd, char* into, std::size_t bytes, std::uint64_t offset) {
  ssize_t got;
  do {
    got = ::pread(fd, into, bytes, static_cast<off_t>(offset));
  } while (got < 0 && errno == EINTR);
  return got;
}

std::string read_sample(int fd, std::uint64_t offset, std::uint64_t size) {
  std::string sample(static_cast<std::size_t>(std::min<std::uint64_t>(sample_bytes, size > offset ? size - offset : 0)), '\0');
  ssize_t got = sample.empty() ? 0 : read_at(fd, sample.data(), sample.size(), offset);
  sample.resize(got > 0 ? static_cast<std::size_t>(got) : 0);
  return sample;
}

// Offset of the first byte at or after `from` that is not ASCII, or `size`.
std::uint64_t first_non_ascii(int fd, std::uint64_t from, std::uint64_t size) {
  // An English events file is read through whole here before it is read for its rows: read in
  // place (mapped), not copied, one window at a time, each released before the next.
  static const auto page = static_cast<std::uint64_t>(::sysconf(_SC_PAGESIZE));
  constexpr std::uint64_t window = 8u << 20;
  stop_cleanly_if_a_mapped_file_shrinks();
  for (std::uint64_t at = from / page * page; at < size;) {
    auto n = static_cast<std::size_t>(std::min<std::uint64_t>(window, size - at));
    void* mapped = ::mmap(nullptr, n, PROT_READ, MAP_PRIVATE, fd, static_cast<off_t>(at));
    if (mapped == MAP_FAILED) break;  // read it through a buffer instead
    ::madvise(mapped, n, MADV_SEQUENTIAL);
    const char* bytes = static_cast<const char*>(mapped);
    std::size_t i = at < from ? static_cast<std::size_t>(from - at) : 0;
    std::uint64_t found = size;
    for (; i < n; i += 64) {  // a cache line at a time; the bytes it holds beyond `n` are not read
      std::uint64_t any = 0;
      if (i + 64 <= n) {
        for (std::size_t w = 0; w < 64; w += 8) {
          std::uint64_t word;
          std::memcpy(&word, bytes + i + w, 8);
          any |= word;
        }
        if ((any & 0x8080808080808080ULL) == 0) continue;
      }
      for (std::size_t j = i; j < std::min(n, i + 64); ++j) {
        if (static_cast<unsigned char>(bytes[j]) >= 0x80) {
          found = at + j;
          break;
        }
      }
      if (found != size) break;
    }
    ::munmap(mapped, n);
    if (found != size) return found;
    at += n;
    from = at;
    if (at >= size) return size;
  }
  std::vector<char> buffer(1u << 20);
  for (std::uint64_t at = from; at < size;) {
    ssize_t got = read_at(fd, buffer.data(), static_cast<std::size_t>(std::min<std::uint64_t>(buffer.size(), size - at)), at);
    if (got <= 0) return size;
    // Eight bytes at a time: an English file of a million rows is read through once, quickly.
    auto n = static_cast<std::size_t>(got);
    std::size_t i = 0;
    for (std::uint64_t word; i + 8 <= n; i += 8) {
      std::memcpy(&word, buffer.data() + i, 8);
      if (word & 0x8080808080808080ULL) break;
    }
    for (; i < n; ++i) {
      if (static_cast<unsigned char>(buffer[i]) >= 0x80) return at + i;
    }
    at += n;
  }
  return size;
}

// An unnamed file for the converted text, on disk where the system keeps temporary files (the
// text can be as large as the file), else in memory.
int anonymous_file() {
  const char* directory = std::getenv("TMPDIR");
  if (!directory || !*directory) directory = "/tmp";
  int fd = ::open(directory, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0) fd = ::memfd_create("rubric-utf8", MFD_CLOEXEC);
  return fd;
}

bool write_all(int fd, const char* data, std::size_t bytes) {
  while (bytes > 0) {
    ssize_t put = ::write(fd, data, bytes);
    if (put < 0 && errno == EINTR) continue;
    if (put <= 0) return false;
    data += put;
    bytes -= static_cast<std::size_t>(put);
  }
  return true;
}

std::string hex_bytes(std::string_view bytes) {
  std::string out;
  for (char c : bytes) out += fmt::format("{}{:02X}", out.empty() ? "" : " ", static_cast<unsigned char>(c));
  return out;
}

// Converts bytes [from, size) of `in` from `encoding` to UTF-8 into `out`, counting lines and
// characters as a person sees them, so that an error names the place in the file.
std::optional<finding> convert(int in, std::uint64_t from, std::uint64_t size, text_encoding encoding, int out,
                               const std::string& path) {
  iconv_t cd = ::iconv_open("UTF-8", iconv_name(encoding));
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    return finding{finding_code::bad_encoding, path, 0, 0,
                   i18n::tr("this system cannot convert {} (iconv has no converter for it)", encoding_display_name(encoding)),
                   {}};
  }
  struct closer {
    iconv_t cd;
    ~closer() { ::iconv_close(cd); }
  } close_later{cd};
  constexpr std::size_t chunk = 256 * 1024;
  std::vector<char> input(chunk + 8), output(chunk * 2);
  std::uint64_t offset = from;  // in the file, of input[0]
  std::size_t carried = 0;       // bytes of a character cut at the end of the last chunk
  std::uint64_t line = 1;
  std::uint32_t column = 1;
  auto error_here = [&](std::string message) {
    return finding{finding_code::bad_encoding, path, line, column, std::move(message), {}};
  };
  for (;;) {
    std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(chunk, size - std::min(size, offset + carried)));
    ssize_t got = want == 0 ? 0 : read_at(in, input.data() + carried, want, offset + carried);
    if (got < 0) return finding{finding_code::io_error, path, 0, 0, i18n::tr("cannot read `{}`", path), {}};
    std::size_t available = carried + static_cast<std::size_t>(got);
    bool last = offset + available >= size || got == 0;
    char* in_at = input.data();
    std::size_t in_left = available;
    for (;;) {
      char* out_at = output.data();
      std::size_t out_left = output.size();
      std::size_t result = ::iconv(cd, &in_at, &in_left, &out_at, &out_left);
      int error = result == static_cast<std::size_t>(-1) ? errno : 0;
      std::string_view produced(output.data(), static_cast<std::size_t>(out_at - output.data()));
      for (char c : produced) {
        if (c == '\n') {
          ++line;
          column = 1;
        } else if (c == '\0') {
          return error_here(i18n::tr("the file read as {} holds a NUL (zero) character, which no table holds: it is "
                                     "not {} text; give its encoding with --encoding, or save it as UTF-8",
                                     encoding_display_name(encoding), encoding_display_name(encoding)));
        } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
          ++column;
        }
      }
      if (!write_all(out, produced.data(), produced.size())) {
        return finding{finding_code::io_error, path, 0, 0,
                       i18n::tr("cannot write the converted text of `{}` to a temporary file", path), {}};
      }
      if (error == E2BIG) continue;
      std::uint64_t at = offset + static_cast<std::uint64_t>(in_at - input.data());
      if (error == EILSEQ || (error == EINVAL && last)) {
        std::string_view bad(in_at, std::min<std::size_t>(in_left, 4));
        return error_here(
            error == EILSEQ
                ? i18n::tr("the file cannot be read as {}: byte {} of the file ({}) does not begin a {} character; "
                           "if the file is in another encoding, give it with --encoding, or save it as UTF-8",
                           encoding_display_name(encoding), at + 1, hex_bytes(bad), encoding_display_name(encoding))
                : i18n::tr("the file cannot be read as {}: it ends in the middle of a character (byte {}: {})",
                           encoding_display_name(encoding), at + 1, hex_bytes(bad)));
      }
      break;  // all read, or a character cut at the end of the chunk
    }
    if (last) return std::nullopt;
    carried = in_left;
    std::memmove(input.data(), in_at, carried);
    offset += static_cast<std::uint64_t>(in_at - input.data());
  }
}

bool is_utf16(text_encoding e) {
  return e == text_encoding::utf16 || e == text_encoding::utf16le || e == text_encoding::utf16be;
}

// A byte order mark and a requested encoding that disagree.
bool agrees(text_encoding requested, text_encoding marked) {
  if (marked == text_encoding::automatic || requested == marked) return true;
  if (requested == text_encoding::utf16) return is_utf16(marked);
  return requested == text_encoding::gbk && marked == text_encoding::gb18030;
}

}  // namespace

std::optional<text_encoding> encoding_named(std::string_view name) {
  std::string lower;
  for (char c : name) {
    if (c != '-' && c != '_') lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  if (lower == "utf8") return text_encoding::utf8;
  if (lower == "gb18030") return text_encoding::gb18030;
  if (lower == "gbk") return text_encoding::gbk;
  if (lower == "utf16") return text_encoding::utf16;
  if (lower == "utf16le") return text_encoding::utf16le;
  if (lower == "utf16be") return text_encoding::utf16be;
  return std::nullopt;
}

const char* encoding_display_name(text_encoding encoding) {
  switch (encoding) {
    case text_encoding::utf8: return "UTF-8";
    case text_encoding::gb18030: return "GB18030";
    case text_encoding::gbk: return "GBK";
    case text_encoding::utf16: return "UTF-16";
    case text_encoding::utf16le: return "UTF-16LE";
    case text_encoding::utf16be: return "UTF-16BE";
    case text_encoding::automatic: break;
  }
  return "?";
}

encoding_guess guess_text_encoding(std::string_view sample, bool whole) {
  encoding_guess guess;
  std::size_t mark_length = 0;  // the caller skips the mark itself
  guess.encoding = encoding_of_bom(sample, mark_length);
  if (guess.encoding != text_encoding::automatic) return guess;
  if (guess.binary = binary_kind(sample); !guess.binary.empty()) return guess;
  if (sample.find('\0') != std::string_view::npos) {
    // A UTF-16 file cut short (an odd size) is still UTF-16: its conversion names the cut.
    guess.encoding = utf16_by_zeros(sample);
    if (guess.encoding == text_encoding::automatic) guess.binary = i18n::text("binary data, not text");
    return guess;
  }
  return guess_body(sample, whole);
}

utf8_file open_as_utf8(int& fd, std::uint64_t& size, const std::string& path, text_encoding requested) {
  utf8_file result;
  auto refuse = [&](std::string message, std::uint64_t line = 0, std::uint32_t column = 0) {
    result.ok = false;
    result.report = finding{finding_code::bad_encoding, path, line, column, std::move(message), {}};
    return result;
  };
  std::string head = read_sample(fd, 0, size);
  bool whole = head.size() >= size;
  std::string binary = binary_kind(head);
  if (!binary.empty()) {
    return refuse(i18n::tr("the file is not a table of text: it looks like {}; give events, units and people as CSV, "
                           "JSON Lines or an Excel workbook (.xlsx)",
                           binary));
  }
  std::size_t bom = 0;
  text_encoding marked = encoding_of_bom(head, bom);
  text_encoding encoding = requested;
  if (requested == text_encoding::automatic) {
    encoding_guess guess = guess_text_encoding(head, whole);
    if (!guess.binary.empty()) {
      return refuse(i18n::tr("the file is not a table of text: it looks like {}; give events, units and people as "
                             "CSV, JSON Lines or an Excel workbook (.xlsx)",
                             guess.binary));
    }
    encoding = guess.encoding;
    // A long English start says nothing about the text after it: look where the first
    // character beyond ASCII is.
    if (encoding == text_encoding::utf8 && marked == text_encoding::automatic && !whole && is_ascii(head)) {
      std::uint64_t at = first_non_ascii(fd, head.size(), size);
      if (at < size) {
        std::string window = read_sample(fd, at, size);
        guess = guess_body(window, at + window.size() >= size);
        encoding = guess.encoding == text_encoding::gb18030 ? text_encoding::gb18030 : text_encoding::utf8;
      }
    }
    // Neither UTF-8 nor anything else read: the CSV reader names the first line that is not
    // UTF-8, and what it looks like.
    if (encoding == text_encoding::automatic || encoding == text_encoding::utf8) return result;
  } else {
    if (!agrees(requested, marked)) {
      return refuse(i18n::tr("the file begins with the byte order mark of {}, but --encoding says {}; give the "
                             "file's encoding",
                             encoding_display_name(marked), encoding_display_name(requested)));
    }
    bool has_zero = head.find('\0') != std::string::npos;
    if (is_utf16(requested) && !has_zero && head.size() >= 4) {
      return refuse(i18n::tr("--encoding says {}, but the file is not UTF-16: in UTF-16 every comma and line end "
                             "has a zero byte, and the file has none; give the file's encoding",
                             encoding_display_name(requested)));
    }
    if (!is_utf16(requested) && has_zero) {
      return refuse(i18n::tr("--encoding says {}, but the file has zero bytes, as UTF-16 files do and {} files "
                             "never; give the file's encoding (utf-16?)",
                             encoding_display_name(requested), encoding_display_name(requested)));
    }
    if (requested == text_encoding::utf8) return result;  // the CSV reader checks it line by line
    if (requested == text_encoding::utf16) {
      encoding = marked != text_encoding::automatic ? marked : utf16_by_zeros(head);
      // Without a mark, the order Windows writes.
      if (encoding == text_encoding::automatic) encoding = text_encoding::utf16le;
    }
  }
  if (marked != text_encoding::automatic) {
    if (encoding == text_encoding::automatic) encoding = marked;
  } else {
    bom = 0;
  }
  int converted = anonymous_file();
  if (converted < 0) {
    return refuse(i18n::tr("cannot create a temporary file for the text of `{}` converted from {}", path,
                           encoding_display_name(encoding)));
  }
  if (auto problem = convert(fd, bom, size, encoding, converted, path)) {
    ::close(converted);
    result.ok = false;
    result.report = std::move(problem);
    return result;
  }
  struct stat st {};
  if (::fstat(converted, &st) != 0) {
    ::close(converted);
    return refuse(i18n::tr("cannot read `{}`", path));
  }
  ::close(fd);
  fd = converted;
  size = static_cast<std::uint64_t>(st.st_size);
  result.report = finding{finding_code::read_as_encoding, path, 0, 0,
                          requested == text_encoding::automatic
                              ? i18n::tr("the file is not UTF-8; it was read as {} (if that is wrong, give its "
                                         "encoding with --encoding)",
                                         encoding_display_name(encoding))
                              : i18n::tr("the file was read as {}, as --encoding says", encoding_display_name(encoding)),
                          {}};
  return result;
}

}  // namespace rubric::engine
