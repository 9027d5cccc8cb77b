#include "engine/events/csv.hpp"
#include "engine/events/encoding.hpp"

#include <signal.h>
#include <sys/mman.h>
#include <unistd.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <string>

#include <fmt/format.h>

#include "lang/i18n.hpp"
#include "lang/source.hpp"

namespace rubric::engine {

namespace {
constexpr std::size_t chunk_bytes = 1u << 20;

bool all_ascii(const char* data, std::size_t n) {
  std::size_t i = 0;
  std::uint64_t acc = 0;
  for (; i + 8 <= n; i += 8) {
    std::uint64_t word;
    std::memcpy(&word, data + i, 8);
    acc |= word;
  }
  for (; i < n; ++i) acc |= static_cast<unsigned char>(data[i]);
  return (acc & 0x8080808080808080ULL) == 0;
}
}  // namespace

std::uint32_t character_column(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  std::uint32_t column = 1;
  for (std::size_t i = 0; i < offset; ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
  }
  return column;
}

// Well-formed UTF-8 as RFC 3629 defines it (no overlong forms, no surrogates, nothing above
// U+10FFFF): the same answer as lang::find_invalid_utf8, which utf8proc gives (a unit test
// compares them), without a library call per character. Rows written with Chinese labels have
// several characters each, and this runs on every such row.
bool well_formed_utf8(const unsigned char* s, std::size_t n) {
  std::size_t i = 0;
  auto continuation = [&](std::size_t at) { return at < n && (s[at] & 0xC0) == 0x80; };
  while (i < n) {
    unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
    } else if (c >= 0xC2 && c <= 0xDF) {
      if (!continuation(i + 1)) return false;
      i += 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      if (!continuation(i + 1) || !continuation(i + 2)) return false;
      if ((c == 0xE0 && s[i + 1] < 0xA0) || (c == 0xED && s[i + 1] > 0x9F)) return false;  // overlong; surrogate
      i += 3;
    } else if (c >= 0xF0 && c <= 0xF4) {
      if (!continuation(i + 1) || !continuation(i + 2) || !continuation(i + 3)) return false;
      if ((c == 0xF0 && s[i + 1] < 0x90) || (c == 0xF4 && s[i + 1] > 0x8F)) return false;  // overlong; > U+10FFFF
      i += 4;
    } else {
      return false;
    }
  }
  return true;
}

bool valid_utf8(std::string_view text) {
  return all_ascii(text.data(), text.size()) ||
         well_formed_utf8(reinterpret_cast<const unsigned char*>(text.data()), text.size());
}

std::string guess_encoding(std::string_view sample) {
  encoding_guess guess = guess_text_encoding(sample, true);
  if (!guess.binary.empty()) return guess.binary;  // never a GB18030 guess about a binary file
  switch (guess.encoding) {
    case text_encoding::utf16:
    case text_encoding::utf16le:
    case text_encoding::utf16be: return "UTF-16";
    case text_encoding::gb18030: return i18n::text("GB18030 (or GBK)");
    default: return i18n::text("an encoding other than UTF-8");
  }
}

csv_reader::csv_reader(int fd, std::uint64_t begin, std::uint64_t end, std::uint64_t first_line, bool split_cells)
    : fd_(fd),
      file_pos_(begin),
      file_end_(end),
      line_(first_line),
      first_chunk_(begin == 0),
      split_cells_(split_cells) {
  if (map(begin, end)) return;
  buffer_.resize(chunk_bytes * 2);
  data_ = buffer_.data();
}

csv_reader::~csv_reader() {
  if (map_) ::munmap(map_, map_size_);
}

namespace {

// A mapped file that shrinks while it is read (someone saves over it) raises SIGBUS where a read()
// would have returned short. The run cannot go on either way; it stops with a message that says
// why, exit status 2 as for any input error, and nothing written (results are rendered only
// after every event has been read). Only write() and _exit() run in the handler.
std::string& truncated_message() {
  static std::string message;
  return message;
}

extern "C" void on_input_truncated(int) {
  const std::string& message = truncated_message();
  ssize_t ignored = ::write(STDERR_FILENO, message.data(), message.size());
  (void)ignored;
  ::_exit(2);
}

}  // namespace

void stop_cleanly_if_a_mapped_file_shrinks() {
  static std::once_flag installed;
  std::call_once(installed, [] {
    truncated_message() =
        "rubric: " + i18n::text("an events file became shorter while it was being read (was it saved again?); "
                                "the results were not written: run again when the file is complete") + "\n";
    struct sigaction action {};
    action.sa_handler = on_input_truncated;
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGBUS, &action, nullptr);
  });
}

// Reading the file in place saves copying every byte into a buffer (the copies were 7-8 % of the
// processor time of scoring 10 M events). The mapped range is read front to back once; what has
// been read is released as the reader goes (release_read_pages), so the memory a run holds does
// not grow with the file.
bool csv_reader::map(std::uint64_t begin, std::uint64_t end) {
  if (end <= begin) return false;
  stop_cleanly_if_a_mapped_file_shrinks();
  static const auto page = static_cast<std::uint64_t>(::sysconf(_SC_PAGESIZE));
  const std::uint64_t start = begin / page * page;
  const auto size = static_cast<std::size_t>(end - start);
  void* mapped = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd_, static_cast<off_t>(start));
  if (mapped == MAP_FAILED) return false;
  ::madvise(mapped, size, MADV_SEQUENTIAL);
  map_ = static_cast<char*>(mapped);
  map_size_ = size;
  map_lead_ = static_cast<std::size_t>(begin - start);
  data_ = map_ + map_lead_;
  filled_ = static_cast<std::size_t>(end - begin);
  file_pos_ = end;
  eof_ = true;  // every byte of the range is there: fill() has nothing to add
  if (first_chunk_ && filled_ >= 3 && std::memcmp(data_, "\xEF\xBB\xBF", 3) == 0) pos_ = 3;
  first_chunk_ = false;
  return true;
}

void csv_reader::release_read_pages() {
  constexpr std::size_t release_bytes = 1u << 20;  // a hundred syscalls per 100 MB, and little memory held
  static const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  // A quarter megabyte behind the reader stays: the records a caller holds (in_place()) lie there.
  constexpr std::size_t kept_bytes = 256u << 10;
  if (pos_ < kept_bytes) return;
  const std::size_t done = (map_lead_ + pos_ - kept_bytes) / page * page;
  if (done < released_ + release_bytes) return;
  // A released page of a file mapping reads back from the file if touched again: views of the
  // rows before stay valid, only slower.
  ::madvise(map_ + released_, done - released_, MADV_DONTNEED);
  released_ = done;
}

bool csv_reader::fill() {
  if (eof_ || map_) return false;
  if (pos_ > 0) {  // keep the unread tail at the front
    std::memmove(buffer_.data(), buffer_.data() + pos_, filled_ - pos_);
    filled_ -= pos_;
    pos_ = 0;
  }
  if (buffer_.size() - filled_ < chunk_bytes) buffer_.resize(filled_ + chunk_bytes);
  data_ = buffer_.data();
  std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(buffer_.size() - filled_, file_end_ - file_pos_));
  if (want == 0) {
    eof_ = true;
    return false;
  }
  ssize_t got;
  do {
    got = ::pread(fd_, buffer_.data() + filled_, want, static_cast<off_t>(file_pos_));
  } while (got < 0 && errno == EINTR);
  if (got <= 0) {
    eof_ = true;
    return false;
  }
  if (first_chunk_) {
    first_chunk_ = false;
    if (got >= 3 && std::memcmp(buffer_.data() + filled_, "\xEF\xBB\xBF", 3) == 0) {
      std::memmove(buffer_.data() + filled_, buffer_.data() + filled_ + 3, static_cast<std::size_t>(got) - 3);
      got -= 3;
      file_pos_ += 3;
    }
  }
  filled_ += static_cast<std::size_t>(got);
  file_pos_ += static_cast<std::uint64_t>(got);
  return true;
}

csv_reader::status csv_reader::fail(finding& problem, finding_code code, std::uint32_t column, std::string message) {
  problem.code = code;
  problem.line = line_;
  problem.column = column;
  problem.message = std::move(message);
  return status::error;
}

namespace {
// Byte classes for the one-pass scan of an unquoted record.
enum : std::uint8_t { plain = 0, comma = 1, newline = 2, quote = 4, high = 8 };
constexpr auto byte_classes = [] {
  std::array<std::uint8_t, 256> table{};
  table[','] = comma;
  table['\n'] = newline;
  table['"'] = quote;
  for (int c = 0x80; c < 0x100; ++c) table[c] = high;
  return table;
}();
}  // namespace

csv_reader::status csv_reader::next(csv_record& record, finding& problem) {
  if (position() >= stop_at_) return status::end;
  if (map_) release_read_pages();
  for (;;) {
    const char* begin = data_ + pos_;
    const char* limit = data_ + filled_;
    // One pass: split cells at commas, stop at the line end, note quotes and non-ASCII bytes.
    record.cells.clear();
    record.cell_starts.clear();
    std::uint8_t seen = 0;
    const char* p = begin;
    const char* cell = begin;
    bool at_newline = false;
#if defined(__SSE2__)
    // Sixteen bytes at a time: a bit for every comma, line end, quote or non-ASCII byte.
    const __m128i commas = _mm_set1_epi8(','), newlines = _mm_set1_epi8('\n'), quotes = _mm_set1_epi8('"');
    while (!at_newline && p + 16 <= limit) {
      __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      auto mask = static_cast<unsigned>(_mm_movemask_epi8(
          _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(chunk, commas), _mm_cmpeq_epi8(chunk, newlines)),
                       _mm_cmpeq_epi8(chunk, quotes))));
      // Non-ASCII bytes (their sign bit) are noted for the chunk, not visited one by one: a row
      // written with Chinese labels has three such bytes per character.
      auto non_ascii = static_cast<unsigned>(_mm_movemask_epi8(chunk));
      while (mask != 0) {
        unsigned bit = static_cast<unsigned>(__builtin_ctz(mask));
        const char* at = p + bit;
        mask &= mask - 1;
        std::uint8_t c = byte_classes[static_cast<unsigned char>(*at)];
        if (c == comma && split_cells_) {
          record.cells.emplace_back(cell, static_cast<std::size_t>(at - cell));
          cell = at + 1;
        } else if (c == newline) {
          p = at;
          at_newline = true;
          non_ascii &= (1u << bit) - 1;  // only the bytes of this line
          break;
        } else {
          seen |= c;
        }
      }
      if (non_ascii != 0) seen |= high;
      if (!at_newline) p += 16;
    }
#endif
    for (; !at_newline && p < limit; ++p) {
      std::uint8_t c = byte_classes[static_cast<unsigned char>(*p)];
      if (c == plain) continue;
      if (c == comma && split_cells_) {
        record.cells.emplace_back(cell, static_cast<std::size_t>(p - cell));
        cell = p + 1;
        continue;
      }
      if (c == newline) break;
      seen |= c;
    }
    bool complete = p < limit || eof_;
    std::size_t length = static_cast<std::size_t>(p - begin);
    if (!complete) {
      if (length < max_record_bytes && fill()) continue;
      if (!eof_) {  // longer than we accept: skip to the next line end
        std::uint64_t line = line_;
        for (;;) {
          pos_ = filled_;
          if (!fill()) break;
          const void* nl = std::memchr(buffer_.data(), '\n', filled_);
          if (nl) {
            pos_ = static_cast<std::size_t>(static_cast<const char*>(nl) - buffer_.data()) + 1;
            break;
          }
        }
        line_ = line + 1;
        problem.code = finding_code::too_long;
        problem.line = line;
        problem.column = 1;
        problem.message = i18n::tr("the row is longer than {} bytes; it was skipped", max_record_bytes);
        return status::error;
      }
      continue;  // fill() reached the end: the last record has no line end
    }
    if (length == 0 && p == limit) return status::end;
    if (length > max_record_bytes) {
      pos_ += p < limit ? length + 1 : length;
      problem.code = finding_code::too_long;
      problem.line = line_++;
      problem.column = 1;
      problem.message = i18n::tr("the row is longer than {} bytes; it was skipped", max_record_bytes);
      return status::error;
    }
    std::string_view line_text(begin, length);
    if ((seen & high) && !valid_utf8(line_text)) {
      auto offset = lang::find_invalid_utf8(line_text).value_or(0);
      std::string sample(line_text);
      eof_ = true;
      gave_up_ = true;
      pos_ = filled_;
      return fail(problem, finding_code::bad_encoding, character_column(line_text, offset),
                  i18n::tr("the file is not UTF-8 from this line on (it looks like {}); give its encoding with "
                           "--encoding (gb18030, gbk or utf-16), or save it as UTF-8",
                           guess_encoding(sample)));
    }
    if (split_cells_ && (seen & quote)) {
      status result;
      if (parse_quoted(pos_, record, problem, result)) return result;
      continue;  // needs more bytes
    }
    record.line = line_;
    record.raw = line_text;
    std::size_t last = static_cast<std::size_t>(cell - begin);
    std::size_t last_length = length - last;
    if (!record.raw.empty() && record.raw.back() == '\r') {
      record.raw.remove_suffix(1);
      if (last_length > 0) --last_length;
    }
    record.cells.emplace_back(cell, last_length);
    pos_ += p < limit ? length + 1 : length;
    ++line_;
    return status::record;
  }
}

// Returns false when the record continues past the buffered bytes (after fetching more, the
// caller tries again); true with `result` set otherwise.
bool csv_reader::parse_quoted(std::size_t record_begin, csv_record& record, finding& problem, status& result) {
  const char* data = data_ + record_begin;
  std::size_t available = filled_ - record_begin;
  scratch_.clear();
  scratch_.reserve(available);
  std::vector<std::pair<std::size_t, std::size_t>> spans;  // into scratch_
  record.cell_starts.clear();
  std::size_t i = 0, newlines = 0;
  bool at_cell_start = true, in_quotes = false, was_quoted = false;
  std::size_t cell_begin = 0, quote_column = 0;
  auto finish_cell = [&]() { spans.emplace_back(cell_begin, scratch_.size() - cell_begin); };
  for (;;) {
    if (i >= available) {
      if (!eof_ && available < max_record_bytes && fill()) return false;
      if (in_quotes) {
        std::string_view first_line(data, std::min<std::size_t>(available, std::string_view(data, available).find('\n')));
        result = fail(problem, finding_code::unterminated_quote, character_column(first_line, quote_column),
                      i18n::text("a quoted cell is never closed: a `\"` opens it but no `\"` ends it, so the rest of "
                                 "the file cannot be read"));
        pos_ = filled_;
        eof_ = true;
        gave_up_ = true;
        return true;
      }
      break;  // last record without a line end
    }
    char c = data[i];
    if (at_cell_start) {
      record.cell_starts.push_back(static_cast<std::uint32_t>(i));
      cell_begin = scratch_.size();
      at_cell_start = false;
      was_quoted = false;
      if (c == '"') {
        in_quotes = was_quoted = true;
        quote_column = i;
        ++i;
        continue;
      }
    }
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < available && data[i + 1] == '"') {
          scratch_ += '"';
          i += 2;
          continue;
        }
        if (i + 1 >= available && !eof_) {  // cannot tell "" from " yet
          if (available < max_record_bytes && fill()) return false;
        }
        in_quotes = false;
        ++i;
        continue;
      }
      if (c == '\n') ++newlines;
      scratch_ += c;
      ++i;
      continue;
    }
    if (c == ',') {
      finish_cell();
      at_cell_start = true;
      ++i;
      continue;
    }
    if (c == '\n') break;
    if (c == '\r' && (i + 1 >= available || data[i + 1] == '\n')) {
      ++i;
      continue;
    }
    if (c == '"' || was_quoted) {
      std::string_view first_line(data, std::min<std::size_t>(available, std::string_view(data, available).find('\n')));
      std::uint64_t line = line_;
      const std::size_t at = i;  // the column points at the quote or the text after one
      // skip the rest of this physical line
      while (i < available && data[i] != '\n') ++i;
      pos_ = record_begin + std::min(i + 1, available);
      line_ += newlines + 1;
      problem.code = finding_code::malformed_row;
      problem.line = line;
      problem.column = character_column(first_line, std::min(at, first_line.size()));
      problem.message = c == '"' ? i18n::text("a `\"` inside a cell that does not start with one; quote the whole cell and "
                                              "double the inner quote (\"\")")
                                 : i18n::text("text after a quoted cell's closing `\"`; put it inside the quotes");
      result = status::error;
      return true;
    }
    scratch_ += c;
    ++i;
  }
  if (at_cell_start) {
    record.cell_starts.push_back(static_cast<std::uint32_t>(i));
    cell_begin = scratch_.size();
  }
  finish_cell();
  record.cells.clear();
  for (const auto& [b, n] : spans) record.cells.emplace_back(scratch_.data() + b, n);
  std::size_t raw_end = std::min(i, available);
  record.raw = std::string_view(data, raw_end);
  if (!record.raw.empty() && record.raw.back() == '\r') record.raw.remove_suffix(1);
  record.line = line_;
  line_ += newlines + 1;
  pos_ = record_begin + std::min(i + 1, available);
  result = status::record;
  return true;
}

namespace {

// The quotes and line ends in `n` bytes.
void count_quotes_and_lines(const char* data, std::size_t n, std::uint64_t& quotes, std::uint64_t& lines) {
  std::size_t i = 0;
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"'), newline = _mm_set1_epi8('\n');
  for (; i + 16 <= n; i += 16) {
    __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i));
    quotes += static_cast<unsigned>(__builtin_popcount(static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(chunk, quote)))));
    lines += static_cast<unsigned>(__builtin_popcount(static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(chunk, newline)))));
  }
#endif
  for (; i < n; ++i) {
    quotes += data[i] == '"';
    lines += data[i] == '\n';
  }
}

}  // namespace

split_point find_split_point(int fd, std::uint64_t from, std::uint64_t from_line, std::uint64_t cut, std::uint64_t end) {
  if (cut <= from) return {from, from_line};
  cut = std::min(cut, end);
  std::uint64_t quotes = 0, lines = from_line;
  // Up to the byte before the cut: a record starts at the cut when that byte ends a line. The
  // bytes are counted in place (mapped, a window at a time, each released after), not copied:
  // this is work the other threads do not wait for, but it delays this part's own rows.
  std::uint64_t at = from;
  static const auto page = static_cast<std::uint64_t>(::sysconf(_SC_PAGESIZE));
  constexpr std::uint64_t window = 8u << 20;
  stop_cleanly_if_a_mapped_file_shrinks();
  while (at < cut - 1) {
    const std::uint64_t start = at / page * page;
    const auto size = static_cast<std::size_t>(std::min<std::uint64_t>(window, cut - 1 - start));
    void* mapped = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, static_cast<off_t>(start));
    if (mapped == MAP_FAILED) break;  // read through a buffer instead
    ::madvise(mapped, size, MADV_SEQUENTIAL);
    const auto skip = static_cast<std::size_t>(at - start);
    count_quotes_and_lines(static_cast<const char*>(mapped) + skip, size - skip, quotes, lines);
    ::munmap(mapped, size);
    at = start + size;
  }
  std::vector<char> buffer(chunk_bytes);
  while (at < cut - 1) {
    auto want = static_cast<std::size_t>(std::min<std::uint64_t>(buffer.size(), cut - 1 - at));
    ssize_t got = ::pread(fd, buffer.data(), want, static_cast<off_t>(at));
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return {end, lines};  // unreadable: the part before reads on and the check fails
    count_quotes_and_lines(buffer.data(), static_cast<std::size_t>(got), quotes, lines);
    at += static_cast<std::uint64_t>(got);
  }
  // From there, the first line end outside quotes.
  while (at < end) {
    auto want = static_cast<std::size_t>(std::min<std::uint64_t>(buffer.size(), end - at));
    ssize_t got = ::pread(fd, buffer.data(), want, static_cast<off_t>(at));
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break;
    for (std::size_t i = 0; i < static_cast<std::size_t>(got); ++i) {
      if (buffer[i] == '"') ++quotes;
      else if (buffer[i] == '\n') {
        ++lines;
        if (quotes % 2 == 0) return {at + i + 1, lines};
      }
    }
    at += static_cast<std::uint64_t>(got);
  }
  return {end, lines};
}

}  // namespace rubric::engine
