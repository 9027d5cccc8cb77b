// The roster: every unit that is scored and every person who can hold a role.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "engine/string_map.hpp"

#include "engine/events/encoding.hpp"
#include "engine/findings.hpp"
#include "engine/plan.hpp"

namespace rubric::engine {

struct person_entry {
  std::string id;
  std::string role;
  std::uint32_t unit = 0;  // index into roster::units
};

// Finds an id's position. Ids of up to 7 bytes (the usual `12-3`, `p12-3-u`) are packed with
// their length into one integer, so a lookup on the hot path of reading events is one integer
// compare in a compact table; longer ids use a string table.
class id_index {
 public:
  void build(const std::vector<std::string>& ids);
  std::optional<std::uint32_t> find(std::string_view id) const {
    if (short_ids_) {
      if (id.size() > 7) return std::nullopt;
      auto it = short_.find(pack(id));
      return it == short_.end() ? std::nullopt : std::optional<std::uint32_t>(it->second);
    }
    auto it = long_.find(id);
    return it == long_.end() ? std::nullopt : std::optional<std::uint32_t>(it->second);
  }

 private:
  static std::uint64_t pack(std::string_view id) {
    std::uint64_t key = static_cast<std::uint64_t>(id.size()) << 56;
    for (std::size_t i = 0; i < id.size(); ++i) key |= static_cast<std::uint64_t>(static_cast<unsigned char>(id[i])) << (8 * i);
    return key;
  }
  bool short_ids_ = false;
  boost::unordered_flat_map<std::uint64_t, std::uint32_t> short_;
  string_map<std::uint32_t> long_;
};

class roster {
 public:
  std::vector<std::string> units;  // in file order
  std::vector<person_entry> people;
  std::vector<event_values> columns;  // per unit: the roster columns the rubric reads (plan::roster_columns)

  std::optional<std::uint32_t> unit_index(std::string_view unit) const { return unit_ids_.find(unit); }
  std::optional<std::uint32_t> person_index(std::string_view person) const { return person_ids_.find(person); }
  // Builds the lookups; call after units and people are filled.
  void index();

 private:
  id_index unit_ids_, person_ids_;
};

// Reads units.csv (column `unit`, and the columns `roster_columns` declares) and people.csv
// (columns `person`, `role`, `unit`); each column by its name or its label (`单元`, `人员`,
// `角色`, a roster column's label). Roles must be among `roles` (plan::roles: those the rubric's
// versions declare), by name or label. Problems go to `findings`, and so does the note that a
// file was read from another encoding than UTF-8 (`encoding`: --encoding, or guessed).
roster load_roster(const std::string& units_path, const std::string& people_path, const std::vector<term>& roles,
                   std::vector<finding>& findings, const kind_plan& roster_columns = {},
                   text_encoding encoding = text_encoding::automatic);

}  // namespace rubric::engine
