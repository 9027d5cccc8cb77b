// Validates one event row against the schema of the version in force on its date and encodes
// it for evaluation. Shared by the CSV and JSON Lines readers: they differ only in how they
// find a row's cells.
#pragma once

#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/events/dates.hpp"
#include "engine/findings.hpp"
#include "engine/plan.hpp"
#include "engine/roster.hpp"
#include "lang/calendar.hpp"

namespace rubric::engine {

struct decoded_event {
  int period = 0;      // period key of the scoring cadence, see lang/calendar.hpp
  int year = 0, month = 0, day = 0;  // the event's date

  int day_number() const { return lang::day_number(year, month, day); }  // days since 1970-01-01
  std::uint32_t version = 0;
  std::uint32_t unit = 0;
  std::uint32_t kind = 0;
  event_values values;
};

// Where a row came from, for explanations and findings.
struct row_origin {
  const std::string* file = nullptr;
  std::uint64_t line = 0;
  std::string_view raw;
};

// An absent cell has present == false (an empty CSV cell, a JSON null or a missing key).
struct cell {
  std::string_view text;
  bool present = false;
};

struct decode_problem {
  finding_code code = finding_code::bad_value;
  int field = 0;  // field_date, field_unit, field_kind, or an attribute column index
  std::string message;
  static constexpr int field_date = -1, field_unit = -2, field_kind = -3;
};

// The dates a reader has already decoded, by their text: a month of events has some thirty
// distinct dates, so a file of millions of rows parses each date once, not once per row. One per
// reading thread (decode() is const and shared by a file's threads). Only dates that decoded to a
// scored period are kept, so every message about a date still comes from decode()'s own path.
class date_memo {
 public:
  struct entry {
    std::uint64_t head = 0;  // the text's first 8 bytes, zero-padded
    std::uint32_t tail = 0;  // bytes 8..9, zero-padded, and the length in the high byte; 0: empty slot
    std::uint32_t version = 0;
    int year = 0, month = 0, day = 0, period = 0;
  };
  // The slot `text` belongs in, and whether it holds `text`. Texts of 8 to 10 bytes (2024-3-5 to
  // 2024-03-05) only; others are never kept.
  entry* find(std::string_view text, bool& hit) {
    hit = false;
    if (text.size() < 8 || text.size() > 10) return nullptr;
    std::uint64_t head;
    std::memcpy(&head, text.data(), 8);
    std::uint32_t tail = static_cast<std::uint32_t>(text.size()) << 24;
    for (std::size_t i = 8; i < text.size(); ++i) tail |= static_cast<std::uint32_t>(static_cast<unsigned char>(text[i])) << (8 * (i - 8));
    entry& slot = slots_[slot_of(head, tail)];
    hit = slot.head == head && slot.tail == tail;
    slot.head = head;  // the caller fills the rest when it was a miss
    slot.tail = hit ? tail : 0;
    pending_tail_ = tail;
    return &slot;
  }
  // Marks a slot find() returned for a miss as holding what the caller wrote into it.
  void keep(entry& slot) { slot.tail = pending_tail_; }

 private:
  // A year of events in random order has 366 dates: a slot per date as usually written
  // (2024-03-05: the year's last digit, the month and the day, from the digits' low four bits),
  // so that they never evict one another; other forms land anywhere and are still compared whole.
  static constexpr std::size_t slot_count = 10 * 16 * 32;
  static std::size_t slot_of(std::uint64_t head, std::uint32_t tail) {
    auto digit = [](std::uint64_t byte) { return static_cast<std::size_t>(byte & 0x0F); };
    const std::size_t year = digit(head >> 24) % 10;
    const std::size_t month = (digit(head >> 40) * 10 + digit(head >> 48)) & 15;
    const std::size_t day = (digit(tail) * 10 + digit(tail >> 8)) & 31;
    return (year * 16 + month) * 32 + day;
  }
  entry slots_[slot_count];
  std::uint32_t pending_tail_ = 0;
};

class event_decoder {
 public:
  // `columns` names the attribute columns, in the order cells are passed to decode().
  event_decoder(const plan& p, const roster& r, std::vector<std::string> columns);

  enum class outcome { event, not_scored, rejected };
  // `dates`, when given, remembers the dates decoded before (see date_memo).
  outcome decode(std::string_view date, std::string_view unit, std::string_view kind, const cell* cells,
                 decoded_event& out, decode_problem& problem, date_memo* dates = nullptr) const;

  const std::vector<std::string>& columns() const { return columns_; }

  // Asks for the roster's memory that decode() of a row with these cells will read (the unit's
  // and the people's slots): a reader calls it for a batch of rows before decoding them, so the
  // lookups of a batch wait for memory together instead of one after another.
  void prefetch(std::string_view unit, const cell* cells) const {
    roster_.prefetch_unit(unit);
    for (std::size_t c : person_columns_) {
      if (cells[c].present) roster_.prefetch_person(cells[c].text);
    }
  }

 private:
  struct kind_layout {
    std::vector<std::int16_t> attribute_of_column;  // -1 when the column is not an attribute of the kind
    std::vector<std::int16_t> column_of_attribute;  // -1 when no column carries the attribute
  };
  bool decode_value(const attribute_plan& attribute, std::string_view text, std::int64_t& value,
                    std::string& message) const;

  std::optional<std::uint32_t> version_for(int month) const;
  std::optional<std::uint32_t> kind_for(const version_plan& v, std::string_view kind) const;

  // Which of a version's kinds `kind` names, by its name: kinds packed for a compare of words.
  struct packed_name {
    std::uint64_t head = 0;  // the first 8 bytes, zero-padded
    std::uint32_t size = 0;
  };
  static packed_name pack_name(std::string_view text);

  const plan& plan_;
  const roster& roster_;
  std::vector<std::string> columns_;
  std::vector<std::vector<packed_name>> kind_names_;  // [version][kind]
  int first_period_ = 0;
  std::vector<std::uint32_t> version_by_period_;  // from first_period_, for a century of months
  std::vector<std::vector<kind_layout>> layouts_;  // [version][kind]
  std::vector<std::size_t> person_columns_;  // the columns that hold a person in some kind
};

// Reads a value of any type but person (which needs the people roster) into its encoding.
bool decode_plain_value(const attribute_plan& attribute, std::string_view text, std::int64_t& value,
                        std::string& message);

}  // namespace rubric::engine
