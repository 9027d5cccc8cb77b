// Event files: CSV with a header row, JSON Lines (one object per line), or an Excel workbook
// (.xlsx, known by its content: see workbook.hpp) whose sheets each have a header row. The
// readers stream: memory does not grow with the number of rows.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/events/decoder.hpp"
#include "engine/events/encoding.hpp"

#include "engine/events/workbook.hpp"

namespace rubric::engine {

class event_sink {
 public:
  virtual ~event_sink() = default;
  virtual void on_event(const decoded_event& event, const row_origin& origin) = 0;
  // Rejected rows, events that are not scored, and file-level problems.
  virtual void on_finding(finding&& problem) = 0;
};

// The column a header cell or a JSON key names: `date`, `unit`, `kind` or an attribute, by its
// name or its label (`日期`, `物品`). A word that names two columns is neither.
struct column_word {
  std::string word;
  std::string name;  // empty when the word is ambiguous
};

enum class event_format { csv, jsonl, workbook };
event_format format_of(const std::string& path);  // by extension: .jsonl and .ndjson are JSON Lines

// An opened event file, split into ranges that can be read independently (CSV only, and only
// when no cell is quoted: a quoted cell may hold a line break that a split would cut; a
// workbook's sheets are read independently too). `FILE.xlsx#Sheet` names one sheet.
class event_file {
 public:
  // On failure returns nullptr and reports to `sink`.
  // A file that is not UTF-8 is read in `encoding` (guessed when automatic), converted.
  static std::unique_ptr<event_file> open(const std::string& path, const plan& p, const roster& r, event_sink& sink,
                                          text_encoding encoding = text_encoding::automatic);
  ~event_file();

  // Splits a CSV file of at least `min_bytes` into `parts` ranges; returns how many there are.
  // Only byte offsets are chosen here, so every thread starts at once: the thread that reads a
  // range finds where its first record starts (find_split_point in csv.hpp).
  std::size_t split(std::size_t parts, std::uint64_t min_bytes);
  // Reads range `index`; line numbers in findings are those of the file. The ranges of one
  // file may be read at the same time, each by its own thread.
  void read(std::size_t index, event_sink& sink);
  // After every range is read: how many ranges, from the first, were read exactly as one reader
  // of the whole file reads them (each starts where the one before stopped). Fewer than all
  // only in a file whose misplaced quotes misled a range's start; see read_rest_after.
  std::size_t ranges_read_right() const;
  // Reads the file from where range `index` stopped to its end (the ranges after it are
  // dropped), unless the reader gave up there, as a reader of the whole file would have.
  void read_rest_after(std::size_t index, event_sink& sink);
  const std::string& path() const { return path_; }

 private:
  struct range {
    std::uint64_t begin, end;
    std::uint64_t first_line;  // the line number of the range's first byte
    // A range of a split CSV file after the first: its thread finds its start, the first record
    // at or after `cut`, counting quotes from the first range's start.
    bool find_start = false;
    std::uint64_t cut = 0;
    // Reading stops at the first record that starts at or after `stop` (the next range's cut).
    std::uint64_t stop = UINT64_MAX;
    // Where reading stopped, the line number there, and whether the reader gave up on the file.
    std::uint64_t stopped_at = 0, next_line = 0;
    bool gave_up = false;
  };
  event_file() = default;
  void read_csv(range& r, event_sink& sink);
  void read_jsonl(range& r, event_sink& sink);

  // A sheet whose header names the events columns.
  struct events_sheet {
    std::size_t index = 0;           // in the workbook
    std::string name;                // `events.xlsx[10月]`: the sheet as staff name it, for places
    std::uint64_t header_row = 0;
    std::size_t width = 0;           // columns the header names
    std::size_t date_column = 0, unit_column = 0, kind_column = 0;
    std::vector<int> attribute_positions;
    std::unique_ptr<event_decoder> decoder;
  };
  bool open_workbook(const std::string& file, const std::string& wanted_sheet, const plan& p, const roster& r,
                     event_sink& sink);
  void read_sheet(events_sheet& sheet, event_sink& sink);
  std::string path_;
  int fd_ = -1;
  std::uint64_t size_ = 0;
  event_format format_ = event_format::csv;
  std::unique_ptr<event_decoder> decoder_;
  std::size_t date_column_ = 0, unit_column_ = 0, kind_column_ = 0, cell_count_ = 0;
  std::vector<int> attribute_positions_;  // CSV position of each decoder column
  // JSON Lines: every name and label of a column, sorted, and the plan's columns for messages.
  std::vector<column_word> column_words_;
  std::vector<term> plan_columns_;
  std::vector<range> ranges_;
  range whole_{0, 0, 1};  // a CSV file's rows, after the header
  // A workbook: its events sheets, and which of them each range reads (begin, end).
  std::unique_ptr<workbook> workbook_;
  std::vector<events_sheet> sheets_;
  std::vector<std::pair<std::size_t, std::size_t>> sheet_ranges_;
};

// The parts of `FILE.xlsx#Sheet`: the file and the sheet (empty when the whole path is a file
// or there is no `#`).
std::pair<std::string, std::string> split_sheet_name(const std::string& path);
// `events.xlsx[10月]!C14`: a cell as staff find it (`column` from 0).
std::string cell_place(std::string_view sheet_name, std::uint32_t column, std::uint64_t row);
// A row's cells as one CSV line, for --rejects and explanations.
void row_as_csv(const std::vector<std::string_view>& cells, std::string& out);

}  // namespace rubric::engine
