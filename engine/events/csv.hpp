// A streaming CSV reader (RFC 4180 with the habits of spreadsheet programs: a UTF-8 BOM, CRLF
// line ends, quoted cells with "" for a quote and line breaks inside). It reads a byte range of
// a file through a fixed buffer, so memory does not grow with the file.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/findings.hpp"

namespace rubric::engine {

struct csv_record {
  std::uint64_t line = 0;                  // 1-based physical line where the record starts
  std::vector<std::string_view> cells;     // valid until the next call to next()
  std::vector<std::uint32_t> cell_starts;  // quoted records only: byte offset of each cell in `raw`
  std::string_view raw;                    // the record's text, without its line end

  // Byte offset of cell `i` in `raw`. Unquoted cells point into `raw`, so their offsets are
  // not stored: one less write per cell on the hot path.
  std::uint32_t cell_offset(std::size_t i) const {
    if (i < cell_starts.size()) return cell_starts[i];
    if (i < cells.size()) return static_cast<std::uint32_t>(cells[i].data() - raw.data());
    return 0;
  }
};

// Every reader that maps a file calls this first: a mapped file that shrinks under the reader
// stops the run with a message and exit status 2 instead of a crash (SIGBUS).
void stop_cleanly_if_a_mapped_file_shrinks();

class csv_reader {
 public:
  static constexpr std::size_t max_record_bytes = 1u << 20;

  // Reads bytes [begin, end) of the open file `fd`; `first_line` numbers the first record.
  // A range that starts at 0 skips a UTF-8 byte order mark.
  // With `split_cells` false each physical line is one record of one cell (for JSON Lines).
  // The range is mapped into memory when it can be (read in place, no copy), else read through a buffer.
  csv_reader(int fd, std::uint64_t begin, std::uint64_t end, std::uint64_t first_line = 1, bool split_cells = true);
  ~csv_reader();
  csv_reader(const csv_reader&) = delete;
  csv_reader& operator=(const csv_reader&) = delete;

  enum class status { record, end, error };
  // On error, `problem` describes it; the reader has skipped past the bad record (or, for an
  // encoding error, to the end: the rest of such a file cannot be trusted).
  status next(csv_record& record, finding& problem);

  std::uint64_t next_line() const { return line_; }
  // Offset in the file of the first byte not yet returned.
  std::uint64_t position() const { return file_pos_ - (filled_ - pos_); }
  // Ends the range at the first record that starts at or after `offset` (a record that starts
  // before it is read whole, wherever it ends): a part of a split file stops where a reader of
  // the whole file would have started the next record after the cut.
  void stop_at_record_after(std::uint64_t offset) { stop_at_ = offset; }
  // The bytes read from the file but not yet returned, starting at position(): valid until the
  // next call to next(). For looking at rows ahead.
  std::string_view buffered() const { return {data_ + pos_, filled_ - pos_}; }
  // True when the reader gave up on the rest of the file (not UTF-8, or a quote never closed):
  // a reader of the whole file would have read nothing after this range either.
  bool gave_up() const { return gave_up_; }
  // True when the range is read in place (mapped): then the cells of an unquoted record stay
  // valid after the next call to next(), and a caller may hold a few records at once.
  bool in_place() const { return map_ != nullptr; }

 private:
  bool fill();  // more bytes into the buffer; false at the end of the range
  bool map(std::uint64_t begin, std::uint64_t end);  // the whole range in place; false when it cannot be
  void release_read_pages();  // the mapped pages already read leave the process's memory
  status fail(finding& problem, finding_code code, std::uint32_t offset, std::string message);
  bool parse_quoted(std::size_t record_begin, csv_record& record, finding& problem, status& result);

  int fd_;
  std::uint64_t file_pos_, file_end_;
  std::vector<char> buffer_;
  const char* data_ = nullptr;  // the bytes [0, filled_): buffer_'s, or the range's mapping
  // The mapping (page-aligned, so it starts up to a page before the range) and how far its pages
  // have been released: a mapped page counts toward the process's memory until it is released.
  char* map_ = nullptr;
  std::size_t map_size_ = 0, map_lead_ = 0, released_ = 0;
  std::size_t pos_ = 0, filled_ = 0;
  bool eof_ = false;
  std::uint64_t line_;
  std::string scratch_;
  bool first_chunk_;
  bool split_cells_;
  bool gave_up_ = false;
  std::uint64_t stop_at_ = UINT64_MAX;
};

// Where one part of a CSV file split for several threads starts: the first record that starts at
// or after `cut`, found without parsing what comes before. A line end is a record's end exactly
// when an even number of quotes precede it (a quoted cell opens and closes with one, and "" inside
// it counts two), so the quotes from `from` (a record start, on line `from_line`) are counted, as
// parallel CSV parsers do. In a file with a misplaced quote the parity can differ from what a
// reader of the whole file does; the part before then stops elsewhere, which the caller checks.
struct split_point {
  std::uint64_t offset = 0;  // the record's first byte (the range's end when there is none)
  std::uint64_t line = 0;    // its line number
};
split_point find_split_point(int fd, std::uint64_t from, std::uint64_t from_line, std::uint64_t cut, std::uint64_t end);


// Character column (1-based) of byte `offset` in `text`.
std::uint32_t character_column(std::string_view text, std::size_t offset);
// True when `text` is well-formed UTF-8.
bool valid_utf8(std::string_view text);
// What a line that is not UTF-8 probably is, for the message: "UTF-16", "GB18030", or what a
// binary file is (never GB18030: engine/events/encoding.hpp).
std::string guess_encoding(std::string_view sample);

}  // namespace rubric::engine
