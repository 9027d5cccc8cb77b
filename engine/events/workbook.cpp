#include "engine/events/workbook.hpp"

#include <expat.h>
#include <unzip.h>

#include <algorithm>
#include <charconv>
#include <map>

#include <fmt/format.h>

#include "lang/calendar.hpp"
#include "lang/i18n.hpp"

namespace rubric::engine {

bool starts_like_zip(std::string_view head) { return head.size() >= 4 && head.substr(0, 4) == std::string_view("PK\x03\x04", 4); }

bool starts_like_ole(std::string_view head) {
  return head.size() >= 4 && head.substr(0, 4) == std::string_view("\xD0\xCF\x11\xE0", 4);
}

namespace {

constexpr std::size_t chunk_bytes = 64 * 1024;

// Names are compared by their local part: a prefix a writer chose (`x:row`) reads as `row`.
// (Not expat's namespace processing: it costs a third of the reading time, and a workbook's
// element names do not clash across namespaces.)
std::string_view local_name(const XML_Char* name) {
  std::string_view n(name);
  auto colon = n.rfind(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

// The value of attribute `local`; `prefixed` for one with a prefix, like `r:id`.
const XML_Char* attribute(const XML_Char** attributes, std::string_view local, bool prefixed = false) {
  for (; *attributes; attributes += 2) {
    std::string_view n(attributes[0]);
    auto colon = n.rfind(':');
    bool has_prefix = colon != std::string_view::npos;
    if (has_prefix == prefixed && (has_prefix ? n.substr(colon + 1) : n) == local) return attributes[1];
  }
  return nullptr;
}

template <typename Number>
bool parse_number(std::string_view text, Number& out) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size();
}

class zip_archive {
 public:
  explicit zip_archive(const std::string& path) : zip_(unzOpen64(path.c_str())) {}
  ~zip_archive() {
    if (zip_) unzClose(zip_);
  }
  zip_archive(const zip_archive&) = delete;
  zip_archive& operator=(const zip_archive&) = delete;
  unzFile get() const { return zip_; }

 private:
  unzFile zip_;
};

// The handlers of one part's XML.
class xml_part {
 public:
  virtual ~xml_part() = default;
  virtual void start(std::string_view name, const XML_Char** attributes) = 0;
  virtual void end(std::string_view name) = 0;
  virtual void text(std::string_view) {}

  void fail(std::string message) {
    if (error.empty()) error = std::move(message);
    XML_StopParser(parser, XML_FALSE);
  }
  void finish() {
    done = true;
    XML_StopParser(parser, XML_FALSE);
  }
  std::string part;
  std::string error;
  bool done = false;  // stopped early on purpose
  XML_Parser parser = nullptr;
};

void XMLCALL on_start(void* data, const XML_Char* name, const XML_Char** attributes) {
  static_cast<xml_part*>(data)->start(local_name(name), attributes);
}
void XMLCALL on_end(void* data, const XML_Char* name) { static_cast<xml_part*>(data)->end(local_name(name)); }
void XMLCALL on_text(void* data, const XML_Char* text, int length) {
  static_cast<xml_part*>(data)->text(std::string_view(text, static_cast<std::size_t>(length)));
}
// No part of a workbook has a DOCTYPE; one that does may declare entities that expand without
// bound (the "billion laughs"), so it is refused before any declaration is read.
void XMLCALL on_doctype(void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
  auto* part = static_cast<xml_part*>(data);
  part->fail(i18n::tr("part `{}` declares a DOCTYPE, which no workbook part has (its entities could expand "
                      "without bound); the workbook is refused",
                      part->part));
}
void XMLCALL on_entity(void* data, const XML_Char*, int, const XML_Char*, int, const XML_Char*, const XML_Char*,
                       const XML_Char*, const XML_Char*) {
  on_doctype(data, nullptr, nullptr, nullptr, 0);
}

enum class part_status { read, missing, failed };

// Streams part `name` of the zip through `handler`, a chunk at a time, under the limits.
part_status stream_part(unzFile zip, const std::string& name, const workbook_limits& limits, xml_part& handler,
                        std::string& error) {
  if (unzLocateFile(zip, name.c_str(), 2) != UNZ_OK) return part_status::missing;
  unz_file_info64 info{};
  if (unzGetCurrentFileInfo64(zip, &info, nullptr, 0, nullptr, 0, nullptr, 0) != UNZ_OK) {
    error = i18n::tr("part `{}` of the workbook is damaged: its entry in the zip cannot be read", name);
    return part_status::failed;
  }
  auto too_big = [&] {
    return i18n::tr("part `{}` of the workbook unpacks to more than {} bytes, more than a workbook part may; it was "
                    "not read (the file may be a zip bomb)",
                    name, limits.part_bytes);
  };
  if (info.uncompressed_size > limits.part_bytes) {
    error = too_big();
    return part_status::failed;
  }
  if (unzOpenCurrentFile(zip) != UNZ_OK) {
    error = i18n::tr("part `{}` of the workbook cannot be unpacked (it is encrypted or compressed in an unknown way)",
                     name);
    return part_status::failed;
  }
  XML_Parser parser = XML_ParserCreate(nullptr);
  handler.parser = parser;
  handler.part = name;
  XML_SetUserData(parser, static_cast<void*>(&handler));
  XML_SetElementHandler(parser, on_start, on_end);
  XML_SetCharacterDataHandler(parser, on_text);
  XML_SetStartDoctypeDeclHandler(parser, on_doctype);
  XML_SetEntityDeclHandler(parser, on_entity);
  std::vector<char> buffer(chunk_bytes);
  std::uint64_t total = 0;
  const std::uint64_t compressed = std::max<std::uint64_t>(info.compressed_size, 1);
  bool ok = true;
  for (;;) {
    int got = unzReadCurrentFile(zip, buffer.data(), static_cast<unsigned>(buffer.size()));
    if (got < 0) {
      error = i18n::tr("part `{}` of the workbook is damaged: it cannot be unpacked", name);
      ok = false;
      break;
    }
    total += static_cast<std::uint64_t>(got);
    if (total > limits.part_bytes) {
      error = too_big();
      ok = false;
      break;
    }
    if (total > limits.ratio_from && total / compressed > limits.ratio) {
      error = i18n::tr("part `{}` of the workbook unpacks to more than {} times its packed size, far more than a "
                       "sheet does; it was not read (the file may be a zip bomb)",
                       name, limits.ratio);
      ok = false;
      break;
    }
    if (XML_Parse(parser, buffer.data(), got, got == 0) == XML_STATUS_ERROR) {
      if (handler.done) break;
      ok = false;
      error = !handler.error.empty()
                  ? handler.error
                  : i18n::tr("part `{}` of the workbook is not well-formed XML (line {}, column {}: {})", name,
                             XML_GetCurrentLineNumber(parser), XML_GetCurrentColumnNumber(parser) + 1,
                             XML_ErrorString(XML_GetErrorCode(parser)));
      break;
    }
    if (got == 0) break;
  }
  XML_ParserFree(parser);
  handler.parser = nullptr;
  int closed = unzCloseCurrentFile(zip);
  if (ok && !handler.done && closed == UNZ_CRCERROR) {
    error = i18n::tr("part `{}` of the workbook is damaged: its checksum does not match", name);
    ok = false;
  }
  return ok ? part_status::read : part_status::failed;
}

// A relationship's target, relative to the folder of the part that names it: the part's path in the zip.
std::string resolve(std::string_view folder, std::string_view target) {
  std::string joined = !target.empty() && target.front() == '/' ? std::string(target.substr(1))
                                                                : std::string(folder) + std::string(target);
  std::vector<std::string> segments;
  std::size_t at = 0;
  while (at <= joined.size()) {
    std::size_t slash = std::min(joined.find('/', at), joined.size());
    std::string segment = joined.substr(at, slash - at);
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(std::move(segment));
    }
    at = slash + 1;
  }
  std::string out;
  for (const auto& s : segments) out += (out.empty() ? "" : "/") + s;
  return out;
}

std::string folder_of(const std::string& part) {
  auto slash = part.rfind('/');
  return slash == std::string::npos ? std::string() : part.substr(0, slash + 1);
}

std::string rels_of(const std::string& part) {
  auto slash = part.rfind('/');
  std::string file = slash == std::string::npos ? part : part.substr(slash + 1);
  return folder_of(part) + "_rels/" + file + ".rels";
}

struct relationship {
  std::string id, type, target;
};

class rels_part : public xml_part {
 public:
  std::vector<relationship> relationships;
  void start(std::string_view name, const XML_Char** a) override {
    if (name != "Relationship") return;
    const XML_Char* id = attribute(a, "Id");
    const XML_Char* type = attribute(a, "Type");
    const XML_Char* target = attribute(a, "Target");
    const XML_Char* mode = attribute(a, "TargetMode");
    if (id && type && target && !(mode && std::string_view(mode) == "External")) {
      relationships.push_back({id, type, target});
    }
  }
  void end(std::string_view) override {}
  const relationship* of_type(std::string_view suffix) const {
    for (const auto& r : relationships) {
      if (r.type.size() >= suffix.size() && r.type.compare(r.type.size() - suffix.size(), suffix.size(), suffix) == 0) {
        return &r;
      }
    }
    return nullptr;
  }
};

class workbook_part : public xml_part {
 public:
  struct listed {
    std::string name, id;
  };
  std::vector<listed> sheets;
  bool date1904 = false;
  void start(std::string_view name, const XML_Char** a) override {
    if (name == "sheet") {
      const XML_Char* sheet_name = attribute(a, "name");
      const XML_Char* id = attribute(a, "id", true);
      sheets.push_back({sheet_name ? sheet_name : "", id ? id : ""});
    } else if (name == "workbookPr") {
      const XML_Char* v = attribute(a, "date1904");
      date1904 = v && (std::string_view(v) == "1" || std::string_view(v) == "true");
    }
  }
  void end(std::string_view) override {}
};

class shared_strings_part : public xml_part {
 public:
  shared_strings_part(std::vector<std::unique_ptr<char[]>>& blocks, std::deque<std::string_view>& strings,
                      const workbook_limits& limits)
      : blocks_(blocks), strings_(strings), limits_(limits) {}
  void start(std::string_view name, const XML_Char**) override {
    if (name == "t") in_t_ = true;
    else if (name == "rPh") in_phonetic_ = true;  // a reading aid, not part of the text
    else if (name == "si") current_.clear();
  }
  void end(std::string_view name) override {
    if (name == "t") in_t_ = false;
    else if (name == "rPh") in_phonetic_ = false;
    else if (name == "si") keep();
  }
  void text(std::string_view t) override {
    if (!in_t_ || in_phonetic_) return;
    if (current_.size() + t.size() > limits_.cell_bytes) {
      return fail(i18n::tr("shared text number {} of the workbook is longer than {} bytes, more than a cell may hold",
                           strings_.size(), limits_.cell_bytes));
    }
    current_.append(t);
  }

 private:
  static constexpr std::size_t block_bytes = std::size_t{4} << 20;  // more than a cell may hold
  void keep() {
    if (blocks_.empty() || used_ + current_.size() > block_bytes) {
      blocks_.push_back(std::make_unique<char[]>(block_bytes));
      used_ = 0;
    }
    char* at = blocks_.back().get() + used_;
    std::copy(current_.begin(), current_.end(), at);
    used_ += current_.size();
    strings_.emplace_back(at, current_.size());
    if (blocks_.size() * block_bytes + strings_.size() * sizeof(std::string_view) > limits_.shared_string_bytes) {
      fail(i18n::tr("the workbook's table of shared text (part `{}`) takes more than {} MB of memory, more than the "
                    "reader allows; split the workbook into smaller ones",
                    part, limits_.shared_string_bytes >> 20));
    }
  }
  std::vector<std::unique_ptr<char[]>>& blocks_;
  std::deque<std::string_view>& strings_;
  const workbook_limits& limits_;
  std::string current_;
  std::size_t used_ = 0;
  bool in_t_ = false, in_phonetic_ = false;
};

// Excel's built-in number formats that show a date (ids 14-17 and 22; 27-31, 36 and 50-58 are
// the dates of the Chinese, Japanese and Korean versions).
bool builtin_date_format(int id) {
  return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 31) || id == 36 || (id >= 50 && id <= 58);
}

// A custom format shows a date when it has a year, day or month token outside quoted text,
// escapes and brackets (`m` alone with hours or seconds is minutes).
bool custom_date_format(std::string_view code) {
  bool month_or_minute = false, time = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    char c = code[i];
    if (c == '"') {
      auto close = code.find('"', i + 1);
      if (close == std::string_view::npos) break;
      i = close;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;
    } else if (c == '[') {
      auto close = code.find(']', i + 1);
      if (close == std::string_view::npos) break;
      i = close;
    } else {
      char lower = static_cast<char>(c | 0x20);
      if (lower == 'y' || lower == 'd') return true;
      if (lower == 'm') month_or_minute = true;
      if (lower == 'h' || lower == 's') time = true;
    }
  }
  return month_or_minute && !time;
}

class styles_part : public xml_part {
 public:
  explicit styles_part(std::vector<bool>& date_styles) : date_styles_(date_styles) {}
  void start(std::string_view name, const XML_Char** a) override {
    if (name == "numFmt") {
      const XML_Char* id = attribute(a, "numFmtId");
      const XML_Char* code = attribute(a, "formatCode");
      int n = 0;
      if (id && code && parse_number(id, n) && custom_date_format(code)) custom_dates_.push_back(n);
    } else if (name == "cellXfs") {
      in_cell_formats_ = true;
    } else if (name == "xf" && in_cell_formats_) {
      const XML_Char* id = attribute(a, "numFmtId");
      int n = 0;
      bool date = id && parse_number(id, n) &&
                  (builtin_date_format(n) || std::find(custom_dates_.begin(), custom_dates_.end(), n) != custom_dates_.end());
      if (date_styles_.size() < (std::size_t{1} << 20)) date_styles_.push_back(date);
    }
  }
  void end(std::string_view name) override {
    if (name == "cellXfs") in_cell_formats_ = false;
  }

 private:
  std::vector<bool>& date_styles_;
  std::vector<int> custom_dates_;
  bool in_cell_formats_ = false;
};

// Column index (from 0) of a cell reference like `C14`; false when it has no letters.
bool column_of_reference(std::string_view reference, std::uint32_t& column) {
  std::uint32_t n = 0;
  std::size_t i = 0;
  for (; i < reference.size() && i < 4; ++i) {
    char c = reference[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c < 'A' || c > 'Z') break;
    n = n * 26 + static_cast<std::uint32_t>(c - 'A' + 1);
  }
  if (i == 0 || n == 0) return false;
  column = n - 1;
  return true;
}

class sheet_part : public xml_part {
 public:
  sheet_part(const workbook::row_handler& on_row, const std::deque<std::string_view>& shared,
             const std::vector<bool>& date_styles, std::size_t cell_bytes)
      : on_row_(on_row), shared_(shared), date_styles_(date_styles), cell_bytes_(cell_bytes) {}

  void start(std::string_view name, const XML_Char** a) override {
    if (!in_data_) {
      if (name == "sheetData") in_data_ = true;
      return;
    }
    if (name == "c") {
      in_cell_ = true;
      const XML_Char* reference = attribute(a, "r");
      std::uint32_t column = 0;
      column_ = reference && column_of_reference(reference, column) ? column : next_column_;
      next_column_ = column_ + 1;
      const XML_Char* type = attribute(a, "t");
      type_ = type ? type : "n";
      const XML_Char* style = attribute(a, "s");
      std::size_t s = 0;
      date_style_ = style && parse_number(style, s) && s < date_styles_.size() && date_styles_[s];
      value_.clear();
      has_value_ = has_formula_ = false;
    } else if (name == "row") {
      const XML_Char* r = attribute(a, "r");
      std::uint64_t number = 0;
      row_ = r && parse_number(r, number) && number > 0 ? number : row_ + 1;
      next_column_ = 0;
      cells_.clear();
      row_text_.clear();
    } else if (in_cell_) {
      if (name == "v") {
        in_value_ = true;
        has_value_ = true;
      } else if (name == "f") {
        has_formula_ = true;
      } else if (name == "t") {
        in_t_ = true;
        has_value_ = true;
      } else if (name == "rPh") {
        in_phonetic_ = true;
      }
    }
  }

  void end(std::string_view name) override {
    if (!in_data_) return;
    if (name == "v") in_value_ = false;
    else if (name == "t") in_t_ = false;
    else if (name == "rPh") in_phonetic_ = false;
    else if (name == "c") end_cell();
    else if (name == "row") end_row();
    else if (name == "sheetData") in_data_ = false;
  }

  void text(std::string_view t) override {
    if (!in_cell_ || !(in_value_ || (in_t_ && !in_phonetic_))) return;
    if (value_.size() + t.size() > cell_bytes_) {
      return fail(i18n::tr("cell {}{} holds more than {} bytes of text, more than the reader accepts",
                           column_letters(column_), row_, cell_bytes_));
    }
    value_.append(t);
  }

 private:
  static constexpr std::size_t not_shared = static_cast<std::size_t>(-1);
  struct stored_cell {
    std::uint32_t column;
    cell_type type;
    std::size_t shared;       // the index of a shared string, or not_shared
    std::size_t begin, size;  // in row_text_
  };

  void keep(cell_type type, std::string_view text) {
    cells_.push_back({column_, type, not_shared, row_text_.size(), text.size()});
    row_text_.append(text);
  }

  void end_cell() {
    in_cell_ = in_value_ = in_t_ = in_phonetic_ = false;
    // A formula keeps its last value in <v>; a program that writes formulas without computing
    // them leaves it out or empty (a text formula's empty value is empty text, `t="str"`).
    if (has_formula_ && (!has_value_ || (value_.empty() && type_ != "str"))) {
      return keep(cell_type::formula_no_value, {});
    }
    if (type_ == "s") {
      std::size_t index = 0;
      if (!parse_number(std::string_view(value_), index) || index >= shared_.size()) {
        return fail(i18n::tr("cell {}{} refers to shared text number {}, but the workbook has {}: the workbook is "
                             "damaged",
                             column_letters(column_), row_, value_, shared_.size()));
      }
      if (shared_[index].empty()) return;  // empty text: an empty cell
      cells_.push_back({column_, cell_type::text, index, 0, 0});
    } else if (type_ == "inlineStr" || type_ == "str") {
      if (value_.empty() && !has_formula_) return;
      keep(cell_type::text, value_);
    } else if (type_ == "b") {
      keep(cell_type::boolean, value_ == "1" || value_ == "true" ? "true" : "false");
    } else if (type_ == "e") {
      keep(cell_type::error, value_);
    } else if (type_ == "d") {  // an ISO 8601 date and time: the date is what counts
      keep(cell_type::text, std::string_view(value_).substr(0, value_.find('T')));
    } else {
      if (value_.empty()) return;
      keep(date_style_ ? cell_type::date_number : cell_type::number, excel_number_text(value_));
    }
  }

  void end_row() {
    if (cells_.empty()) return;
    views_.clear();
    for (const auto& c : cells_) {
      views_.push_back({c.column, c.type,
                        c.shared != not_shared ? shared_[c.shared] : std::string_view(row_text_).substr(c.begin, c.size)});
    }
    std::stable_sort(views_.begin(), views_.end(),
                     [](const sheet_cell& a, const sheet_cell& b) { return a.column < b.column; });
    if (!on_row_(row_, views_)) finish();
  }

  const workbook::row_handler& on_row_;
  const std::deque<std::string_view>& shared_;
  const std::vector<bool>& date_styles_;
  std::size_t cell_bytes_;
  bool in_data_ = false, in_cell_ = false, in_value_ = false, in_t_ = false, in_phonetic_ = false;
  bool has_value_ = false, has_formula_ = false, date_style_ = false;
  std::uint64_t row_ = 0;
  std::uint32_t column_ = 0, next_column_ = 0;
  std::string type_, value_, row_text_;
  std::vector<stored_cell> cells_;
  std::vector<sheet_cell> views_;
};

}  // namespace

workbook::~workbook() = default;

std::unique_ptr<workbook> workbook::open(const std::string& path, std::string& error, const workbook_limits& limits) {
  zip_archive zip(path);
  if (!zip.get()) {
    error = i18n::text("the file starts like a zip archive (an .xlsx workbook), but it is damaged: its list of "
                       "contents cannot be read");
    return nullptr;
  }
  std::unique_ptr<workbook> book(new workbook());
  book->path_ = path;
  book->limits_ = limits;

  // The package's relationships name the workbook part; Excel and WPS put it at xl/workbook.xml.
  std::string workbook_name = "xl/workbook.xml";
  rels_part package;
  switch (stream_part(zip.get(), "_rels/.rels", limits, package, error)) {
    case part_status::failed: return nullptr;
    case part_status::missing: break;
    case part_status::read:
      if (const auto* r = package.of_type("/officeDocument")) workbook_name = resolve("", r->target);
  }
  workbook_part listing;
  switch (stream_part(zip.get(), workbook_name, limits, listing, error)) {
    case part_status::failed: return nullptr;
    case part_status::missing:
      if (unzLocateFile(zip.get(), "content.xml", 2) == UNZ_OK) {
        error = i18n::text("the file is an OpenDocument spreadsheet (.ods), which is not read; save it as an Excel "
                           "workbook (.xlsx)");
      } else {
        error = i18n::tr("the zip archive has no `{}`, so it is not an Excel workbook (.xlsx), or it is damaged",
                         workbook_name);
      }
      return nullptr;
    case part_status::read: break;
  }
  book->date1904_ = listing.date1904;
  rels_part parts;
  std::string rels_name = rels_of(workbook_name);
  switch (stream_part(zip.get(), rels_name, limits, parts, error)) {
    case part_status::failed: return nullptr;
    case part_status::missing:
      error = i18n::tr("the workbook is damaged: it has no `{}`, which says where its sheets are", rels_name);
      return nullptr;
    case part_status::read: break;
  }
  std::string folder = folder_of(workbook_name);
  if (const auto* r = parts.of_type("/sharedStrings")) {
    shared_strings_part strings(book->shared_blocks_, book->shared_, limits);
    std::string name = resolve(folder, r->target);
    if (stream_part(zip.get(), name, limits, strings, error) == part_status::failed) return nullptr;
  }
  if (const auto* r = parts.of_type("/styles")) {
    styles_part styles(book->date_styles_);
    if (stream_part(zip.get(), resolve(folder, r->target), limits, styles, error) == part_status::failed) return nullptr;
  }
  for (const auto& listed : listing.sheets) {
    auto it = std::find_if(parts.relationships.begin(), parts.relationships.end(),
                           [&](const relationship& r) { return r.id == listed.id; });
    if (it == parts.relationships.end()) {
      error = i18n::tr("the workbook is damaged: sheet `{}` is listed, but `{}` does not say where it is", listed.name,
                       rels_name);
      return nullptr;
    }
    std::string_view type = it->type;
    if (type.size() < 10 || type.substr(type.size() - 10) != "/worksheet") continue;  // a chart sheet holds no rows
    std::string part = resolve(folder, it->target);
    if (unzLocateFile(zip.get(), part.c_str(), 2) != UNZ_OK) {
      error = i18n::tr("the workbook is damaged: sheet `{}` should be in `{}`, which the file does not have",
                       listed.name, part);
      return nullptr;
    }
    unz_file_info64 info{};
    unzGetCurrentFileInfo64(zip.get(), &info, nullptr, 0, nullptr, 0, nullptr, 0);
    book->sheets_.push_back({listed.name, std::move(part), info.uncompressed_size});
  }
  if (book->sheets_.empty()) {
    error = i18n::text("the workbook has no sheet");
    return nullptr;
  }
  return book;
}

bool workbook::read_sheet(std::size_t index, const row_handler& on_row, std::string& error) const {
  zip_archive zip(path_);
  if (!zip.get()) {
    error = i18n::text("the workbook can no longer be opened as a zip archive");
    return false;
  }
  sheet_part handler(on_row, shared_, date_styles_, limits_.cell_bytes);
  switch (stream_part(zip.get(), sheets_[index].part, limits_, handler, error)) {
    case part_status::read: return true;
    case part_status::missing:
      error = i18n::tr("the workbook is damaged: sheet `{}` should be in `{}`, which the file does not have",
                       sheets_[index].name, sheets_[index].part);
      return false;
    case part_status::failed: return false;
  }
  return false;
}

std::string column_letters(std::uint32_t column) {
  std::string letters;
  for (std::uint64_t n = std::uint64_t{column} + 1; n > 0; n = (n - 1) / 26) {
    letters.insert(letters.begin(), static_cast<char>('A' + (n - 1) % 26));
  }
  return letters;
}

std::string excel_number_text(std::string_view stored) {
  std::string_view s = stored;
  bool negative = !s.empty() && s.front() == '-';
  if (negative || (!s.empty() && s.front() == '+')) s.remove_prefix(1);
  std::string digits;
  long point = 0;  // digits before the decimal point
  std::size_t i = 0;
  for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) digits += s[i];
  point = static_cast<long>(digits.size());
  if (i < s.size() && s[i] == '.') {
    for (++i; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) digits += s[i];
  }
  if (digits.empty()) return std::string(stored);
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    int exponent = 0;
    std::string_view e = s.substr(i + 1);
    if (!e.empty() && e.front() == '+') e.remove_prefix(1);
    if (e.size() > 4 || !parse_number(e, exponent)) return std::string(stored);
    point += exponent;
    i = s.size();
  }
  if (i != s.size()) return std::string(stored);
  auto first = digits.find_first_not_of('0');
  if (first == std::string::npos) return "0";
  digits.erase(0, first);
  point -= static_cast<long>(first);
  constexpr std::size_t shown = 15;
  if (digits.size() > shown) {
    bool up = digits[shown] >= '5';
    digits.resize(shown);
    for (std::size_t k = shown; up && k-- > 0;) {
      if (digits[k] == '9') {
        digits[k] = '0';
      } else {
        ++digits[k];
        up = false;
      }
    }
    if (up) {  // 999...9 rounded up
      digits.insert(digits.begin(), '1');
      digits.pop_back();
      ++point;
    }
  }
  while (digits.size() > 1 && digits.back() == '0' && static_cast<long>(digits.size()) > point) digits.pop_back();
  if (digits == "0") return "0";
  std::string out = negative ? "-" : "";
  auto size = static_cast<long>(digits.size());
  if (point <= 0) {
    out += "0." + std::string(static_cast<std::size_t>(-point), '0') + digits;
  } else if (point >= size) {
    out += digits + std::string(static_cast<std::size_t>(point - size), '0');
  } else {
    out += digits.substr(0, static_cast<std::size_t>(point)) + "." + digits.substr(static_cast<std::size_t>(point));
  }
  return out;
}

bool serial_to_date(std::string_view number, bool date1904, std::string& date, std::string& message) {
  std::string_view whole = number.substr(0, number.find('.'));
  long serial = 0;
  if (whole.empty() || whole.size() > 9 || !parse_number(whole, serial) || serial < 0) {
    message = i18n::tr("the date cell holds {}, which is not a day number", number);
    return false;
  }
  int day = 0;
  if (date1904) {
    day = lang::day_number(1904, 1, 1) + static_cast<int>(serial);
  } else if (serial == 0) {
    message = i18n::text("the date cell holds 0, which Excel shows as 1900-01-00, a day that does not exist");
    return false;
  } else if (serial == 60) {
    message = i18n::text("the date cell holds 60, which Excel shows as 1900-02-29, a day that never was (1900 was not "
                         "a leap year)");
    return false;
  } else {
    // Excel counts 1900-02-29, so from 61 on a serial is one more than the days since 1899-12-31.
    day = lang::day_number(1899, 12, serial < 60 ? 31 : 30) + static_cast<int>(serial);
  }
  lang::civil_date d = lang::date_of_day(day);
  if (!lang::is_valid_date(d.year, d.month, d.day)) {
    message = i18n::tr("the date cell holds {}, a day outside {}", number, lang::supported_years_text());
    return false;
  }
  // By hand, not fmt: a workbook of a million rows has a million dates.
  char text[] = "0000-00-00";
  auto put = [&](int at, int digits, int value) {
    for (int i = at + digits - 1; i >= at; --i, value /= 10) text[i] = static_cast<char>('0' + value % 10);
  };
  put(0, 4, d.year);
  put(5, 2, d.month);
  put(8, 2, d.day);
  date.assign(text, 10);
  return true;
}

}  // namespace rubric::engine
