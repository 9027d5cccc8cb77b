#include "engine/events/workbook.hpp"

#include <expat.h>
#include <isa-l/crc.h>
#include <isa-l/igzip_lib.h>
#include <unzip.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <exception>
#include <charconv>
#include <condition_variable>
#include <cstring>
#include <map>
#include <mutex>
#include <thread>

#if defined(__linux__)
#include <pthread.h>
#endif

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

// Names the calling thread as `perf report --sort comm` and `top -H` show it.
void name_thread(const char* name) {
#if defined(__linux__)
  pthread_setname_np(pthread_self(), name);
#else
  (void)name;
#endif
}

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

  // `parser` is null while the sheet scanner, not expat, reads the rows.
  void fail(std::string message) {
    if (error.empty()) error = std::move(message);
    if (parser) XML_StopParser(parser, XML_FALSE);
  }
  void finish() {
    done = true;
    if (parser) XML_StopParser(parser, XML_FALSE);
  }
  std::string part;
  std::string error;
  bool done = false;  // stopped early on purpose
  XML_Parser parser = nullptr;
  const XML_Char* raw_name = nullptr;  // the element's name as written, prefix and all, during start()
};

void XMLCALL on_start(void* data, const XML_Char* name, const XML_Char** attributes) {
  auto* part = static_cast<xml_part*>(data);
  part->raw_name = name;
  part->start(local_name(name), attributes);
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

// An expat parser with `handler`'s callbacks, freed on every path.
class expat_parser {
 public:
  explicit expat_parser(xml_part& handler) : parser_(XML_ParserCreate(nullptr)), handler_(handler) {
    handler.parser = parser_;
    XML_SetUserData(parser_, static_cast<void*>(&handler));
    XML_SetElementHandler(parser_, on_start, on_end);
    XML_SetCharacterDataHandler(parser_, on_text);
    XML_SetStartDoctypeDeclHandler(parser_, on_doctype);
    XML_SetEntityDeclHandler(parser_, on_entity);
  }
  ~expat_parser() {
    handler_.parser = nullptr;
    XML_ParserFree(parser_);
  }
  expat_parser(const expat_parser&) = delete;
  expat_parser& operator=(const expat_parser&) = delete;
  XML_Parser get() const { return parser_; }
  XML_Status parse(const char* data, std::size_t size, bool final) {
    return XML_Parse(parser_, data, static_cast<int>(size), final ? XML_TRUE : XML_FALSE);
  }
  // Why the XML was refused: the handler's reason, or expat's with the place.
  std::string refusal() const {
    return !handler_.error.empty()
               ? handler_.error
               : i18n::tr("part `{}` of the workbook is not well-formed XML (line {}, column {}: {})", handler_.part,
                          XML_GetCurrentLineNumber(parser_), XML_GetCurrentColumnNumber(parser_) + 1,
                          XML_ErrorString(XML_GetErrorCode(parser_)));
  }

 private:
  XML_Parser parser_;
  xml_part& handler_;
};

enum class part_status { read, missing, failed };

// The bytes of the zip's current entry. A deflated entry (every part Excel and WPS write) is
// inflated by ISA-L's igzip from the packed bytes minizip reads (`raw`), three times zlib's speed
// on sheet XML; another (stored, encrypted, another method) is left to minizip and zlib. Either
// way the same: reading stops at the size the zip says, a packed stream that ends early ends the
// entry, and the checksum counts only when that size was read.
class entry_unpacker {
 public:
  // After unzLocateFile: UNZ_OK or minizip's error.
  int open(unzFile zip, const unz_file_info64& info) {
    zip_ = zip;
    if (info.compression_method != Z_DEFLATED || (info.flag & 1) != 0) return unzOpenCurrentFile(zip);
    int method = 0, level = 0;
    if (unzOpenCurrentFile2(zip, &method, &level, 1) != UNZ_OK || method != Z_DEFLATED) {
      unzCloseCurrentFile(zip);
      return unzOpenCurrentFile(zip);
    }
    inflating_ = true;
    size_ = info.uncompressed_size;
    crc_wanted_ = static_cast<std::uint32_t>(info.crc);
    state_ = std::make_unique<inflate_state>();
    isal_inflate_init(state_.get());
    packed_ = std::make_unique_for_overwrite<unsigned char[]>(chunk_bytes);
    return UNZ_OK;
  }

  // Up to `size` bytes into `into`: how many, 0 at the end, negative when the entry cannot be unpacked.
  int read(char* into, unsigned size) {
    if (!inflating_) return unzReadCurrentFile(zip_, into, size);
    if (finished_ || unpacked_ == size_) return 0;
    inflate_state& s = *state_;
    s.next_out = reinterpret_cast<std::uint8_t*>(into);
    s.avail_out = static_cast<std::uint32_t>(std::min<std::uint64_t>(size, size_ - unpacked_));
    while (s.avail_out > 0) {
      if (s.avail_in == 0) {
        int got = unzReadCurrentFile(zip_, packed_.get(), static_cast<unsigned>(chunk_bytes));
        if (got < 0) return got;
        if (got == 0) break;  // the packed bytes end before the stream does: the entry ends here
        s.next_in = packed_.get();
        s.avail_in = static_cast<std::uint32_t>(got);
      }
      const std::uint8_t* in_before = s.next_in;
      const std::uint8_t* out_before = s.next_out;
      if (isal_inflate(&s) != ISAL_DECOMP_OK) return Z_DATA_ERROR;
      if (s.block_state == ISAL_BLOCK_FINISH) {
        finished_ = true;
        break;
      }
      if (s.next_in == in_before && s.next_out == out_before) return Z_DATA_ERROR;  // no progress: damaged
    }
    const auto got = static_cast<std::size_t>(reinterpret_cast<char*>(s.next_out) - into);
    crc_ = crc32_gzip_refl(crc_, reinterpret_cast<const unsigned char*>(into), got);
    unpacked_ += got;
    return static_cast<int>(got);
  }

  // Closes the entry: false when all of it was read and its checksum does not match.
  bool close() {
    const int closed = unzCloseCurrentFile(zip_);
    if (!inflating_) return closed != UNZ_CRCERROR;
    inflating_ = false;
    return unpacked_ != size_ || crc_ == crc_wanted_;
  }

 private:
  unzFile zip_ = nullptr;
  bool inflating_ = false, finished_ = false;
  std::uint64_t size_ = 0, unpacked_ = 0;
  std::uint32_t crc_ = 0, crc_wanted_ = 0;
  std::unique_ptr<inflate_state> state_;
  std::unique_ptr<unsigned char[]> packed_;
};

// Unpacks the zip's current entry in a thread of its own, a few chunks ahead of the reader, so
// that inflating (a quarter of a large sheet's reading time once the rows are scanned) and
// reading the rows overlap. Only this thread touches the zip until it is destroyed.
class chunk_prefetcher {
 public:
  explicit chunk_prefetcher(entry_unpacker& entry) : entry_(entry), thread_([this] {
    name_thread("rubric-inflate");
    unpack();
  }) {}
  ~chunk_prefetcher() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    space_.notify_all();
    thread_.join();
  }
  chunk_prefetcher(const chunk_prefetcher&) = delete;
  chunk_prefetcher& operator=(const chunk_prefetcher&) = delete;

  // The next chunk into `into`: what unzReadCurrentFile said (its size, 0 at the end, negative
  // when the entry cannot be unpacked).
  int next(char* into) {
    std::unique_lock lock(mutex_);
    ready_.wait(lock, [&] { return count_ > 0 || finished_; });
    if (count_ == 0) return last_;
    slot& chunk = slots_[head_];
    lock.unlock();
    if (chunk.size > 0) std::memcpy(into, chunk.data.get(), static_cast<std::size_t>(chunk.size));
    int got = chunk.size;
    lock.lock();
    head_ = (head_ + 1) % slots;
    --count_;
    space_.notify_one();
    return got;
  }

 private:
  static constexpr std::size_t slots = 4;
  struct slot {
    std::unique_ptr<char[]> data = std::make_unique_for_overwrite<char[]>(chunk_bytes);
    int size = 0;
  };

  void unpack() {
    for (;;) {
      std::unique_lock lock(mutex_);
      space_.wait(lock, [&] { return stop_ || count_ < slots; });
      if (stop_) return;
      slot& chunk = slots_[tail_];
      lock.unlock();
      int got = entry_.read(chunk.data.get(), static_cast<unsigned>(chunk_bytes));
      chunk.size = got;
      lock.lock();
      tail_ = (tail_ + 1) % slots;
      ++count_;
      if (got <= 0) {  // the end, or an error: nothing more to unpack
        finished_ = true;
        last_ = got;
      }
      ready_.notify_one();
      if (finished_) return;
    }
  }

  entry_unpacker& entry_;
  std::array<slot, slots> slots_;
  std::size_t head_ = 0, tail_ = 0, count_ = 0;
  bool stop_ = false, finished_ = false;
  int last_ = 0;
  std::mutex mutex_;
  std::condition_variable ready_, space_;
  std::thread thread_;  // last: started once the rest is made
};

// One part of the zip, unpacked a chunk at a time under the limits.
class part_reader {
 public:
  part_reader(unzFile zip, std::string name, const workbook_limits& limits)
      : zip_(zip), name_(std::move(name)), limits_(limits) {}
  ~part_reader() {
    prefetcher_.reset();
    if (open_) entry_.close();
  }
  part_reader(const part_reader&) = delete;
  part_reader& operator=(const part_reader&) = delete;

  part_status open(std::string& error) {
    if (unzLocateFile(zip_, name_.c_str(), 2) != UNZ_OK) return part_status::missing;
    unz_file_info64 info{};
    if (unzGetCurrentFileInfo64(zip_, &info, nullptr, 0, nullptr, 0, nullptr, 0) != UNZ_OK) {
      error = i18n::tr("part `{}` of the workbook is damaged: its entry in the zip cannot be read", name_);
      return part_status::failed;
    }
    if (info.uncompressed_size > limits_.part_bytes) {
      error = too_big();
      return part_status::failed;
    }
    if (entry_.open(zip_, info) != UNZ_OK) {
      error = i18n::tr("part `{}` of the workbook cannot be unpacked (it is encrypted or compressed in an unknown way)",
                       name_);
      return part_status::failed;
    }
    open_ = true;
    compressed_ = std::max<std::uint64_t>(info.compressed_size, 1);
    return part_status::read;
  }

  // The next chunk (at most chunk_bytes) into `into`: its size, 0 at the end of the part, or -1
  // with `error` set when it cannot be unpacked or breaks a limit.
  // Unpacks ahead in a thread of its own from now on (a sheet: see chunk_prefetcher).
  void unpack_ahead() { prefetcher_ = std::make_unique<chunk_prefetcher>(entry_); }

  long read(char* into, std::string& error) {
    int got = prefetcher_ ? prefetcher_->next(into) : entry_.read(into, static_cast<unsigned>(chunk_bytes));
    if (got < 0) {
      error = i18n::tr("part `{}` of the workbook is damaged: it cannot be unpacked", name_);
      return -1;
    }
    total_ += static_cast<std::uint64_t>(got);
    if (total_ > limits_.part_bytes) {
      error = too_big();
      return -1;
    }
    if (total_ > limits_.ratio_from && total_ / compressed_ > limits_.ratio) {
      error = i18n::tr("part `{}` of the workbook unpacks to more than {} times its packed size, far more than a "
                       "sheet does; it was not read (the file may be a zip bomb)",
                       name_, limits_.ratio);
      return -1;
    }
    return got;
  }
  std::uint64_t total() const { return total_; }

  // Closes the entry; after the whole part was read, false with `error` set when its checksum
  // does not match.
  bool close(bool read_whole, std::string& error) {
    prefetcher_.reset();
    open_ = false;
    if (!entry_.close() && read_whole) {
      error = i18n::tr("part `{}` of the workbook is damaged: its checksum does not match", name_);
      return false;
    }
    return true;
  }

 private:
  std::string too_big() const {
    return i18n::tr("part `{}` of the workbook unpacks to more than {} bytes, more than a workbook part may; it was "
                    "not read (the file may be a zip bomb)",
                    name_, limits_.part_bytes);
  }
  unzFile zip_;
  std::string name_;
  const workbook_limits& limits_;
  bool open_ = false;
  std::uint64_t compressed_ = 1, total_ = 0;
  entry_unpacker entry_;
  std::unique_ptr<chunk_prefetcher> prefetcher_;
};

// Streams part `name` of the zip through `handler`, a chunk at a time, under the limits.
part_status stream_part(unzFile zip, const std::string& name, const workbook_limits& limits, xml_part& handler,
                        std::string& error) {
  part_reader in(zip, name, limits);
  if (auto opened = in.open(error); opened != part_status::read) return opened;
  handler.part = name;
  bool ok = true;
  {
    expat_parser parser(handler);
    std::vector<char> buffer(chunk_bytes);
    for (;;) {
      long got = in.read(buffer.data(), error);
      if (got < 0) {
        ok = false;
        break;
      }
      if (parser.parse(buffer.data(), static_cast<std::size_t>(got), got == 0) == XML_STATUS_ERROR) {
        if (handler.done) break;
        ok = false;
        error = parser.refusal();
        break;
      }
      if (got == 0) break;
    }
  }
  if (!in.close(ok && !handler.done, error)) ok = false;
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
      blocks_.push_back(std::make_unique_for_overwrite<char[]>(block_bytes));  // not zeroed: written before read
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

// What a cell's `t` attribute says it holds.
enum class stored_type : std::uint8_t { number, shared, inline_string, formula_string, boolean, error, iso_date };

stored_type stored_type_of(std::string_view t) {
  // By length and letters, not string comparisons: this runs for most cells of a million rows.
  if (t.size() == 1) {
    switch (t[0]) {
      case 's': return stored_type::shared;
      case 'b': return stored_type::boolean;
      case 'e': return stored_type::error;
      case 'd': return stored_type::iso_date;
      default: return stored_type::number;
    }
  }
  if (t.size() == 3 && t[0] == 's' && t[1] == 't' && t[2] == 'r') return stored_type::formula_string;
  if (t == "inlineStr") return stored_type::inline_string;
  return stored_type::number;  // `n`; a type no writer uses is read as a number, as it always was
}

std::string_view attribute_text(const XML_Char** attributes, std::string_view local) {
  const XML_Char* value = attribute(attributes, local);
  return value ? std::string_view(value) : std::string_view();  // absent: a null data()
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// True when excel_number_text would return `stored` unchanged: no sign but `-`, no exponent, no
// leading or trailing zeros, at most 15 significant digits (`45123`, `12.5`, `0.25`), as nearly
// every number a person types is; such a number is copied without the general rounding's work.
bool shown_as_stored(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && s[i] == '-') ++i;
  const std::size_t whole_begin = i;
  while (i < s.size() && is_digit(s[i])) ++i;
  const std::size_t whole_digits = i - whole_begin;
  if (whole_digits == 0) return false;
  const bool zero_whole = s[whole_begin] == '0';
  if (zero_whole && whole_digits > 1) return false;
  std::size_t significant = zero_whole ? 0 : whole_digits;
  if (i == s.size()) return !(zero_whole && whole_begin > 0) && significant <= 15;  // `-0` shows as `0`
  if (s[i] != '.') return false;
  const std::size_t fraction_begin = ++i;
  while (i < s.size() && is_digit(s[i])) ++i;
  if (i != s.size() || i == fraction_begin || s[i - 1] == '0') return false;
  std::size_t first = fraction_begin;
  if (zero_whole) {
    while (s[first] == '0') ++first;
  }
  significant += i - first;
  return significant <= 15;
}

// A cell as read, until its row is handled: a shared string by its index, or its own text as a
// span of the row's text.
constexpr std::size_t not_shared = static_cast<std::size_t>(-1);
struct stored_cell {
  std::uint32_t column;
  cell_type type;
  std::size_t shared;       // the index of a shared string, or not_shared
  std::size_t begin, size;  // in the row's text
};

// Where a sheet's finished rows go: straight to the row handler (direct_rows), or in batches to
// the thread that calls it (row_pipeline).
class row_receiver {
 public:
  virtual ~row_receiver() = default;
  // `text` holds the cells' own text; `in_order` says the cells are in column order. False stops
  // the reading of the sheet.
  virtual bool take(std::uint64_t row, const std::vector<stored_cell>& cells, std::string_view text, bool in_order) = 0;
};

// The row handler's view of a row: each cell's text, the cells in column order.
void make_views(const std::deque<std::string_view>& shared, const stored_cell* cells, std::size_t count,
                std::string_view text, bool in_order, std::vector<sheet_cell>& views) {
  views.clear();
  for (const stored_cell* c = cells; c != cells + count; ++c) {
    views.push_back({c->column, c->type, c->shared != not_shared ? shared[c->shared] : text.substr(c->begin, c->size)});
  }
  // Every writer puts a row's cells in column order; a file that does not is sorted.
  if (!in_order) {
    std::stable_sort(views.begin(), views.end(), [](const sheet_cell& a, const sheet_cell& b) { return a.column < b.column; });
  }
}

class direct_rows : public row_receiver {
 public:
  direct_rows(const workbook::row_handler& on_row, const std::deque<std::string_view>& shared)
      : on_row_(on_row), shared_(shared) {}
  bool take(std::uint64_t row, const std::vector<stored_cell>& cells, std::string_view text, bool in_order) override {
    make_views(shared_, cells.data(), cells.size(), text, in_order, views_);
    return on_row_(row, views_);
  }

 private:
  const workbook::row_handler& on_row_;
  const std::deque<std::string_view>& shared_;
  std::vector<sheet_cell> views_;
};

// The rows of a sheet, whoever reads its XML: expat, through start, end and text, or the row
// scanner, through the begin_ and end_ calls directly.
class sheet_part : public xml_part {
 public:
  sheet_part(row_receiver& receiver, const std::deque<std::string_view>& shared, const std::vector<bool>& date_styles,
             std::size_t cell_bytes, std::uint64_t skip_rows = 0)
      : receiver_(receiver), shared_(shared), date_styles_(date_styles), cell_bytes_(cell_bytes), skip_rows_(skip_rows) {}

  void start(std::string_view name, const XML_Char** a) override {
    if (!in_data_) {
      if (name == "sheetData") {
        in_data_ = true;
        if (watching_) offer_rows();
      } else if (watching_) {
        open_elements_.emplace_back(raw_name);
      }
      return;
    }
    if (name == "c") {
      begin_cell(attribute_text(a, "r"), attribute_text(a, "t"), attribute_text(a, "s"));
    } else if (name == "row") {
      begin_row(attribute_text(a, "r"));
    } else if (in_cell_) {
      if (name == "v") begin_value();
      else if (name == "f") begin_formula();
      else if (name == "t") begin_text();
      else if (name == "rPh") in_phonetic_ = true;
    }
  }

  void end(std::string_view name) override {
    if (!in_data_) {
      if (watching_ && !open_elements_.empty()) open_elements_.pop_back();
      return;
    }
    if (name == "v") end_value();
    else if (name == "t") end_text();
    else if (name == "rPh") in_phonetic_ = false;
    else if (name == "c") end_cell();
    else if (name == "row") end_row();
    else if (name == "sheetData") in_data_ = false;
  }

  void text(std::string_view t) override {
    if (collecting()) append_text(t);
  }

  // The calls of the row scanner (and of the above).
  bool collecting() const { return in_cell_ && (in_value_ || (in_t_ && !in_phonetic_)); }
  void append_text(std::string_view t) {
    if (value_.size() + t.size() > cell_bytes_) {
      return fail(i18n::tr("cell {}{} holds more than {} bytes of text, more than the reader accepts",
                           column_letters(column_), row_, cell_bytes_));
    }
    value_.append(t);
  }
  // An attribute that is absent has a null data().
  void begin_row(std::string_view r) {
    std::uint64_t number = 0;
    row_ = r.data() && parse_number(r, number) && number > 0 ? number : row_ + 1;
    next_column_ = 0;
    cells_.clear();
    row_text_.clear();
    in_order_ = true;
  }
  void begin_cell(std::string_view r, std::string_view t, std::string_view s) {
    in_cell_ = true;
    std::uint32_t column = 0;
    column_ = r.data() && column_of_reference(r, column) ? column : next_column_;
    next_column_ = column_ + 1;
    type_ = t.data() ? stored_type_of(t) : stored_type::number;
    std::size_t style = 0;
    date_style_ = s.data() && parse_number(s, style) && style < date_styles_.size() && date_styles_[style];
    value_.clear();
    has_value_ = has_formula_ = false;
  }
  void begin_value() { in_value_ = has_value_ = true; }
  void end_value() { in_value_ = false; }
  void begin_formula() { has_formula_ = true; }
  void begin_text() { in_t_ = has_value_ = true; }
  void end_text() { in_t_ = false; }

  void end_cell() {
    in_cell_ = in_value_ = in_t_ = in_phonetic_ = false;
    // A formula keeps its last value in <v>; a program that writes formulas without computing
    // them leaves it out or empty (a text formula's empty value is empty text, `t="str"`).
    if (has_formula_ && (!has_value_ || (value_.empty() && type_ != stored_type::formula_string))) {
      return keep(cell_type::formula_no_value, {});
    }
    switch (type_) {
      case stored_type::shared: {
        std::size_t index = 0;
        if (!parse_number(std::string_view(value_), index) || index >= shared_.size()) {
          return fail(i18n::tr("cell {}{} refers to shared text number {}, but the workbook has {}: the workbook is "
                               "damaged",
                               column_letters(column_), row_, value_, shared_.size()));
        }
        if (shared_[index].empty()) return;  // empty text: an empty cell
        return push({column_, cell_type::text, index, 0, 0});
      }
      case stored_type::inline_string:
      case stored_type::formula_string:
        if (value_.empty() && !has_formula_) return;
        return keep(cell_type::text, value_);
      case stored_type::boolean: return keep(cell_type::boolean, value_ == "1" || value_ == "true" ? "true" : "false");
      case stored_type::error: return keep(cell_type::error, value_);
      case stored_type::iso_date:  // an ISO 8601 date and time: the date is what counts
        return keep(cell_type::text, std::string_view(value_).substr(0, value_.find('T')));
      case stored_type::number: {
        if (value_.empty()) return;
        const std::size_t begin = row_text_.size();
        if (shown_as_stored(value_)) {
          row_text_.append(value_);
        } else {
          row_text_.append(excel_number_text(value_));
        }
        return push({column_, date_style_ ? cell_type::date_number : cell_type::number, not_shared, begin,
                     row_text_.size() - begin});
      }
    }
  }

  void end_row() {
    if (cells_.empty()) return;
    if (delivered_++ < skip_rows_) return;  // handed over before expat took the sheet back
    if (!receiver_.take(row_, cells_, row_text_, in_order_)) finish();
  }

  // Before the second parser reads the elements around <sheetData> again (see scan_sheet).
  void leave_rows() { in_data_ = false; }
  // Rows with a cell, handed to the row handler or skipped.
  std::uint64_t delivered() const { return delivered_; }

  // Before expat reads the part: stop at the first <sheetData> and offer its rows to the scanner
  // when the part is UTF-8 (what the scanner reads) and the element has no prefix.
  void watch_for_rows(bool utf8_start) {
    watching_ = true;
    utf8_ = utf8_start;
  }
  void declared_encoding(const XML_Char* encoding) {
    std::string_view name = encoding ? encoding : "UTF-8";
    auto upper = [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; };
    if (name.size() != 5 || !std::equal(name.begin(), name.end(), "UTF-8", [&](char a, char b) { return upper(a) == b; })) {
      utf8_ = false;
    }
  }
  // Where the rows start, from the start of the part: just after <sheetData ...>.
  std::uint64_t rows_from() const { return rows_from_; }
  const std::vector<std::string>& open_elements() const { return open_elements_; }

 private:
  void push(const stored_cell& cell) {
    if (!cells_.empty() && cell.column < cells_.back().column) in_order_ = false;
    cells_.push_back(cell);
  }
  void keep(cell_type type, std::string_view text) {
    push({column_, type, not_shared, row_text_.size(), text.size()});
    row_text_.append(text);
  }

  void offer_rows() {
    watching_ = false;
    if (!utf8_ || std::string_view(raw_name) != "sheetData") return;
    XML_Index begin = XML_GetCurrentByteIndex(parser);
    int count = XML_GetCurrentByteCount(parser);
    if (begin < 0 || count <= 0) return;
    rows_from_ = static_cast<std::uint64_t>(begin) + static_cast<std::uint64_t>(count);
    XML_StopParser(parser, XML_TRUE);  // suspended: the caller hands the rows to the scanner
  }

  row_receiver& receiver_;
  const std::deque<std::string_view>& shared_;
  const std::vector<bool>& date_styles_;
  std::size_t cell_bytes_;
  std::uint64_t skip_rows_, delivered_ = 0;
  bool in_data_ = false, in_cell_ = false, in_value_ = false, in_t_ = false, in_phonetic_ = false;
  bool has_value_ = false, has_formula_ = false, date_style_ = false, in_order_ = true;
  bool watching_ = false, utf8_ = false;
  std::uint64_t rows_from_ = 0;
  std::vector<std::string> open_elements_;  // the elements around <sheetData>, as written
  std::uint64_t row_ = 0;
  std::uint32_t column_ = 0, next_column_ = 0;
  stored_type type_ = stored_type::number;
  std::string value_, row_text_;
  std::vector<stored_cell> cells_;
};

void XMLCALL on_declaration(void* data, const XML_Char*, const XML_Char* encoding, int) {
  static_cast<sheet_part*>(static_cast<xml_part*>(data))->declared_encoding(encoding);
}

// A part whose first bytes are those of UTF-8 XML (not UTF-16, which expat also reads).
bool starts_as_utf8(std::string_view head) {
  if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  if (head.size() < 2 || head[1] == '\0') return false;
  return head[0] == '<' || head[0] == ' ' || head[0] == '\t' || head[0] == '\r' || head[0] == '\n';
}

// The length of the UTF-8 sequence at `at` when it is a character XML allows; 0 when it is not
// (a malformed or overlong sequence, a surrogate, U+FFFE or U+FFFF); -1 when `end` cuts it off.
int xml_character_length(const char* at, const char* end) {
  const auto lead = static_cast<unsigned char>(*at);
  int length = 0;
  unsigned char low = 0x80, high = 0xBF;  // the second byte's range
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  for (int i = 1; i < length; ++i) {
    if (at + i >= end) return -1;
    const auto next = static_cast<unsigned char>(at[i]);
    if (next < (i == 1 ? low : 0x80) || next > (i == 1 ? high : 0xBF)) return 0;
  }
  if (lead == 0xEF && static_cast<unsigned char>(at[1]) == 0xBF && static_cast<unsigned char>(at[2]) >= 0xBE) return 0;
  return length;
}

// A predefined entity or a character reference (the text between `&` and `;`) as UTF-8 into
// `out`; 0 when it is neither or names a character XML does not allow.
std::size_t decode_reference(std::string_view name, char* out) {
  char simple = name == "amp" ? '&' : name == "lt" ? '<' : name == "gt" ? '>' : name == "quot" ? '"' : name == "apos" ? '\'' : 0;
  if (simple) {
    out[0] = simple;
    return 1;
  }
  if (name.size() < 2 || name[0] != '#') return 0;
  const bool hex = name[1] == 'x';
  std::string_view digits = name.substr(hex ? 2 : 1);
  std::uint32_t code = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), code, hex ? 16 : 10);
  if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size()) return 0;
  bool allowed = code == 0x9 || code == 0xA || code == 0xD || (code >= 0x20 && code <= 0xD7FF) ||
                 (code >= 0xE000 && code <= 0xFFFD) || (code >= 0x10000 && code <= 0x10FFFF);
  if (!allowed) return 0;
  if (code < 0x80) {
    out[0] = static_cast<char>(code);
    return 1;
  }
  if (code < 0x800) {
    out[0] = static_cast<char>(0xC0 | (code >> 6));
    out[1] = static_cast<char>(0x80 | (code & 0x3F));
    return 2;
  }
  if (code < 0x10000) {
    out[0] = static_cast<char>(0xE0 | (code >> 12));
    out[1] = static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out[2] = static_cast<char>(0x80 | (code & 0x3F));
    return 3;
  }
  out[0] = static_cast<char>(0xF0 | (code >> 18));
  out[1] = static_cast<char>(0x80 | ((code >> 12) & 0x3F));
  out[2] = static_cast<char>(0x80 | ((code >> 6) & 0x3F));
  out[3] = static_cast<char>(0x80 | (code & 0x3F));
  return 4;
}

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }
bool is_name_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':'; }
bool is_name_char(char c) { return is_name_start(c) || is_digit(c) || c == '-' || c == '.'; }

// Reads the rows inside a sheet's <sheetData> straight from the bytes. A sheet is rows of cells
// in a few fixed elements (`<row r="2"><c r="A2" s="1" t="s"><v>12</v></c>…`), and expat's
// generic work (each attribute's name and value copied and terminated, a callback per event)
// took most of a large workbook's reading time. The scanner reads only well-formed XML of the
// elements rows have (row, c, v, f, is, t), checking what expat checks of them: names, attribute
// syntax and duplicates, nesting, the characters XML allows, references. Anything else (a
// comment, CDATA, a prefix, another element, an entity it does not know, a malformed byte, a
// limit) it hands back, and expat reads the sheet again from its start, skipping the rows already
// handed to the row handler: rows and error messages are expat's own.
class row_scanner {
 public:
  enum class outcome { end_of_rows, stopped, handoff };

  row_scanner(part_reader& in, sheet_part& rows) : in_(in), rows_(rows), buffer_(2 * chunk_bytes) {}

  // `first` holds the bytes after <sheetData ...>; the rest comes from `in`. On end_of_rows,
  // rest() starts with `</sheetData`.
  outcome run(std::string_view first) {
    std::copy(first.begin(), first.end(), buffer_.data());
    end_ = first.size();
    for (;;) {
      const char* base = buffer_.data();
      const char* end = base + end_;
      const char* tag = scan_text(base + begin_, end);
      if (!tag || !rows_.error.empty()) return outcome::handoff;
      begin_ = static_cast<std::size_t>(tag - base);
      if (tag == end || *tag != '<') {  // the text goes on in the next chunk
        if (!fill()) return outcome::handoff;
        continue;
      }
      switch (scan_tag(tag, end)) {
        case tag_status::incomplete:
          begin_ = static_cast<std::size_t>(tag - base);
          if (!fill()) return outcome::handoff;
          continue;
        case tag_status::handoff: return outcome::handoff;
        case tag_status::end_of_rows: begin_ = static_cast<std::size_t>(tag - base); return outcome::end_of_rows;
        case tag_status::read: break;
      }
      if (!rows_.error.empty()) return outcome::handoff;
      if (rows_.done) return outcome::stopped;
      begin_ = static_cast<std::size_t>(after_ - base);
    }
  }

  std::string_view rest() const { return {buffer_.data() + begin_, end_ - begin_}; }

 private:
  enum class element : std::uint8_t { sheet_data, row, cell, value, formula, inline_string, text, other };
  enum class tag_status { read, incomplete, handoff, end_of_rows };
  static constexpr std::size_t max_attributes = 16;

  // By length and letters, not string comparisons: this runs for every tag of a million rows.
  static element element_named(std::string_view name) {
    switch (name.size()) {
      case 1: return name[0] == 'c' ? element::cell : name[0] == 'v' ? element::value : name[0] == 'f' ? element::formula
                                                    : name[0] == 't' ? element::text : element::other;
      case 2: return name[0] == 'i' && name[1] == 's' ? element::inline_string : element::other;
      case 3: return name[0] == 'r' && name[1] == 'o' && name[2] == 'w' ? element::row : element::other;
      case 9: return name == "sheetData" ? element::sheet_data : element::other;
      default: return element::other;
    }
  }
  // The elements the scanner reads inside `parent`.
  static bool reads_inside(element parent, element child) {
    switch (parent) {
      case element::sheet_data: return child == element::row;
      case element::row: return child == element::cell;
      case element::cell: return child == element::value || child == element::formula || child == element::inline_string;
      case element::inline_string: return child == element::text;
      default: return false;
    }
  }

  // Moves the unread bytes to the front and reads the next chunk after them; false at the end
  // of the part, on an error or a limit (expat reads again and says so), or when a tag does not
  // fit the buffer.
  bool fill() {
    if (begin_ > 0) {
      std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
      end_ -= begin_;
      begin_ = 0;
    }
    if (buffer_.size() - end_ < chunk_bytes) return false;
    std::string ignored;  // expat reading again meets the same problem and reports it
    long got = in_.read(buffer_.data() + end_, ignored);
    if (got <= 0) return false;
    end_ += static_cast<std::size_t>(got);
    return true;
  }

  // Bytes that stand for themselves in character data: printable ASCII but `<`, `&` and `]`.
  static constexpr std::array<bool, 256> plain_bytes = [] {
    std::array<bool, 256> plain{};
    for (int byte = 0x20; byte < 0x7F; ++byte) plain[static_cast<std::size_t>(byte)] = byte != '<' && byte != '&' && byte != ']';
    return plain;
  }();

  // Checks the character data from `at` up to the next `<` and hands a value's text to the rows.
  // Returns the `<`; or, when the buffer ends first, `end` or where an incomplete sequence at its
  // end starts; nullptr for what only expat reads (or refuses).
  const char* scan_text(const char* at, const char* end) {
    const bool collect = rows_.collecting();
    const char* run = at;
    auto flush = [&](const char* upto) {
      if (collect && upto > run) rows_.append_text({run, static_cast<std::size_t>(upto - run)});
    };
    while (at < end) {
      const auto byte = static_cast<unsigned char>(*at);
      if (plain_bytes[byte]) {
        ++at;
      } else if (byte == '<') {
        break;
      } else if (byte == '\n' || byte == '\t' || (byte == '\r' && !collect)) {
        ++at;  // expat turns a value's line ends into `\n`: a `\r` in a value is left to it
      } else if (byte == ']') {
        if (end - at < 3) {
          flush(at);
          return at;
        }
        if (at[1] == ']' && at[2] == '>') return nullptr;  // `]]>` outside CDATA: not well-formed
        ++at;
      } else if (byte == '&') {
        flush(at);
        constexpr std::ptrdiff_t longest = 16;
        const char* semicolon =
            static_cast<const char*>(std::memchr(at, ';', static_cast<std::size_t>(std::min(end - at, longest))));
        if (!semicolon) return end - at < longest ? at : nullptr;
        char decoded[4];
        std::size_t size = decode_reference({at + 1, static_cast<std::size_t>(semicolon - at - 1)}, decoded);
        if (size == 0) return nullptr;
        if (collect) rows_.append_text({decoded, size});
        at = run = semicolon + 1;
      } else if (byte >= 0x80) {
        int length = xml_character_length(at, end);
        if (length < 0) {
          flush(at);
          return at;
        }
        if (length == 0) return nullptr;
        at += length;
      } else {
        return nullptr;  // a control character, DEL
      }
    }
    flush(at);
    return at;
  }

  static const char* skip_space(const char* at, const char* end) {
    while (at < end && is_space(*at)) ++at;
    return at;
  }

  // The tag at `at` (a `<`), whole in [at, end) or incomplete.
  tag_status scan_tag(const char* at, const char* end) {
    const char* p = at + 1;
    if (p == end) return tag_status::incomplete;
    const bool closing = *p == '/';
    if (closing && ++p == end) return tag_status::incomplete;
    const char* name_begin = p;
    if (!is_name_start(*p)) return tag_status::handoff;  // `<!` (comment, CDATA), `<?`, or malformed
    while (p < end && is_name_char(*p)) ++p;
    if (p == end) return tag_status::incomplete;
    const element kind = element_named({name_begin, static_cast<std::size_t>(p - name_begin)});
    if (kind == element::other) return tag_status::handoff;
    if (closing) {
      if (depth_ == 0) return kind == element::sheet_data ? tag_status::end_of_rows : tag_status::handoff;
      if (kind != stack_[depth_ - 1]) return tag_status::handoff;
      p = skip_space(p, end);
      if (p == end) return tag_status::incomplete;
      if (*p != '>') return tag_status::handoff;
      after_ = p + 1;
      --depth_;
      close(kind);
      return tag_status::read;
    }
    if (!reads_inside(depth_ == 0 ? element::sheet_data : stack_[depth_ - 1], kind)) return tag_status::handoff;
    std::size_t count = 0;
    bool empty = false;
    for (;;) {
      const char* space = p;
      p = skip_space(p, end);
      if (p == end) return tag_status::incomplete;
      if (*p == '>') {
        ++p;
        break;
      }
      if (*p == '/') {
        if (p + 1 == end) return tag_status::incomplete;
        if (p[1] != '>') return tag_status::handoff;
        empty = true;
        p += 2;
        break;
      }
      if (p == space || !is_name_start(*p)) return tag_status::handoff;
      const char* attribute_begin = p;
      while (p < end && is_name_char(*p)) ++p;
      if (p == end) return tag_status::incomplete;
      std::string_view name(attribute_begin, static_cast<std::size_t>(p - attribute_begin));
      p = skip_space(p, end);
      if (p == end) return tag_status::incomplete;
      if (*p != '=') return tag_status::handoff;
      p = skip_space(p + 1, end);
      if (p == end) return tag_status::incomplete;
      const char quote = *p;
      if (quote != '"' && quote != '\'') return tag_status::handoff;
      const char* value = ++p;
      // Plain ASCII only: expat normalizes white space in a value and expands references.
      for (; p < end && *p != quote; ++p) {
        const auto byte = static_cast<unsigned char>(*p);
        if (byte < 0x20 || byte >= 0x7F || byte == '<' || byte == '&') return tag_status::handoff;
      }
      if (p == end) return tag_status::incomplete;
      const char* close = p;
      if (count == max_attributes) return tag_status::handoff;
      for (std::size_t i = 0; i < count; ++i) {
        // The first letters first: std::equal is a call to memcmp, and most names are one letter.
        if (names_[i].size() == name.size() && names_[i][0] == name[0] &&
            std::equal(name.begin(), name.end(), names_[i].begin())) {
          return tag_status::handoff;  // a duplicate attribute: expat refuses it
        }
      }
      names_[count] = name;
      values_[count] = std::string_view(value, static_cast<std::size_t>(close - value));
      ++count;
      p = close + 1;
    }
    after_ = p;
    attributes_ = count;
    open(kind, empty);
    return tag_status::read;
  }

  // The value of the one-letter attribute `name` (`r`, `t`, `s`); absent: a null data().
  std::string_view attribute_value(char name) const {
    for (std::size_t i = 0; i < attributes_; ++i) {
      if (names_[i].size() == 1 && names_[i][0] == name) return values_[i];
    }
    return {};
  }

  void open(element kind, bool empty) {
    switch (kind) {
      case element::row:
        rows_.begin_row(attribute_value('r'));
        if (empty) rows_.end_row();
        break;
      case element::cell:
        rows_.begin_cell(attribute_value('r'), attribute_value('t'), attribute_value('s'));
        if (empty) rows_.end_cell();
        break;
      case element::value:
        rows_.begin_value();
        if (empty) rows_.end_value();
        break;
      case element::formula: rows_.begin_formula(); break;
      case element::text:
        rows_.begin_text();
        if (empty) rows_.end_text();
        break;
      default: break;
    }
    if (!empty) stack_[depth_++] = kind;
  }

  void close(element kind) {
    switch (kind) {
      case element::row: rows_.end_row(); break;
      case element::cell: rows_.end_cell(); break;
      case element::value: rows_.end_value(); break;
      case element::text: rows_.end_text(); break;
      default: break;
    }
  }

  part_reader& in_;
  sheet_part& rows_;
  std::vector<char> buffer_;
  std::size_t begin_ = 0, end_ = 0;
  const char* after_ = nullptr;  // just after the tag read
  std::array<element, 4> stack_{};  // the open elements inside <sheetData>: row, c, is, t at most
  std::size_t depth_ = 0;
  std::array<std::string_view, max_attributes> names_, values_;
  std::size_t attributes_ = 0;
};

enum class sheet_status { read, missing, failed, handoff };

// Reads sheet part `name`: expat up to <sheetData ...>, the row scanner over the rows, and a
// second expat parser from </sheetData> on (given the names of the elements around it, so it
// checks the end of the part as the first would have). `handoff` when the scanner or the second
// parser met something only expat reads, or reports well.
sheet_status scan_sheet(unzFile zip, const std::string& name, const workbook_limits& limits, sheet_part& rows,
                        std::string& error) {
  part_reader in(zip, name, limits);
  if (auto opened = in.open(error); opened != part_status::read) {
    return opened == part_status::missing ? sheet_status::missing : sheet_status::failed;
  }
  rows.part = name;
  in.unpack_ahead();
  std::vector<char> buffer(chunk_bytes);
  long got = 0;
  std::size_t rows_at = 0;  // where the rows start in `buffer`
  bool ok = true, suspended = false;
  {
    expat_parser head(rows);
    XML_SetXmlDeclHandler(head.get(), on_declaration);
    for (bool first = true;; first = false) {
      got = in.read(buffer.data(), error);
      if (got < 0) {
        ok = false;
        break;
      }
      if (first) rows.watch_for_rows(starts_as_utf8({buffer.data(), static_cast<std::size_t>(got)}));
      const std::uint64_t chunk_from = in.total() - static_cast<std::uint64_t>(got);
      XML_Status status = head.parse(buffer.data(), static_cast<std::size_t>(got), got == 0);
      if (status == XML_STATUS_SUSPENDED) {
        const std::uint64_t at = rows.rows_from() - chunk_from;  // the tag ends in this chunk
        if (rows.rows_from() >= chunk_from + 2 && at <= static_cast<std::uint64_t>(got) && buffer[at - 2] != '/') {
          rows_at = static_cast<std::size_t>(at);
          suspended = true;
          break;
        }
        status = XML_ResumeParser(head.get());  // <sheetData/> (no rows) or a tag across chunks: expat reads on
      }
      if (status == XML_STATUS_ERROR) {
        if (rows.done) break;
        ok = false;
        error = head.refusal();
        break;
      }
      if (got == 0) break;
    }
  }
  if (!suspended) {
    if (!in.close(ok && !rows.done, error)) ok = false;
    return ok ? sheet_status::read : sheet_status::failed;
  }
  row_scanner scanner(in, rows);
  switch (scanner.run({buffer.data() + rows_at, static_cast<std::size_t>(got) - rows_at})) {
    case row_scanner::outcome::handoff: return sheet_status::handoff;
    case row_scanner::outcome::stopped: in.close(false, error); return sheet_status::read;
    case row_scanner::outcome::end_of_rows: break;
  }
  {
    expat_parser tail(rows);
    std::string opening;
    for (const auto& element : rows.open_elements()) opening += "<" + element + ">";
    opening += "<sheetData>";
    std::string_view rest = scanner.rest();
    rows.leave_rows();
    if (tail.parse(opening.data(), opening.size(), false) == XML_STATUS_ERROR ||
        tail.parse(rest.data(), rest.size(), false) == XML_STATUS_ERROR) {
      return sheet_status::handoff;
    }
    for (;;) {
      std::string ignored;  // expat reading again meets the same problem and reports it
      got = in.read(buffer.data(), ignored);
      if (got < 0) return sheet_status::handoff;
      if (tail.parse(buffer.data(), static_cast<std::size_t>(got), got == 0) == XML_STATUS_ERROR) {
        if (rows.done) break;
        return sheet_status::handoff;  // expat's own message names the line and column in the part
      }
      if (got == 0) break;
    }
  }
  if (!in.close(!rows.done, error)) return sheet_status::failed;
  return sheet_status::read;
}


// A run of rows on their way from the thread that reads a sheet to the thread that handles them.
struct row_batch {
  struct row {
    std::uint64_t number;
    std::size_t first, count;  // in `cells`
    bool in_order;
  };
  std::vector<row> rows;
  std::vector<stored_cell> cells;  // a cell's own text is at `begin` in `text`
  std::string text;
};

// Reading a sheet (unpacking aside) costs more than handling its rows: the row scanner and the
// cells' conversion run in a thread of their own and hand finished rows to the thread that
// called read_sheet, a batch at a time through a few batches that are reused (no allocation per
// row once they have grown). The first batches are small, as a reader that wants only the header
// row stops after one row, and the reading thread should not have read far ahead of it.
class row_pipeline : public row_receiver {
 public:
  // The reading thread's side.
  bool take(std::uint64_t row, const std::vector<stored_cell>& cells, std::string_view text, bool in_order) override {
    if (stopped_.load(std::memory_order_relaxed)) return false;
    row_batch& batch = *filling_;
    const std::size_t base = batch.text.size();
    batch.text.append(text);
    batch.rows.push_back({row, batch.cells.size(), cells.size(), in_order});
    for (stored_cell c : cells) {
      if (c.shared == not_shared) c.begin += base;
      batch.cells.push_back(c);
    }
    if (batch.rows.size() < batch_rows_) return true;
    batch_rows_ = std::min(batch_rows_ * 8, most_rows);
    return send();
  }
  // The reading thread is done: its last rows go, and the handling thread learns the end.
  void close() {
    std::lock_guard lock(mutex_);
    if (!filling_->rows.empty()) ready_.push_back(filling_);
    closed_ = true;
    ready_changed_.notify_one();
  }

  // The handling thread's side: the next batch, or nullptr after the last.
  row_batch* receive() {
    std::unique_lock lock(mutex_);
    ready_changed_.wait(lock, [&] { return !ready_.empty() || closed_; });
    if (ready_.empty()) return nullptr;
    row_batch* batch = ready_.front();
    ready_.pop_front();
    return batch;
  }
  void recycle(row_batch* batch) {
    std::lock_guard lock(mutex_);
    free_.push_back(batch);
    free_changed_.notify_one();
  }
  // The handler wants no more rows: the reading thread stops at its next row.
  void stop() {
    std::lock_guard lock(mutex_);
    stopped_.store(true, std::memory_order_relaxed);
    free_changed_.notify_one();
  }

 private:
  static constexpr std::size_t most_rows = 4096;
  bool send() {
    std::unique_lock lock(mutex_);
    ready_.push_back(filling_);
    ready_changed_.notify_one();
    free_changed_.wait(lock, [&] { return !free_.empty() || stopped_.load(std::memory_order_relaxed); });
    if (free_.empty()) return false;
    filling_ = free_.front();
    free_.pop_front();
    lock.unlock();
    filling_->rows.clear();
    filling_->cells.clear();
    filling_->text.clear();
    return true;
  }

  std::array<row_batch, 3> batches_;
  row_batch* filling_ = &batches_[0];
  std::deque<row_batch*> ready_, free_{&batches_[1], &batches_[2]};
  std::size_t batch_rows_ = 1;
  bool closed_ = false;
  std::atomic<bool> stopped_{false};
  std::mutex mutex_;
  std::condition_variable ready_changed_, free_changed_;
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
  auto read_rows = [this](std::size_t index, row_receiver& receiver, std::string& error) -> bool {
    zip_archive zip(path_);
    if (!zip.get()) {
      error = i18n::text("the workbook can no longer be opened as a zip archive");
      return false;
    }
    const sheet& wanted = sheets_[index];
    auto missing = [&] {
      error = i18n::tr("the workbook is damaged: sheet `{}` should be in `{}`, which the file does not have", wanted.name,
                       wanted.part);
      return false;
    };
    std::uint64_t handed_over = 0;  // rows the scanner gave the handler before it handed the sheet back
    if (limits_.scan_rows) {
      sheet_part rows(receiver, shared_, date_styles_, limits_.cell_bytes);
      switch (scan_sheet(zip.get(), wanted.part, limits_, rows, error)) {
        case sheet_status::read: return true;
        case sheet_status::missing: return missing();
        case sheet_status::failed: return false;
        case sheet_status::handoff: handed_over = rows.delivered(); error.clear(); break;
      }
    }
    sheet_part rows(receiver, shared_, date_styles_, limits_.cell_bytes, handed_over);
    switch (stream_part(zip.get(), wanted.part, limits_, rows, error)) {
      case part_status::read: return true;
      case part_status::missing: return missing();
      case part_status::failed: return false;
    }
    return false;
  };
  row_pipeline pipeline;
  std::string reading_error;
  bool read = false;
  std::exception_ptr failure;
  std::thread reading([&] {
    name_thread("rubric-sheet");
    try {
      read = read_rows(index, pipeline, reading_error);
    } catch (...) {
      failure = std::current_exception();
    }
    pipeline.close();
  });
  bool stopped = false;
  try {
    std::vector<sheet_cell> views;
    while (row_batch* batch = pipeline.receive()) {
      for (const auto& row : batch->rows) {
        make_views(shared_, batch->cells.data() + row.first, row.count, batch->text, row.in_order, views);
        if (!on_row(row.number, views)) {
          stopped = true;
          break;
        }
      }
      pipeline.recycle(batch);
      if (stopped) break;
    }
  } catch (...) {  // the handler's exception, once the reading thread has ended
    pipeline.stop();
    reading.join();
    throw;
  }
  if (stopped) pipeline.stop();
  reading.join();
  if (failure) std::rethrow_exception(failure);
  if (stopped) return true;  // what the reading thread met after the handler's last row does not count
  if (!read) error = std::move(reading_error);
  return read;
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
  // A sheet holds a month's events, often in date order: the same day comes row after row, so the
  // last day converted is remembered (per thread: sheets are read in parallel).
  thread_local std::string last_number, last_date;
  thread_local bool last_date1904 = false;
  if (!last_number.empty() && number == last_number && date1904 == last_date1904) {
    date = last_date;
    return true;
  }
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
  last_number.assign(number);
  last_date = date;
  last_date1904 = date1904;
  return true;
}

std::string serial_time_text(std::string_view number) {
  std::size_t point = number.find('.');
  if (point == std::string_view::npos) return {};
  // Exactly, from the digits: a fraction of 0.96875 is 23:15:00, with no binary rounding.
  std::int64_t fraction = 0, scale = 1;
  for (std::size_t i = point + 1; i < number.size() && scale < 1000000000; ++i) {
    char c = number[i];
    if (c < '0' || c > '9') return {};
    fraction = fraction * 10 + (c - '0');
    scale *= 10;
  }
  std::int64_t seconds = (fraction * 86400 + scale / 2) / scale;
  if (seconds <= 0 || seconds >= 86400) return {};
  char text[] = " 00:00:00";
  auto put = [&](int at, std::int64_t value) {
    text[at] = static_cast<char>('0' + value / 10);
    text[at + 1] = static_cast<char>('0' + value % 10);
  };
  put(1, seconds / 3600);
  put(4, seconds / 60 % 60);
  put(7, seconds % 60);
  return std::string(text, 9);
}

}  // namespace rubric::engine
