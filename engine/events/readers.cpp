#include "engine/events/readers.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "engine/events/csv.hpp"
#include "lang/reserved_names.hpp"

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

std::unique_ptr<event_file> event_file::open(const std::string& path, const plan& p, const roster& r,
                                             event_sink& sink) {
  std::unique_ptr<event_file> file(new event_file());
  file->path_ = path;
  file->format_ = format_of(path);
  file->fd_ = ::open(path.c_str(), O_RDONLY);
  struct stat st {};
  if (file->fd_ < 0 || ::fstat(file->fd_, &st) != 0 || !S_ISREG(st.st_mode)) {
    sink.on_finding({finding_code::io_error, path, 0, 0, fmt::format("cannot open `{}` as a file", path), {}});
    return nullptr;
  }
  file->size_ = static_cast<std::uint64_t>(st.st_size);

  // UTF-16 files start with a byte order mark; say so rather than report garbage.
  char head[4] = {};
  if (::pread(file->fd_, head, sizeof head, 0) >= 2 &&
      ((head[0] == '\xFF' && head[1] == '\xFE') || (head[0] == '\xFE' && head[1] == '\xFF'))) {
    sink.on_finding({finding_code::bad_encoding, path, 1, 1,
                     "the file is UTF-16; save it as UTF-8 (in a spreadsheet: CSV UTF-8) and score that file", {}});
    return nullptr;
  }

  if (file->format_ == event_format::jsonl) {
    file->decoder_ = std::make_unique<event_decoder>(p, r, p.attribute_names);
    file->ranges_.push_back({0, file->size_});
    return file;
  }

  csv_reader reader(file->fd_, 0, file->size_);
  csv_record header;
  finding problem;
  auto status = reader.next(header, problem);
  if (status != csv_reader::status::record) {
    if (status == csv_reader::status::end) {
      problem = {finding_code::bad_header, path, 1, 1, "the file is empty; expected a header row: date,unit,kind,...", {}};
    }
    problem.file = path;
    sink.on_finding(std::move(problem));
    return nullptr;
  }
  std::map<std::string_view, std::size_t> seen;
  std::vector<std::string> attributes;
  bool bad = false;
  auto header_problem = [&](std::size_t cell, std::string message) {
    sink.on_finding({finding_code::bad_header, path, header.line,
                     character_column(header.raw, header.cell_offset(cell)), std::move(message),
                     std::string(header.raw)});
    bad = true;
  };
  for (std::size_t c = 0; c < header.cells.size(); ++c) {
    std::string_view name = header.cells[c];
    if (auto [it, fresh] = seen.emplace(name, c); !fresh) {
      header_problem(c, fmt::format("column `{}` appears twice (also column {})", name, it->second + 1));
      continue;
    }
    if (name == lang::reserved::date_column) file->date_column_ = c;
    else if (name == lang::reserved::unit_column) file->unit_column_ = c;
    else if (name == lang::reserved::kind_column) file->kind_column_ = c;
    else if (std::binary_search(p.attribute_names.begin(), p.attribute_names.end(), std::string(name))) {
      attributes.emplace_back(name);
      file->attribute_positions_.push_back(static_cast<int>(c));
    } else {
      header_problem(c, fmt::format("column `{}` is not `date`, `unit`, `kind` or an attribute of any event kind",
                                    name.empty() ? std::string("(empty)") : std::string(name)));
    }
  }
  for (std::string_view required : lang::reserved::event_columns) {
    if (!seen.count(required)) {
      sink.on_finding({finding_code::bad_header, path, header.line, 1,
                       fmt::format("the header has no `{}` column; it needs date, unit and kind", required),
                       std::string(header.raw)});
      bad = true;
    }
  }
  if (bad) return nullptr;
  file->cell_count_ = header.cells.size();
  file->decoder_ = std::make_unique<event_decoder>(p, r, std::move(attributes));
  file->ranges_.push_back({reader.position(), file->size_});
  file->header_lines_ = reader.next_line() - 1;
  return file;
}

std::size_t event_file::split(std::size_t parts, std::uint64_t min_bytes) {
  if (parts <= 1 || format_ != event_format::csv || ranges_.size() != 1) return ranges_.size();
  range whole = ranges_.front();
  if (whole.end - whole.begin < std::max<std::uint64_t>(min_bytes, 1)) return 1;  // not worth it
  // A quote anywhere means a cell may span lines: read in one piece.
  std::vector<char> buffer(1 << 20);
  for (std::uint64_t at = whole.begin; at < whole.end;) {
    ssize_t got = ::pread(fd_, buffer.data(), std::min<std::uint64_t>(buffer.size(), whole.end - at), static_cast<off_t>(at));
    if (got <= 0) return 1;
    if (std::memchr(buffer.data(), '"', static_cast<std::size_t>(got))) return 1;
    at += static_cast<std::uint64_t>(got);
  }
  std::vector<range> pieces;
  std::uint64_t begin = whole.begin;
  for (std::size_t i = 1; i <= parts && begin < whole.end; ++i) {
    std::uint64_t end = i == parts ? whole.end : whole.begin + (whole.end - whole.begin) * i / parts;
    if (end < whole.end) {  // move the cut just past the next line end
      char c;
      while (end < whole.end && ::pread(fd_, &c, 1, static_cast<off_t>(end)) == 1) {
        ++end;
        if (c == '\n') break;
      }
    }
    if (end > begin) pieces.push_back({begin, end});
    begin = end;
  }
  ranges_ = std::move(pieces);
  return ranges_.size();
}

void event_file::read(std::size_t index, event_sink& sink) {
  range& r = ranges_[index];
  if (format_ == event_format::jsonl) return read_jsonl(r, sink);
  read_csv(r, index == 0 ? header_lines_ + 1 : 1, sink);
}

std::uint64_t event_file::line_offset(std::size_t index) const {
  if (index == 0) return 0;
  std::uint64_t offset = header_lines_;
  for (std::size_t k = 0; k < index; ++k) offset += ranges_[k].lines;
  return offset;
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

void event_file::read_csv(range& r, std::uint64_t first_line, event_sink& sink) {
  csv_reader reader(fd_, r.begin, r.end, first_line);
  decoded_event event;
  decode_problem why;
  std::vector<cell> cells(attribute_positions_.size());
  row_origin origin{&path_, 0, {}};
  for_each_record(reader, path_, sink, [&](const csv_record& record) {
    if (record.raw.empty()) return;  // a blank line holds no row
    if (record.cells.size() != cell_count_) {
      sink.on_finding({finding_code::malformed_row, path_, record.line,
                       column_of(record, std::min(record.cells.size(), cell_count_) - 1),
                       fmt::format("the row has {} cells, but the header names {} columns", record.cells.size(),
                                   cell_count_),
                       std::string(record.raw)});
      return;
    }
    for (std::size_t c = 0; c < cells.size(); ++c) {
      std::string_view text = record.cells[static_cast<std::size_t>(attribute_positions_[c])];
      cells[c] = {text, !text.empty()};
    }
    auto outcome = decoder_->decode(record.cells[date_column_], record.cells[unit_column_], record.cells[kind_column_],
                                    cells.data(), event, why);
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
  });
  r.lines = reader.next_line() - first_line;
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
    error = fmt::format("the line is not valid JSON (at character {})", position);
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
    error = fmt::format("the value of `{}` is an object or a list; attribute values are strings, numbers, true, false "
                        "or null",
                        fields.empty() ? std::string("?") : fields.back().key);
    return false;
  }
  bool top_level() {
    error = "the line is not a JSON object; each line holds one object like {\"date\": \"2023-09-01\", ...}";
    return false;
  }
  int depth_ = 0;
};

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
    auto reject = [&](finding_code code, std::string message) {
      sink.on_finding({code, path_, record.line, 1, std::move(message), std::string(line)});
    };
    flat_object_reader object;
    if (!nlohmann::json::sax_parse(line, &object, nlohmann::json::input_format_t::json, true)) {
      reject(finding_code::malformed_row, object.error.empty() ? "the line is not valid JSON" : object.error);
      return;
    }
    std::fill(cells.begin(), cells.end(), cell{});
    const std::string *date = nullptr, *unit = nullptr, *kind = nullptr;
    std::string unknown;
    for (const auto& f : object.fields) {
      const std::string* value = f.present ? &f.value : nullptr;
      if (f.key == lang::reserved::date_column) date = value;
      else if (f.key == lang::reserved::unit_column) unit = value;
      else if (f.key == lang::reserved::kind_column) kind = value;
      else if (auto it = std::lower_bound(columns.begin(), columns.end(), f.key); it != columns.end() && *it == f.key) {
        if (value) cells[static_cast<std::size_t>(it - columns.begin())] = {*value, true};
      } else if (unknown.empty()) {
        unknown = f.key;
      }
    }
    if (!unknown.empty()) {
      reject(finding_code::foreign_attribute,
             fmt::format("key `{}` is not `date`, `unit`, `kind` or an attribute of any event kind", unknown));
      return;
    }
    if (!date || !unit || !kind) {
      reject(finding_code::missing_attribute, fmt::format("the object has no `{}`; every event needs date, unit and kind",
                                                          !date ? "date" : !unit ? "unit" : "kind"));
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
  r.lines = reader.next_line() - 1;
}

}  // namespace rubric::engine
