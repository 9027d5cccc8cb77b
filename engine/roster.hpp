// The roster: every unit that is scored and every person who can hold a role.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "engine/string_map.hpp"

#include "engine/findings.hpp"

namespace rubric::engine {

struct person_entry {
  std::string id;
  std::string role;
  std::uint32_t unit = 0;  // index into roster::units
};

class roster {
 public:
  std::vector<std::string> units;  // in file order
  std::vector<person_entry> people;

  std::optional<std::uint32_t> unit_index(std::string_view unit) const {
    if (short_ids_) {  // the hot path of reading events: one integer compare
      if (unit.size() > 7) return std::nullopt;
      auto it = short_unit_lookup_.find(pack(unit));
      return it == short_unit_lookup_.end() ? std::nullopt : std::optional<std::uint32_t>(it->second);
    }
    auto it = unit_lookup_.find(unit);
    return it == unit_lookup_.end() ? std::nullopt : std::optional<std::uint32_t>(it->second);
  }
  std::optional<std::uint32_t> person_index(std::string_view person) const {
    auto it = person_lookup_.find(person);
    return it == person_lookup_.end() ? std::nullopt : std::optional<std::uint32_t>(it->second);
  }
  // Builds the lookups; call after units and people are filled, and not again.
  void index();

 private:
  // Ids of up to 7 bytes packed with their length into one integer.
  static std::uint64_t pack(std::string_view id) {
    std::uint64_t key = static_cast<std::uint64_t>(id.size()) << 56;
    for (std::size_t i = 0; i < id.size(); ++i) key |= static_cast<std::uint64_t>(static_cast<unsigned char>(id[i])) << (8 * i);
    return key;
  }
  string_map<std::uint32_t> unit_lookup_, person_lookup_;
  bool short_ids_ = false;
  boost::unordered_flat_map<std::uint64_t, std::uint32_t> short_unit_lookup_;
};

// Reads units.csv (column `unit`) and people.csv (columns `person`, `role`, `unit`). Roles must
// be among `known_roles` (those the rubric's versions declare). Problems go to `findings`.
roster load_roster(const std::string& units_path, const std::string& people_path,
                   const std::set<std::string>& known_roles, std::vector<finding>& findings);

}  // namespace rubric::engine
