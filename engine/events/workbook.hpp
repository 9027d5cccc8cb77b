// Excel and WPS workbooks (.xlsx): the zip container through minizip, each part's XML streamed
// through expat from the zip entry in fixed chunks, so memory does not grow with the rows of a
// sheet. (liborcus, the other library Debian has, loads a whole sheet into memory.) The rows of a
// sheet are read by a purpose-built scanner, which hands anything unusual back to expat (see
// row_scanner in workbook.cpp) in a thread of its own, which hands finished rows to the thread
// that calls read_sheet; a sheet is inflated (ISA-L's igzip) in a third.
//
// A workbook is untrusted input: every part is read under limits (uncompressed bytes, the
// compression ratio, the shared strings' memory) and XML with a DOCTYPE is refused, so a zip
// bomb or an entity expansion gets a clear error, never a crash, a hang or unbounded memory.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace rubric::engine {

// A zip's local file header (`PK\3\4`): an .xlsx, whatever the file is called.
bool starts_like_zip(std::string_view head);
// An OLE compound document (`D0 CF 11 E0`): an old .xls, or a workbook saved with a password.
bool starts_like_ole(std::string_view head);

struct workbook_limits {
  std::uint64_t part_bytes = std::uint64_t{2} << 30;  // uncompressed bytes of one part (a sheet)
  std::uint64_t ratio = 250;                          // uncompressed bytes per compressed byte
  std::uint64_t ratio_from = std::uint64_t{1} << 20;  // the ratio is checked from this many bytes on
  std::uint64_t shared_string_bytes = std::uint64_t{128} << 20;  // memory the shared strings may take
  std::size_t cell_bytes = std::size_t{1} << 20;      // the text of one cell
  // Not a limit: the rows of a sheet are read by the row scanner (workbook.cpp), expat reading the
  // rest; false has expat read everything (the fuzzer compares the two).
  bool scan_rows = true;
};

enum class cell_type {
  text,             // a shared, inline or formula string; a `t="d"` ISO date, as written
  number,           // a number, as Excel shows it: 15 significant digits (see excel_number_text)
  date_number,      // a number in a date format: a serial day (see serial_to_date)
  boolean,          // `true` or `false`
  error,            // a formula's error value, like `#N/A`
  formula_no_value  // a formula whose value was never saved (a file written by a script)
};

struct sheet_cell {
  std::uint32_t column = 0;  // from 0: column A is 0
  cell_type type = cell_type::text;
  std::string_view text;  // valid during the row handler's call
};

class workbook {
 public:
  struct sheet {
    std::string name;  // as on the sheet's tab: `10月`
    std::string part;  // its path in the zip: `xl/worksheets/sheet1.xml`
    std::uint64_t bytes = 0;  // uncompressed, as the zip says
  };

  // Reads the sheet list, the shared strings and the styles. On failure returns nullptr and
  // says why in `error` (the message names the part, not the file: the caller adds the file).
  static std::unique_ptr<workbook> open(const std::string& path, std::string& error, const workbook_limits& limits = {});
  ~workbook();

  const std::vector<sheet>& sheets() const { return sheets_; }
  bool date1904() const { return date1904_; }

  // Called for each row that has a cell, with its row number (from 1) and cells in column
  // order; returns false to stop reading the sheet.
  using row_handler = std::function<bool(std::uint64_t row, const std::vector<sheet_cell>& cells)>;
  // Streams sheet `index`, reading it in a thread of its own; `on_row` is called on the calling
  // thread. Safe to call from several threads at once: each call opens the file.
  // Returns false and sets `error` when the sheet cannot be read to its end.
  bool read_sheet(std::size_t index, const row_handler& on_row, std::string& error) const;

 private:
  workbook() = default;
  std::string path_;
  workbook_limits limits_;
  std::vector<sheet> sheets_;
  bool date1904_ = false;
  // The shared strings, in blocks that never move (no copy as the table grows, so its memory is
  // what the cap says), each string whole in one block.
  std::vector<std::unique_ptr<char[]>> shared_blocks_;
  std::deque<std::string_view> shared_;
  std::vector<bool> date_styles_;            // by cell style index: a date format
};

// `C` for column 2 (from 0), `AA` for 26.
std::string column_letters(std::uint32_t column);
// A number as Excel shows it and as the person typed it: the stored text (up to 17 significant
// digits, `0.30000000000000004`, `1.5E-3`) rounded to 15 significant digits, half away from zero,
// written without an exponent or trailing zeros (`0.3`, `0.0015`). Exact: decimal digits only.
// Returns the text unchanged when it is not a number.
std::string excel_number_text(std::string_view stored);
// A serial day number to `YYYY-MM-DD`. 1900 system: 1 is 1900-01-01 and 60 is 1900-02-29, a day
// Excel counts (after Lotus 1-2-3) that never was; 1904 system: 0 is 1904-01-01. A time of day
// (the fraction) is dropped. On failure returns false and says why in `message`.
bool serial_to_date(std::string_view number, bool date1904, std::string& date, std::string& message);
// The time of day in a serial's fraction, to the nearest second, as ` HH:MM:SS` after the date;
// empty when the serial is a whole day (or within half a second of one).
std::string serial_time_text(std::string_view number);

}  // namespace rubric::engine
