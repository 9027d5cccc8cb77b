#include "engine/roster.hpp"

#include "engine/events/decoder.hpp"
#include "engine/events/vocabulary.hpp"
#include "lang/i18n.hpp"
#include "lang/reserved_names.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "engine/events/csv.hpp"
#include "engine/events/encoding.hpp"
#include "lang/source.hpp"

namespace rubric::engine {

void id_index::build(const std::vector<std::string>& ids) {
  short_.clear();
  long_.clear();
  short_ids_ = std::all_of(ids.begin(), ids.end(), [](const std::string& id) { return id.size() <= 7; });
  for (std::uint32_t i = 0; i < ids.size(); ++i) {
    if (short_ids_) short_.emplace(pack(ids[i]), i);
    else long_.emplace(ids[i], i);
  }
}

void roster::index() {
  unit_ids_.build(units);
  std::vector<std::string> person_ids;
  for (const auto& p : people) person_ids.push_back(p.id);
  person_ids_.build(person_ids);
}

namespace {

// Reads a small CSV with named columns, each found by its name or its label (`unit` or `单元`);
// calls `row` with the cells in `wanted` order. Other columns are ignored.
template <typename Row>
void read_table(const std::string& path, const std::vector<term>& wanted, std::vector<finding>& findings,
                text_encoding encoding, Row&& row) {
  std::string error;
  bool not_regular = false;
  int fd = lang::open_regular_file(path, error, &not_regular);
  struct stat st {};
  if (fd < 0 || ::fstat(fd, &st) != 0) {
    findings.push_back({not_regular ? finding_code::not_a_file : finding_code::io_error, path, 0, 0,
                        not_regular ? error : i18n::tr("cannot open `{}`", path), {}});
    if (fd >= 0) ::close(fd);
    return;
  }
  auto size = static_cast<std::uint64_t>(st.st_size);
  auto text = open_as_utf8(fd, size, path, encoding);
  if (text.report) findings.push_back(std::move(*text.report));
  if (!text.ok) {
    ::close(fd);
    return;
  }
  csv_reader reader(fd, 0, size);
  csv_record record;
  finding problem;
  std::vector<int> positions;
  bool header = true;
  for (;;) {
    auto status = reader.next(record, problem);
    if (status == csv_reader::status::end) break;
    if (status == csv_reader::status::error) {
      problem.file = path;
      findings.push_back(problem);
      continue;
    }
    if (header) {
      header = false;
      auto refuse = [&](std::string message) {
        findings.push_back({finding_code::bad_header, path, record.line, 1, std::move(message), std::string(record.raw)});
        ::close(fd);
      };
      for (const auto& cell : record.cells) {
        if (auto meanings = names_for(cell, wanted); meanings.size() > 1) {
          return refuse(i18n::tr("column {}", ambiguity_text(cell, meanings, wanted)));
        }
      }
      for (const auto& column : wanted) {
        std::optional<std::size_t> found;
        for (std::size_t c = 0; c < record.cells.size(); ++c) {
          if (names_for(record.cells[c], {column}).empty()) continue;
          if (found) {
            return refuse(i18n::tr("the header gives column {} twice (`{}` and `{}`)", term_text(column),
                                   record.cells[*found], record.cells[c]));
          }
          found = c;
        }
        if (!found) {
          // The nearest header cell, if one is close to the missing column's name or label.
          std::string hint;
          for (const auto& cell : record.cells) {
            if (closest_term(cell, {column})) {
              hint = i18n::tr("; is `{}` meant to be it?", cell);
              break;
            }
          }
          return refuse(i18n::tr("the header has no {} column; expected columns: {}{}", term_text(column),
                                 terms_text(wanted), hint));
        }
        positions.push_back(static_cast<int>(*found));
      }
      continue;
    }
    if (record.raw.empty()) continue;  // a blank line holds no row
    if (record.cells.size() != positions.size() && record.cells.size() < positions.size()) {
      findings.push_back({finding_code::malformed_row, path, record.line, 1,
                          i18n::tr("the row has {} cells; the header names {}", record.cells.size(), positions.size()),
                          std::string(record.raw)});
      continue;
    }
    std::vector<std::string> cells;
    for (int p : positions) cells.emplace_back(record.cells[static_cast<std::size_t>(p)]);
    row(record, cells);
  }
  ::close(fd);
}

}  // namespace

roster load_roster(const std::string& units_path, const std::string& people_path, const std::vector<term>& roles,
                   std::vector<finding>& findings, const kind_plan& roster_columns, text_encoding encoding) {
  roster out;
  std::map<std::string, std::uint64_t> seen_units;
  std::vector<term> wanted = {{std::string(lang::reserved::unit_column), std::string(unit_column_label)}};
  for (const auto& c : roster_columns.attributes) wanted.push_back({c.name, c.label});
  read_table(units_path, wanted, findings, encoding, [&](const csv_record& record, const std::vector<std::string>& cells) {
    const std::string& unit = cells[0];
    if (unit.empty()) {
      findings.push_back({finding_code::bad_roster, units_path, record.line, 1, i18n::text("the unit id is empty"),
                          std::string(record.raw)});
      return;
    }
    if (auto [it, fresh] = seen_units.emplace(unit, record.line); !fresh) {
      findings.push_back({finding_code::bad_roster, units_path, record.line, 1,
                          i18n::tr("unit `{}` is listed twice (first on line {})", unit, it->second),
                          std::string(record.raw)});
      return;
    }
    event_values values;
    for (std::size_t c = 0; c < roster_columns.attributes.size(); ++c) {
      const attribute_plan& column = roster_columns.attributes[c];
      const std::string& text = cells[c + 1];
      std::string message;
      if (text.empty()) {
        if (column.default_value) {
          values.values[c] = *column.default_value;
          values.present |= std::uint64_t{1} << c;
        } else if (column.required) {
          findings.push_back({finding_code::bad_roster, units_path, record.line, 1,
                              i18n::tr("unit `{}` has no {}, which the rubric reads", unit,
                                       term_text({column.name, column.label})),
                              std::string(record.raw)});
          return;
        }
        continue;
      }
      if (!decode_plain_value(column, text, values.values[c], message)) {
        findings.push_back({finding_code::bad_roster, units_path, record.line, 1,
                            i18n::tr("unit `{}`: {}", unit, message), std::string(record.raw)});
        return;
      }
      values.present |= std::uint64_t{1} << c;
    }
    out.units.push_back(unit);
    if (!roster_columns.attributes.empty()) out.columns.push_back(values);
  });
  out.index();
  // Without the unit roster every person would be reported as living nowhere: the one error says it.
  if (!findings.empty() && (findings.back().code == finding_code::io_error ||
                            findings.back().code == finding_code::not_a_file ||
                            ((findings.back().code == finding_code::bad_header ||
                              findings.back().code == finding_code::bad_encoding) &&
                             findings.back().file == units_path))) {
    return out;
  }
  std::map<std::string, std::uint64_t> seen_people;
  // Listed by name, as before roles had labels in messages.
  std::vector<term> sorted_roles = roles;
  std::stable_sort(sorted_roles.begin(), sorted_roles.end(), [](const term& a, const term& b) { return a.name < b.name; });
  const std::vector<term> people_columns = {{"person", std::string(person_column_label)},
                                            {"role", std::string(role_column_label)},
                                            {std::string(lang::reserved::unit_column), std::string(unit_column_label)}};
  read_table(people_path, people_columns, findings, encoding,
             [&](const csv_record& record, const std::vector<std::string>& cells) {
               auto report = [&](std::string message) {
                 findings.push_back({finding_code::bad_roster, people_path, record.line, 1, std::move(message),
                                     std::string(record.raw)});
               };
               if (cells[0].empty()) return report(i18n::text("the person id is empty"));
               if (auto [it, fresh] = seen_people.emplace(cells[0], record.line); !fresh) {
                 return report(i18n::tr("person `{}` is listed twice (first on line {})", cells[0], it->second));
               }
               // A role by its name or its label (`unit_head` or `单元长`); kept by its name.
               auto meanings = names_for(cells[1], roles);
               if (meanings.size() > 1) return report(i18n::tr("role {}", ambiguity_text(cells[1], meanings, roles)));
               if (meanings.empty()) {
                 return report(roles.empty()
                                   ? i18n::tr("role `{}` is not declared: the rubric declares no roles", cells[1])
                                   : i18n::tr("role `{}` is not declared by the rubric; its roles are: {}{}", cells[1],
                                              terms_text(sorted_roles), did_you_mean(cells[1], roles)));
               }
               auto unit = out.unit_index(cells[2]);
               if (!unit) return report(i18n::tr("unit `{}` is not on the unit roster", cells[2]));
               out.people.push_back({cells[0], std::string(meanings.front()), *unit});
             });
  out.index();
  return out;
}

}  // namespace rubric::engine
