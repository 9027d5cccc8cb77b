// Validates one event row against the schema of the version in force on its date and encodes
// it for evaluation. Shared by the CSV and JSON Lines readers: they differ only in how they
// find a row's cells.
#pragma once

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

class event_decoder {
 public:
  // `columns` names the attribute columns, in the order cells are passed to decode().
  event_decoder(const plan& p, const roster& r, std::vector<std::string> columns);

  enum class outcome { event, not_scored, rejected };
  outcome decode(std::string_view date, std::string_view unit, std::string_view kind, const cell* cells,
                 decoded_event& out, decode_problem& problem) const;

  const std::vector<std::string>& columns() const { return columns_; }

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
};

// Reads a value of any type but person (which needs the people roster) into its encoding.
bool decode_plain_value(const attribute_plan& attribute, std::string_view text, std::int64_t& value,
                        std::string& message);

}  // namespace rubric::engine
