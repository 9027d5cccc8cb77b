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
// compare in a compact table; longer ids use a string table. Rows name units in random order, so
// a lookup usually waits for memory: readers prefetch() the ids of rows a little ahead.
class id_index {
 public:
  void build(const std::vector<std::string>& ids);
  std::optional<std::uint32_t> find(std::string_view id) const {
    if (short_ids_) {
      if (id.size() > 7) return std::nullopt;
      const std::uint64_t key = pack(id);
      for (std::size_t i = slot_of(key);; i = (i + 1) & mask_) {
        const packed_slot& slot = slots_[i];
        if (slot.key == key) return slot.value;
        if (slot.key == empty_key) return std::nullopt;
      }
    }
    auto it = long_.find(id);
    return it == long_.end() ? std::nullopt : std::optional<std::uint32_t>(it->second);
  }
  // Asks for the memory find(id) will read (short ids only; a hint, never a fault).
  void prefetch(std::string_view id) const {
    if (!short_ids_ || id.size() > 7) return;
    std::uint64_t key = pack(id);
    // GCC 12 deletes a prefetch whose address comes out of a loop (pack's) as if it were dead
    // code; an empty asm that "changes" the key keeps it.
    asm volatile("" : "+r"(key));
    __builtin_prefetch(&slots_[slot_of(key)]);
  }

 private:
  static std::uint64_t pack(std::string_view id) {
    std::uint64_t key = static_cast<std::uint64_t>(id.size()) << 56;
    for (std::size_t i = 0; i < id.size(); ++i) key |= static_cast<std::uint64_t>(static_cast<unsigned char>(id[i])) << (8 * i);
    return key;
  }
  // Open addressing with linear probing in a table at most half full, so that the slot prefetch()
  // fetched is usually the one find() needs. A packed key's top byte is a length of at most 7.
  struct packed_slot {
    std::uint64_t key;
    std::uint32_t value;
  };
  static constexpr std::uint64_t empty_key = ~std::uint64_t{0};
  std::size_t slot_of(std::uint64_t key) const {
    return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> shift_);
  }
  bool short_ids_ = false;
  std::vector<packed_slot> slots_;
  std::size_t mask_ = 0;
  int shift_ = 63;
  string_map<std::uint32_t> long_;
};

class roster {
 public:
  std::vector<std::string> units;  // in file order
  std::vector<person_entry> people;
  std::vector<event_values> columns;  // per unit: the roster columns the rubric reads (plan::roster_columns)

  std::optional<std::uint32_t> unit_index(std::string_view unit) const { return unit_ids_.find(unit); }
  std::optional<std::uint32_t> person_index(std::string_view person) const { return person_ids_.find(person); }
  void prefetch_unit(std::string_view unit) const { unit_ids_.prefetch(unit); }
  void prefetch_person(std::string_view person) const { person_ids_.prefetch(person); }
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
