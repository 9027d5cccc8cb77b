#include "engine/roster.hpp"

#include "engine/events/decoder.hpp"
#include "engine/events/vocabulary.hpp"
#include "lang/i18n.hpp"
#include "lang/reserved_names.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <optional>

#include <fmt/format.h>

#include "engine/events/csv.hpp"
#include "engine/events/encoding.hpp"
#include "engine/events/readers.hpp"
#include "engine/events/workbook.hpp"
#include "lang/source.hpp"

namespace rubric::engine {

void id_index::build(const std::vector<std::string>& ids) {
  long_.clear();
  short_ids_ = std::all_of(ids.begin(), ids.end(), [](const std::string& id) { return id.size() <= 7; });
  int bits = 1;
  while ((std::size_t{1} << bits) < 2 * ids.size()) ++bits;
  slots_.assign(short_ids_ ? std::size_t{1} << bits : 1, packed_slot{empty_key, 0});
  mask_ = slots_.size() - 1;
  shift_ = 64 - bits;
  for (std::uint32_t i = 0; i < ids.size(); ++i) {
    if (!short_ids_) {
      long_.emplace(ids[i], i);
      continue;
    }
    const std::uint64_t key = pack(ids[i]);
    for (std::size_t s = slot_of(key);; s = (s + 1) & mask_) {
      if (slots_[s].key == key) break;  // an id given twice keeps its first position, as emplace did
      if (slots_[s].key == empty_key) {
        slots_[s] = {key, i};
        break;
      }
    }
  }
}

void roster::index() {
  unit_ids_.build(units);
  std::vector<std::string> person_ids;
  for (const auto& p : people) person_ids.push_back(p.id);
  person_ids_.build(person_ids);
}

namespace {

// A row of a roster table, for findings: its line (a sheet's row number) and text.
struct table_row {
  std::uint64_t line = 0;
  std::string_view raw;
};

// A roster in a workbook: every sheet whose first row names the first wanted column is read
// (a sheet of notes is not), as its CSV would be; findings name the row as staff see it.
template <typename Header, typename Row>
void read_workbook_table(const std::string& path, const std::string& file, const std::string& wanted_sheet,
                         const std::vector<term>& wanted, const std::vector<int>& positions,
                         std::vector<finding>& findings, Header&& take_header, Row&& row) {
  std::string error;
  auto book = workbook::open(file, error);
  if (!book) {
    findings.push_back({finding_code::bad_encoding, path, 0, 0, std::move(error), {}});
    return;
  }
  std::vector<std::string_view> sheet_names;
  for (const auto& sheet : book->sheets()) sheet_names.push_back(sheet.name);
  auto names_text = [&] {
    std::string out;
    for (auto name : sheet_names) out += fmt::format("{}`{}`", out.empty() ? "" : ", ", name);
    return out;
  };
  if (!wanted_sheet.empty() && std::find(sheet_names.begin(), sheet_names.end(), wanted_sheet) == sheet_names.end()) {
    findings.push_back({finding_code::io_error, path, 0, 0,
                        i18n::tr("the workbook `{}` has no sheet `{}`; its sheets are: {}", file, wanted_sheet,
                                 names_text()),
                        {}});
    return;
  }
  bool found_sheet = false;
  for (std::size_t index = 0; index < book->sheets().size(); ++index) {
    if (!wanted_sheet.empty() && sheet_names[index] != wanted_sheet) continue;
    const std::string sheet_name = fmt::format("{}[{}]", file, sheet_names[index]);
    std::vector<std::string> converted;
    std::vector<std::string_view> texts;
    std::string raw;
    bool header = true;
    std::size_t width = 0;
    bool read = book->read_sheet(
        index,
        [&](std::uint64_t line, const std::vector<sheet_cell>& cells) {
          std::size_t columns = header ? cells.back().column + 1 : width;
          converted.assign(columns, std::string());
          texts.assign(columns, std::string_view());
          std::optional<std::pair<std::uint32_t, std::string>> problem;
          for (const auto& c : cells) {
            if (c.column >= columns) {
              if (!problem) {
                problem = {c.column, i18n::tr("the row has a value in column {}, but the header names only {} columns",
                                              column_letters(c.column), columns)};
              }
              continue;
            }
            std::string why;
            if (c.type == cell_type::date_number) {
              if (!serial_to_date(c.text, book->date1904(), converted[c.column], why) && !problem) {
                problem = {c.column, why};
              }
            } else if (c.type == cell_type::error || c.type == cell_type::formula_no_value) {
              if (!problem) {
                problem = {c.column, i18n::text("the cell holds no value: the error of a formula, or a formula whose "
                                                "value was never saved (open the workbook in Excel or WPS and save it)")};
              }
            } else {
              converted[c.column] = std::string(c.text);
            }
            texts[c.column] = converted[c.column];
          }
          row_as_csv(texts, raw);
          table_row at{line, raw};
          std::size_t before = findings.size();
          auto place_new_findings = [&](std::uint32_t column) {
            for (std::size_t i = before; i < findings.size(); ++i) {
              findings[i].place = cell_place(sheet_name, column, line);
              findings[i].sheet = static_cast<std::uint32_t>(index + 1);
            }
          };
          if (header) {
            header = false;
            while (!texts.empty() && texts.back().empty()) texts.pop_back();
            width = texts.size();
            if (wanted_sheet.empty() && std::none_of(texts.begin(), texts.end(), [&](std::string_view cell) {
                  return !names_for(cell, {wanted.front()}).empty();
                })) {
              return false;  // not a roster sheet
            }
            found_sheet = true;
            bool good = take_header(texts, at);
            place_new_findings(0);
            return good;
          }
          if (problem) {
            findings.push_back({finding_code::bad_roster, path, line, problem->first + 1, problem->second, raw});
            place_new_findings(problem->first);
            return true;
          }
          if (std::all_of(texts.begin(), texts.end(), [](std::string_view t) { return t.empty(); })) return true;
          std::vector<std::string> wanted_cells;
          for (int p : positions) wanted_cells.push_back(converted[static_cast<std::size_t>(p)]);
          row(at, wanted_cells);
          place_new_findings(0);
          return true;
        },
        error);
    if (!read) {
      findings.push_back({finding_code::bad_encoding, path, 0, 0, std::move(error), {}});
      findings.back().place = sheet_name;
      return;
    }
  }
  if (!found_sheet) {
    findings.push_back({finding_code::bad_header, path, 0, 0,
                        i18n::tr("no sheet of the workbook has a first row naming column {}; its sheets are: {}",
                                 term_text(wanted.front()), names_text()),
                        {}});
  }
}

// Reads a small table with named columns, each found by its name or its label (`unit` or `单元`):
// a CSV file, or a workbook's sheets whose first row names the first wanted column (or the one
// sheet of `FILE.xlsx#Sheet`). Calls `row` with the cells in `wanted` order. Other columns are ignored.
template <typename Row>
void read_table(const std::string& path, const std::vector<term>& wanted, std::vector<finding>& findings,
                text_encoding encoding, Row&& row) {
  std::string error;
  bool not_regular = false;
  auto [file_path, wanted_sheet] = split_sheet_name(path);
  int fd = lang::open_regular_file(file_path, error, &not_regular);
  struct stat st {};
  if (fd < 0 || ::fstat(fd, &st) != 0) {
    findings.push_back({not_regular ? finding_code::not_a_file : finding_code::io_error, path, 0, 0,
                        not_regular ? error : i18n::tr("cannot open `{}`", path), {}});
    if (fd >= 0) ::close(fd);
    return;
  }
  std::vector<int> positions;
  // The header: the columns' positions, or false after reporting why it cannot be read.
  auto take_header = [&](const std::vector<std::string_view>& header, const table_row& at) {
    auto refuse = [&](std::string message) {
      findings.push_back({finding_code::bad_header, path, at.line, 1, std::move(message), std::string(at.raw)});
      return false;
    };
    positions.clear();
    for (const auto& cell : header) {
      if (auto meanings = names_for(cell, wanted); meanings.size() > 1) {
        return refuse(i18n::tr("column {}", ambiguity_text(cell, meanings, wanted)));
      }
    }
    for (const auto& column : wanted) {
      std::optional<std::size_t> found;
      for (std::size_t c = 0; c < header.size(); ++c) {
        if (names_for(header[c], {column}).empty()) continue;
        if (found) {
          return refuse(i18n::tr("the header gives column {} twice (`{}` and `{}`)", term_text(column), header[*found],
                                 header[c]));
        }
        found = c;
      }
      if (!found) {
        // The nearest header cell, if one is close to the missing column's name or label.
        std::string hint;
        for (const auto& cell : header) {
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
    return true;
  };
  char head[4] = {};
  if (::pread(fd, head, sizeof head, 0) == sizeof head && starts_like_zip(std::string_view(head, sizeof head))) {
    ::close(fd);
    read_workbook_table(path, file_path, wanted_sheet, wanted, positions, findings, take_header, row);
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
  bool header = true;
  std::vector<std::string> cells;  // reused: a roster of 66,000 people is as many rows
  for (;;) {
    auto status = reader.next(record, problem);
    if (status == csv_reader::status::end) break;
    if (status == csv_reader::status::error) {
      problem.file = path;
      findings.push_back(problem);
      continue;
    }
    table_row at{record.line, record.raw};
    if (header) {
      header = false;
      if (!take_header(record.cells, at)) break;
      continue;
    }
    if (record.raw.empty()) continue;  // a blank line holds no row
    if (record.cells.size() != positions.size() && record.cells.size() < positions.size()) {
      findings.push_back({finding_code::malformed_row, path, record.line, 1,
                          i18n::tr("the row has {} cells; the header names {}", record.cells.size(), positions.size()),
                          std::string(record.raw)});
      continue;
    }
    cells.resize(positions.size());
    for (std::size_t c = 0; c < positions.size(); ++c) cells[c].assign(record.cells[static_cast<std::size_t>(positions[c])]);
    row(at, cells);
  }
  ::close(fd);
}

}  // namespace

roster load_roster(const std::string& units_path, const std::string& people_path, const std::vector<term>& roles,
                   std::vector<finding>& findings, const kind_plan& roster_columns, text_encoding encoding) {
  roster out;
  string_map<std::uint64_t> seen_units;  // id -> line
  std::vector<term> wanted = {{std::string(lang::reserved::unit_column), std::string(unit_column_label)}};
  for (const auto& c : roster_columns.attributes) wanted.push_back({c.name, c.label});
  read_table(units_path, wanted, findings, encoding, [&](const table_row& record, const std::vector<std::string>& cells) {
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
  string_map<std::uint64_t> seen_people;  // id -> line
  // Listed by name, as before roles had labels in messages.
  std::vector<term> sorted_roles = roles;
  std::stable_sort(sorted_roles.begin(), sorted_roles.end(), [](const term& a, const term& b) { return a.name < b.name; });
  const std::vector<term> people_columns = {{"person", std::string(person_column_label)},
                                            {"role", std::string(role_column_label)},
                                            {std::string(lang::reserved::unit_column), std::string(unit_column_label)}};
  read_table(people_path, people_columns, findings, encoding,
             [&](const table_row& record, const std::vector<std::string>& cells) {
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
