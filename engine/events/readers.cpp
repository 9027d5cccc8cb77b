#include "engine/events/readers.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <functional>
#include <map>
#include <optional>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "engine/events/csv.hpp"
#include "engine/events/encoding.hpp"
#include "engine/events/vocabulary.hpp"
#include "engine/string_map.hpp"
#include "lang/i18n.hpp"
#include "lang/reserved_names.hpp"
#include "lang/source.hpp"

namespace rubric::engine {

event_format format_of(const std::string& path) {
  auto ends_with = [&](std::string_view suffix) {
    return path.size() >= suffix.size() && path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  return ends_with(".jsonl") || ends_with(".ndjson") ? event_format::jsonl : event_format::csv;
}

event_file::~event_file() {
  if (fd_ >= 0) ::close(fd_);
}

namespace {

// Names for a message: the first few, then how many more.
std::string some_names(const std::vector<std::string_view>& names) {
  constexpr std::size_t shown = 5;
  std::string out;
  for (std::size_t i = 0; i < std::min(names.size(), shown); ++i) {
    out += fmt::format("{}`{}`", i ? ", " : "", names[i].empty() ? std::string_view("(empty)") : names[i]);
  }
  if (names.size() > shown) out += i18n::tr(" and {} more", names.size() - shown);
  return out;
}

// Every word of an events file's columns, sorted for lookup.
std::vector<column_word> column_words(const plan& p) {
  std::vector<column_word> words;
  auto ambiguous = ambiguous_words(p.event_columns);
  for (const auto& t : p.event_columns) {
    for (const std::string* w : {&t.name, &t.label}) {
      if (w->empty()) continue;
      bool twice = std::binary_search(ambiguous.begin(), ambiguous.end(), *w);
      words.push_back({*w, twice ? std::string() : t.name});
    }
  }
  std::sort(words.begin(), words.end(), [](const column_word& a, const column_word& b) { return a.word < b.word; });
  words.erase(std::unique(words.begin(), words.end(), [](const column_word& a, const column_word& b) { return a.word == b.word; }),
              words.end());
  return words;
}

// The Chinese headers of every events file's own columns, for messages: 日期, 单元, 类型.
std::string chinese_event_columns() {
  return fmt::format("{}, {}, {}", date_column_label, unit_column_label, kind_column_label);
}

const column_word* find_column(const std::vector<column_word>& words, std::string_view word) {
  auto it = std::lower_bound(words.begin(), words.end(), word,
                             [](const column_word& a, std::string_view w) { return a.word < w; });
  return it != words.end() && it->word == word ? &*it : nullptr;
}

// The columns of an events header, by position.
struct header_columns {
  std::size_t date = 0, unit = 0, kind = 0;
  std::vector<std::string> attributes;  // the attribute each of attribute_positions holds
  std::vector<int> attribute_positions;
};
constexpr std::size_t whole_header = static_cast<std::size_t>(-1);  // a problem of no one cell

// Finds the columns of a header row (CSV or a sheet's first row). Reports each kind of problem
// once, with the cell it starts at (or whole_header); returns false when there was any.
bool read_header(const std::vector<std::string_view>& cells, const plan& p, header_columns& out,
                 const std::function<void(std::size_t cell, std::string message)>& problem) {
  // One finding per kind of problem, however many columns have it: a header of 100k columns
  // must not give 100k findings that each hold the header.
  // A column is known by its name: `数量` and `count` in one header are one column given twice.
  auto words = column_words(p);
  std::map<std::string_view, std::size_t> seen;
  std::vector<std::string_view> twice, unknown, ambiguous;
  std::size_t first_twice = 0, first_unknown = 0, first_ambiguous = 0;
  for (std::size_t c = 0; c < cells.size(); ++c) {
    std::string_view written = cells[c];
    const column_word* found = find_column(words, written);
    if (found && found->name.empty()) {
      if (ambiguous.empty()) first_ambiguous = c;
      ambiguous.push_back(written);
      continue;
    }
    std::string_view name = found ? std::string_view(found->name) : written;
    if (auto [it, fresh] = seen.emplace(name, c); !fresh) {
      if (twice.empty()) first_twice = c;
      twice.push_back(written);
      continue;
    }
    if (name == lang::reserved::date_column) out.date = c;
    else if (name == lang::reserved::unit_column) out.unit = c;
    else if (name == lang::reserved::kind_column) out.kind = c;
    else if (std::binary_search(p.attribute_names.begin(), p.attribute_names.end(), name)) {
      out.attributes.emplace_back(name);
      out.attribute_positions.push_back(static_cast<int>(c));
    } else {
      if (unknown.empty()) first_unknown = c;
      unknown.push_back(name);
    }
  }
  bool bad = false;
  if (!ambiguous.empty()) {
    std::string_view word = ambiguous.front();
    problem((first_ambiguous),
                   i18n::tr("column {}", ambiguity_text(word, names_for(word, p.event_columns), p.event_columns)));
    bad = true;
  }
  if (!twice.empty()) {
    auto name_of = [&](std::string_view written) {
      const column_word* found = find_column(words, written);
      return found ? std::string_view(found->name) : written;
    };
    std::size_t first = seen[name_of(twice[0])];
    std::string_view first_written = cells[first];
    problem((first_twice),
                   twice.size() > 1 ? i18n::tr("columns appear twice: {}", some_names(twice))
                   : first_written == twice[0]
                       ? i18n::tr("column `{}` appears twice (also column {})", twice[0], first + 1)
                       : i18n::tr("column `{}` is column {} (`{}`) again: a name and its label are one column",
                                  twice[0], first + 1, first_written));
    bad = true;
  }
  if (!unknown.empty()) {
    problem((first_unknown),
                   unknown.size() == 1
                       ? i18n::tr("column {} is not `date`, `unit`, `kind` ({}) or an attribute of any event kind, "
                                  "by name or label{}",
                                  some_names(unknown), chinese_event_columns(), did_you_mean(unknown.front(), p.event_columns))
                       : i18n::tr("columns {} are not `date`, `unit`, `kind` ({}) or an attribute of any event kind, "
                                  "by name or label{}",
                                  some_names(unknown), chinese_event_columns(), did_you_mean(unknown.front(), p.event_columns)));
    bad = true;
  }
  for (const auto& required : {term{std::string(lang::reserved::date_column), std::string(date_column_label)},
                               term{std::string(lang::reserved::unit_column), std::string(unit_column_label)},
                               term{std::string(lang::reserved::kind_column), std::string(kind_column_label)}}) {
    if (!seen.count(required.name) && ambiguous.empty()) {
      problem(whole_header,
                     i18n::tr("the header has no {} column; it needs date, unit and kind ({})", term_text(required),
                              chinese_event_columns()));
      bad = true;
    }
  }
  return !bad;
}

}  // namespace

std::unique_ptr<event_file> event_file::open(const std::string& path, const plan& p, const roster& r,
                                             event_sink& sink, text_encoding encoding) {
  std::unique_ptr<event_file> file(new event_file());
  file->path_ = path;
  file->format_ = format_of(path);
  std::string error;
  bool not_regular = false;
  auto [file_path, wanted_sheet] = split_sheet_name(path);
  file->fd_ = lang::open_regular_file(file_path, error, &not_regular);
  struct stat st {};
  if (file->fd_ < 0 || ::fstat(file->fd_, &st) != 0) {
    sink.on_finding({not_regular ? finding_code::not_a_file : finding_code::io_error, path, 0, 0,
                     not_regular ? error : i18n::tr("cannot open `{}` as a file", path), {}});
    return nullptr;
  }
  file->size_ = static_cast<std::uint64_t>(st.st_size);

  char head[4] = {};
  ssize_t head_size = ::pread(file->fd_, head, sizeof head, 0);
  // A workbook is known by its content (a zip), whatever its name, before any guess at a text encoding.
  if (head_size == sizeof head && starts_like_zip(std::string_view(head, sizeof head))) {
    file->format_ = event_format::workbook;
    if (!file->open_workbook(file_path, wanted_sheet, p, r, sink)) return nullptr;
    return file;
  }
  if (head_size == sizeof head && starts_like_ole(std::string_view(head, sizeof head))) {
    sink.on_finding({finding_code::bad_encoding, path, 0, 0,
                     i18n::text("the file is an old Excel workbook (.xls) or one saved with a password; save it as an "
                                "Excel workbook (.xlsx) without a password and score that file"),
                     {}});
    return nullptr;
  }
  if (!wanted_sheet.empty()) {
    sink.on_finding({finding_code::io_error, path, 0, 0,
                     i18n::tr("`{}` names sheet `{}`, but `{}` is not a workbook (.xlsx)", path, wanted_sheet, file_path),
                     {}});
    return nullptr;
  }

  // GB18030 or UTF-16, as spreadsheets save them, is read from a converted copy.
  auto text = open_as_utf8(file->fd_, file->size_, path, encoding);
  if (text.report) sink.on_finding(std::move(*text.report));
  if (!text.ok) return nullptr;
  if (::pread(file->fd_, head, sizeof head, 0) < 1) head[0] = '\0';

  if (file->format_ == event_format::jsonl) {
    file->decoder_ = std::make_unique<event_decoder>(p, r, p.attribute_names);
    file->column_words_ = column_words(p);
    file->plan_columns_ = p.event_columns;
    file->ranges_.push_back({0, file->size_, 1});
    return file;
  }

  // Every problem with the header is a problem with the whole file: no row of it can be read.
  auto header_problem = [&](std::uint64_t line, std::uint32_t column, std::string message, std::string_view row) {
    sink.on_finding({finding_code::bad_header, path, line, column, std::move(message), std::string(row)});
  };
  if (head[0] == '{') {
    header_problem(1, 1,
                   i18n::text("the file looks like JSON Lines (its first line starts with `{`), but its name does not "
                              "end in .jsonl or .ndjson, so it was read as CSV; rename it"),
                   {});
    return nullptr;
  }
  csv_reader reader(file->fd_, 0, file->size_);
  csv_record header;
  finding problem;
  auto status = reader.next(header, problem);
  if (status == csv_reader::status::end) {
    header_problem(1, 1,
                   i18n::tr("the file is empty; expected a header row: date,unit,kind,... (or {},{},{},...)",
                            date_column_label, unit_column_label, kind_column_label),
                   {});
    return nullptr;
  }
  if (status == csv_reader::status::error) {
    problem.file = path;
    if (is_row_problem(problem.code)) {
      problem.code = finding_code::bad_header;
      problem.message = i18n::tr("the header row cannot be read: {}", problem.message);
    }
    sink.on_finding(std::move(problem));
    return nullptr;
  }
  header_columns columns;
  bool bad = !read_header(header.cells, p, columns, [&](std::size_t cell, std::string message) {
    std::uint32_t column = cell == whole_header ? 1 : character_column(header.raw, header.cell_offset(cell));
    header_problem(header.line, column, std::move(message), header.raw);
  });
  if (bad) return nullptr;
  file->cell_count_ = header.cells.size();
  file->date_column_ = columns.date;
  file->unit_column_ = columns.unit;
  file->kind_column_ = columns.kind;
  file->attribute_positions_ = std::move(columns.attribute_positions);
  file->decoder_ = std::make_unique<event_decoder>(p, r, std::move(columns.attributes));
  file->ranges_.push_back({reader.position(), file->size_, reader.next_line()});
  return file;
}

std::size_t event_file::split(std::size_t parts, std::uint64_t min_bytes) {
  if (format_ == event_format::workbook) {
    // Sheets are read independently; each range is a run of whole sheets, in order.
    std::uint64_t bytes = 0;
    for (const auto& sheet : sheets_) bytes += workbook_->sheets()[sheet.index].bytes;
    std::size_t count = std::min(parts, sheets_.size());
    if (count <= 1 || sheet_ranges_.size() != 1 || bytes < std::max<std::uint64_t>(min_bytes, 1)) return ranges_.size();
    sheet_ranges_.clear();
    for (std::size_t k = 0; k < count; ++k) {
      sheet_ranges_.push_back({sheets_.size() * k / count, sheets_.size() * (k + 1) / count});
    }
    ranges_.assign(count, range{0, 0, 1});
    return count;
  }
  if (parts <= 1 || format_ != event_format::csv || ranges_.size() != 1) return ranges_.size();
  whole_ = ranges_.front();
  if (whole_.end - whole_.begin < std::max<std::uint64_t>(min_bytes, 1)) return 1;  // not worth it
  // Equal byte shares; a quoted cell may hold a line end, so no line end is looked for here.
  std::vector<range> pieces(parts, whole_);
  for (std::size_t k = 0; k < parts; ++k) {
    if (k > 0) {
      pieces[k].find_start = true;
      pieces[k].cut = whole_.begin + (whole_.end - whole_.begin) * k / parts;
    }
    if (k + 1 < parts) pieces[k].stop = whole_.begin + (whole_.end - whole_.begin) * (k + 1) / parts;
  }
  ranges_ = std::move(pieces);
  return ranges_.size();
}

std::size_t event_file::ranges_read_right() const {
  if (format_ != event_format::csv) return ranges_.size();
  for (std::size_t k = 1; k < ranges_.size(); ++k) {
    const range& before = ranges_[k - 1];
    if (before.gave_up || before.stopped_at != ranges_[k].begin || before.next_line != ranges_[k].first_line) return k;
  }
  return ranges_.size();
}

void event_file::read_rest_after(std::size_t index, event_sink& sink) {
  const range& before = ranges_[index];
  if (before.gave_up) return;
  range rest{before.stopped_at, whole_.end, before.next_line};
  read_csv(rest, sink);
}

void event_file::read(std::size_t index, event_sink& sink) {
  if (format_ == event_format::workbook) {
    for (std::size_t s = sheet_ranges_[index].first; s < sheet_ranges_[index].second; ++s) read_sheet(sheets_[s], sink);
    return;
  }
  range& r = ranges_[index];
  if (format_ == event_format::jsonl) return read_jsonl(r, sink);
  read_csv(r, sink);
}

namespace {

// Calls `row` for every record of `reader`; reader errors go to `sink` as findings of `path`.
template <typename Row>
void for_each_record(csv_reader& reader, const std::string& path, event_sink& sink, Row&& row) {
  csv_record record;
  finding problem;
  for (;;) {
    auto status = reader.next(record, problem);
    if (status == csv_reader::status::end) return;
    if (status == csv_reader::status::error) {
      problem.file = path;
      sink.on_finding(std::move(problem));
      problem = {};
      continue;
    }
    row(record);
  }
}

std::uint32_t column_of(const csv_record& record, std::size_t cell) {
  if (cell >= record.cells.size()) return 1;
  return character_column(record.raw, record.cell_offset(cell));
}

}  // namespace

void event_file::read_csv(range& r, event_sink& sink) {
  if (r.find_start) {
    split_point start = find_split_point(fd_, whole_.begin, whole_.first_line, r.cut, r.end);
    r.begin = start.offset;
    r.first_line = start.line;
  }
  csv_reader reader(fd_, r.begin, r.end, r.first_line);
  reader.stop_at_record_after(r.stop);
  decoded_event event;
  decode_problem why;
  date_memo dates;
  // Rows are taken a batch at a time: their units' and people's roster slots are asked for first,
  // then the rows decoded, so that a batch waits for memory once (rows name units in random
  // order, and the lookup was the largest single cost). A batch holds its records' cells, which
  // stay valid only when the file is read in place, and ends after a quoted record (its cells
  // are in the reader's scratch space, which the next quoted record reuses).
  constexpr std::size_t batch_rows = 16;
  const std::size_t batch = reader.in_place() ? batch_rows : 1;
  std::vector<csv_record> records(batch);
  std::vector<cell> cells(attribute_positions_.size() * batch);
  row_origin origin{&path_, 0, {}};
  auto fill_cells = [&](const csv_record& record, cell* row_cells) {
    for (std::size_t c = 0; c < attribute_positions_.size(); ++c) {
      std::string_view text = record.cells[static_cast<std::size_t>(attribute_positions_[c])];
      row_cells[c] = {text, !text.empty()};
    }
  };
  auto decode_row = [&](const csv_record& record, const cell* row_cells) {
    if (record.raw.empty()) return;  // a blank line holds no row
    if (record.cells.size() != cell_count_) {
      sink.on_finding({finding_code::malformed_row, path_, record.line,
                       column_of(record, std::min(record.cells.size(), cell_count_) - 1),
                       i18n::tr("the row has {} cells, but the header names {} columns", record.cells.size(),
                                cell_count_),
                       std::string(record.raw)});
      return;
    }
    auto outcome = decoder_->decode(record.cells[date_column_], record.cells[unit_column_], record.cells[kind_column_],
                                    row_cells, event, why, &dates);
    if (outcome == event_decoder::outcome::event) {
      origin.line = record.line;
      origin.raw = record.raw;
      sink.on_event(event, origin);
      return;
    }
    std::size_t cell = why.field == decode_problem::field_date   ? date_column_
                       : why.field == decode_problem::field_unit ? unit_column_
                       : why.field == decode_problem::field_kind ? kind_column_
                                                                 : static_cast<std::size_t>(attribute_positions_[static_cast<std::size_t>(why.field)]);
    sink.on_finding({why.code, path_, record.line, column_of(record, cell), std::move(why.message), std::string(record.raw)});
    why = {};
  };
  finding problem;
  for (bool more = true; more;) {
    std::size_t taken = 0;
    bool failed = false;
    while (taken < batch) {
      auto status = reader.next(records[taken], problem);
      if (status == csv_reader::status::end) {
        more = false;
        break;
      }
      if (status == csv_reader::status::error) {
        failed = true;  // the rows before it first, then the problem: the file's order
        break;
      }
      csv_record& record = records[taken++];
      if (record.cells.size() == cell_count_) {
        cell* row_cells = cells.data() + (taken - 1) * attribute_positions_.size();
        fill_cells(record, row_cells);
        decoder_->prefetch(record.cells[unit_column_], row_cells);
      }
      if (!record.cell_starts.empty()) break;  // quoted: its cells live until the next quoted record
    }
    for (std::size_t i = 0; i < taken; ++i) decode_row(records[i], cells.data() + i * attribute_positions_.size());
    if (failed) {
      problem.file = path_;
      sink.on_finding(std::move(problem));
      problem = {};
    }
  }
  r.stopped_at = reader.position();
  r.next_line = reader.next_line();
  r.gave_up = reader.gave_up();
}

namespace {

// Collects one flat JSON object: keys to cells. Anything else is a malformed row.
class flat_object_reader : public nlohmann::json::json_sax_t {
 public:
  struct field {
    std::string key, value;
    bool present = false;  // false for null
  };
  std::vector<field> fields;
  std::string error;
  std::string duplicate_key;        // a key given twice, and which key of the object it was
  std::size_t duplicate_index = 0;  // (from 0)

  bool null() override { return value({}, false); }
  bool boolean(bool v) override { return value(v ? "true" : "false"); }
  bool number_integer(number_integer_t v) override { return value(std::to_string(v)); }
  bool number_unsigned(number_unsigned_t v) override { return value(std::to_string(v)); }
  bool number_float(number_float_t, const string_t& text) override { return value(text); }
  bool string(string_t& v) override { return value(v); }
  bool binary(binary_t&) override { return nested(); }
  bool start_object(std::size_t) override {
    if (depth_++ > 0) return nested();
    return true;
  }
  bool key(string_t& k) override {
    // nlohmann would keep the last value; a row must not say two things. Rows have a few keys,
    // so a scan; a set beyond that keeps a line of many keys linear.
    bool seen = false;
    if (fields.size() < 16) {
      seen = std::any_of(fields.begin(), fields.end(), [&](const field& f) { return f.key == k; });
    } else {
      if (many_keys_.empty()) {
        for (const auto& f : fields) many_keys_.emplace(f.key, 0);
      }
      seen = !many_keys_.emplace(k, 0).second;
    }
    if (seen) {
      duplicate_key = k;
      duplicate_index = fields.size();
      return false;
    }
    fields.push_back({k, {}, false});
    return true;
  }
  bool end_object() override {
    --depth_;
    return true;
  }
  bool start_array(std::size_t) override { return depth_ == 0 ? top_level() : nested(); }
  bool end_array() override { return true; }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::json::exception&) override {
    error = i18n::tr("the line is not valid JSON (at character {})", position);
    return false;
  }

 private:
  bool value(std::string_view v, bool present = true) {
    if (depth_ == 0) return top_level();
    fields.back().value = std::string(v);
    fields.back().present = present;
    return true;
  }
  bool nested() {
    error = i18n::tr("the value of `{}` is an object or a list; attribute values are strings, numbers, true, false "
                     "or null",
                     fields.empty() ? std::string("?") : fields.back().key);
    return false;
  }
  bool top_level() {
    error = i18n::tr("the line is not a JSON object; each line holds one object like {}", R"({"date": "2023-09-01", ...})");
    return false;
  }
  int depth_ = 0;
  string_map<int> many_keys_;
};

// Byte offset of the opening quote of key number `index` (from 0) of the flat object `line`.
std::size_t key_offset(std::string_view line, std::size_t index) {
  std::size_t keys = 0;
  int depth = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (c == '{' || c == '[') ++depth;
    else if (c == '}' || c == ']') --depth;
    else if (c == '"') {
      std::size_t start = i;
      for (++i; i < line.size() && line[i] != '"'; ++i) {
        if (line[i] == '\\') ++i;
      }
      std::size_t after = line.find_first_not_of(" \t\r", i + 1);
      if (depth == 1 && after != std::string_view::npos && line[after] == ':' && keys++ == index) return start;
    }
  }
  return 0;
}

}  // namespace

void event_file::read_jsonl(range& r, event_sink& sink) {
  csv_reader reader(fd_, r.begin, r.end, 1, false);
  decoded_event event;
  decode_problem why;
  const auto& columns = decoder_->columns();
  std::vector<cell> cells(columns.size());
  row_origin origin{&path_, 0, {}};
  for_each_record(reader, path_, sink, [&](const csv_record& record) {
    std::string_view line = record.raw;
    if (line.find_first_not_of(" \t") == std::string_view::npos) return;
    auto reject = [&](finding_code code, std::string message, std::uint32_t column = 1) {
      sink.on_finding({code, path_, record.line, column, std::move(message), std::string(line)});
    };
    flat_object_reader object;
    if (!nlohmann::json::sax_parse(line, &object, nlohmann::json::input_format_t::json, true)) {
      if (!object.duplicate_key.empty()) {
        return reject(finding_code::duplicate_key,
                      i18n::tr("key `{}` appears twice in the object; give each key once", object.duplicate_key),
                      character_column(line, key_offset(line, object.duplicate_index)));
      }
      reject(finding_code::malformed_row, object.error.empty() ? i18n::text("the line is not valid JSON") : object.error);
      return;
    }
    std::fill(cells.begin(), cells.end(), cell{});
    const std::string *date = nullptr, *unit = nullptr, *kind = nullptr;
    std::string unknown, ambiguous, twice;
    for (const auto& f : object.fields) {
      const std::string* value = f.present ? &f.value : nullptr;
      // Keys are names or labels (`"物品": "轮椅"`); a key that means two columns is an error.
      const column_word* found = find_column(column_words_, f.key);
      if (!found) {
        if (unknown.empty()) unknown = f.key;
        continue;
      }
      if (found->name.empty()) {
        if (ambiguous.empty()) ambiguous = f.key;
        continue;
      }
      const std::string& name = found->name;
      const std::string** reserved = name == lang::reserved::date_column   ? &date
                                     : name == lang::reserved::unit_column ? &unit
                                     : name == lang::reserved::kind_column ? &kind
                                                                           : nullptr;
      if (reserved) {
        if (*reserved && twice.empty()) twice = f.key;
        *reserved = value;
      } else if (auto it = std::lower_bound(columns.begin(), columns.end(), name); it != columns.end() && *it == name) {
        auto& c = cells[static_cast<std::size_t>(it - columns.begin())];
        if (c.present && twice.empty()) twice = f.key;
        if (value) c = {*value, true};
      }
    }
    if (!ambiguous.empty()) {
      reject(finding_code::foreign_attribute,
             i18n::tr("key {}", ambiguity_text(ambiguous, names_for(ambiguous, plan_columns_), plan_columns_)));
      return;
    }
    if (!unknown.empty()) {
      reject(finding_code::foreign_attribute,
             i18n::tr("key `{}` is not `date`, `unit`, `kind` ({}) or an attribute of any event kind, by name or label{}",
                      unknown, chinese_event_columns(), did_you_mean(unknown, plan_columns_)));
      return;
    }
    if (!twice.empty()) {
      reject(finding_code::duplicate_key,
             i18n::tr("key `{}` gives a column the object already has under its name or label; give each column once",
                      twice));
      return;
    }
    if (!date || !unit || !kind) {
      reject(finding_code::missing_attribute,
             i18n::tr("the object has no `{}`; every event needs date, unit and kind ({})",
                      !date ? "date" : !unit ? "unit" : "kind", chinese_event_columns()));
      return;
    }
    auto outcome = decoder_->decode(*date, *unit, *kind, cells.data(), event, why);
    if (outcome == event_decoder::outcome::event) {
      origin.line = record.line;
      origin.raw = line;
      sink.on_event(event, origin);
      return;
    }
    reject(why.code, std::move(why.message));
    why = {};
  });
}

std::pair<std::string, std::string> split_sheet_name(const std::string& path) {
  auto hash = path.rfind('#');
  if (hash == std::string::npos || hash == 0 || ::access(path.c_str(), F_OK) == 0) return {path, {}};
  std::string file = path.substr(0, hash);
  if (::access(file.c_str(), F_OK) != 0) return {path, {}};
  return {file, path.substr(hash + 1)};
}

std::string cell_place(std::string_view sheet_name, std::uint32_t column, std::uint64_t row) {
  return fmt::format("{}!{}{}", sheet_name, column_letters(column), row);
}

void row_as_csv(const std::vector<std::string_view>& cells, std::string& out) {
  out.clear();
  for (std::size_t c = 0; c < cells.size(); ++c) {
    if (c) out += ',';
    std::string_view text = cells[c];
    // A byte loop: find_first_of calls memchr on its four characters for every byte of the text.
    bool plain = std::none_of(text.begin(), text.end(), [](char ch) { return ch == ',' || ch == '"' || ch == '\r' || ch == '\n'; });
    if (plain) {
      out += text;
      continue;
    }
    out += '"';
    for (char ch : text) {
      if (ch == '"') out += '"';
      out += ch;
    }
    out += '"';
  }
}

bool event_file::open_workbook(const std::string& file, const std::string& wanted_sheet, const plan& p,
                               const roster& r, event_sink& sink) {
  std::string error;
  workbook_ = workbook::open(file, error);
  if (!workbook_) {
    sink.on_finding({finding_code::bad_encoding, path_, 0, 0, std::move(error), {}});
    return false;
  }
  const auto& sheets = workbook_->sheets();
  std::vector<std::string_view> sheet_names;
  for (const auto& sheet : sheets) sheet_names.push_back(sheet.name);
  std::vector<std::size_t> candidates;
  if (!wanted_sheet.empty()) {
    auto it = std::find(sheet_names.begin(), sheet_names.end(), std::string_view(wanted_sheet));
    if (it == sheet_names.end()) {
      sink.on_finding({finding_code::io_error, path_, 0, 0,
                       i18n::tr("the workbook `{}` has no sheet `{}`; its sheets are: {}", file, wanted_sheet,
                                some_names(sheet_names)),
                       {}});
      return false;
    }
    candidates.push_back(static_cast<std::size_t>(it - sheet_names.begin()));
  } else {
    for (std::size_t i = 0; i < sheets.size(); ++i) candidates.push_back(i);
  }
  auto words = column_words(p);
  bool bad = false;
  std::string raw;
  for (std::size_t index : candidates) {
    events_sheet sheet;
    sheet.index = index;
    sheet.name = fmt::format("{}[{}]", file, sheets[index].name);
    // The header is the sheet's first row with a cell.
    std::vector<std::string> header;
    bool read = workbook_->read_sheet(
        index,
        [&](std::uint64_t row, const std::vector<sheet_cell>& cells) {
          sheet.header_row = row;
          header.assign(cells.back().column + 1, std::string());
          for (const auto& c : cells) header[c.column] = std::string(c.text);
          return false;
        },
        error);
    if (!read) {
      finding problem{finding_code::bad_encoding, path_, 0, 0, std::move(error), {}};
      problem.place = sheet.name;
      problem.sheet = static_cast<std::uint32_t>(index + 1);
      sink.on_finding(std::move(problem));
      bad = true;
      continue;
    }
    if (sheet.header_row == 0) continue;  // an empty sheet
    while (!header.empty() && header.back().empty()) header.pop_back();
    std::vector<std::string_view> cells(header.begin(), header.end());
    // A sheet of notes or lists is no events sheet; one that names two of date, unit and kind
    // is, and any problem with its header is reported (a misspelt third column drops no row).
    int event_columns = 0;
    for (auto cell : cells) {
      const column_word* found = find_column(words, cell);
      if (found && (found->name == lang::reserved::date_column || found->name == lang::reserved::unit_column ||
                    found->name == lang::reserved::kind_column)) {
        ++event_columns;
      }
    }
    if (wanted_sheet.empty() && event_columns < 2) continue;
    row_as_csv(cells, raw);
    header_columns columns;
    bool good = read_header(cells, p, columns, [&](std::size_t cell, std::string message) {
      auto column = static_cast<std::uint32_t>(cell == whole_header ? 0 : cell);
      finding problem{finding_code::bad_header, path_, sheet.header_row, column + 1, std::move(message), raw};
      problem.place = cell_place(sheet.name, column, sheet.header_row);
      problem.sheet = static_cast<std::uint32_t>(index + 1);
      sink.on_finding(std::move(problem));
    });
    if (!good) {
      bad = true;
      continue;
    }
    sheet.width = cells.size();
    sheet.date_column = columns.date;
    sheet.unit_column = columns.unit;
    sheet.kind_column = columns.kind;
    sheet.attribute_positions = std::move(columns.attribute_positions);
    sheet.decoder = std::make_unique<event_decoder>(p, r, std::move(columns.attributes));
    sheets_.push_back(std::move(sheet));
  }
  if (bad) return false;
  if (sheets_.empty()) {
    sink.on_finding({finding_code::bad_header, path_, 0, 0,
                     i18n::tr("no sheet of the workbook has a first row naming the events columns date, unit and kind "
                              "({}); its sheets are: {}",
                              chinese_event_columns(), some_names(sheet_names)),
                     {}});
    return false;
  }
  sheet_ranges_.push_back({0, sheets_.size()});
  ranges_.push_back({0, 0, 0});
  return true;
}

void event_file::read_sheet(events_sheet& sheet, event_sink& sink) {
  std::vector<std::string> converted(sheet.width);  // a date cell's text, YYYY-MM-DD
  std::vector<std::string_view> texts(sheet.width);
  std::vector<cell> cells(sheet.attribute_positions.size());
  std::string raw, message;
  decoded_event event;
  decode_problem why;
  row_origin origin{&sheet.name, 0, {}};
  const bool date1904 = workbook_->date1904();
  auto report = [&](finding_code code, std::uint32_t column, std::uint64_t row, std::string text) {
    finding problem{code, path_, row, column + 1, std::move(text), raw};
    problem.place = cell_place(sheet.name, column, row);
    problem.sheet = static_cast<std::uint32_t>(sheet.index + 1);
    sink.on_finding(std::move(problem));
  };
  std::string error;
  bool read = workbook_->read_sheet(
      sheet.index,
      [&](std::uint64_t row, const std::vector<sheet_cell>& row_cells) {
        if (row <= sheet.header_row) return true;
        std::fill(texts.begin(), texts.end(), std::string_view());
        // The first problem a cell has by itself, before the row is decoded.
        std::optional<std::pair<finding_code, std::uint32_t>> problem;
        auto cell_problem = [&](finding_code code, std::uint32_t column, std::string text) {
          if (problem) return;
          problem = {code, column};
          message = std::move(text);
        };
        for (const auto& c : row_cells) {
          if (c.column >= sheet.width) {
            cell_problem(finding_code::malformed_row, c.column,
                         i18n::tr("the row has a value in column {}, but the header names only {} columns (A to {})",
                                  column_letters(c.column), sheet.width,
                                  column_letters(static_cast<std::uint32_t>(sheet.width - 1))));
            continue;
          }
          std::string_view text = c.text;
          switch (c.type) {
            case cell_type::number:
              // A number in the date column is a date whose cell lost its date format.
              if (c.column != sheet.date_column) break;
              [[fallthrough]];
            case cell_type::date_number: {
              std::string why_not;
              if (serial_to_date(text, date1904, converted[c.column], why_not)) {
                // A date cell with a time (a fraction of a day) gives it after the date.
                if (c.column == sheet.date_column) converted[c.column] += serial_time_text(text);
                text = converted[c.column];
              } else {
                cell_problem(finding_code::bad_date, c.column, std::move(why_not));
              }
              break;
            }
            case cell_type::error:
              cell_problem(finding_code::bad_value, c.column,
                           i18n::tr("the cell holds {}, the error of a formula; correct the formula or type the value",
                                    text));
              break;
            case cell_type::formula_no_value:
              cell_problem(finding_code::bad_value, c.column,
                           i18n::text("the cell has a formula whose value was never saved (the file was written by "
                                      "a program); open the workbook in Excel or WPS and save it"));
              break;
            case cell_type::text:
            case cell_type::boolean: break;
          }
          texts[c.column] = text;
        }
        if (!problem && std::all_of(texts.begin(), texts.end(), [](std::string_view t) { return t.empty(); })) {
          return true;  // a row of empty cells holds no event
        }
        row_as_csv(texts, raw);
        if (problem) {
          report(problem->first, problem->second, row, std::move(message));
          return true;
        }
        for (std::size_t c = 0; c < cells.size(); ++c) {
          std::string_view text = texts[static_cast<std::size_t>(sheet.attribute_positions[c])];
          cells[c] = {text, !text.empty()};
        }
        auto outcome = sheet.decoder->decode(texts[sheet.date_column], texts[sheet.unit_column],
                                             texts[sheet.kind_column], cells.data(), event, why);
        if (outcome == event_decoder::outcome::event) {
          origin.line = row;
          origin.raw = raw;
          sink.on_event(event, origin);
          return true;
        }
        std::size_t column = why.field == decode_problem::field_date   ? sheet.date_column
                             : why.field == decode_problem::field_unit ? sheet.unit_column
                             : why.field == decode_problem::field_kind
                                 ? sheet.kind_column
                                 : static_cast<std::size_t>(sheet.attribute_positions[static_cast<std::size_t>(why.field)]);
        report(why.code, static_cast<std::uint32_t>(column), row, std::move(why.message));
        why = {};
        return true;
      },
      error);
  if (!read) {
    raw.clear();
    finding problem{finding_code::bad_encoding, path_, 0, 0, std::move(error), {}};
    problem.place = sheet.name;
    problem.sheet = static_cast<std::uint32_t>(sheet.index + 1);
    sink.on_finding(std::move(problem));
  }
}

}  // namespace rubric::engine
