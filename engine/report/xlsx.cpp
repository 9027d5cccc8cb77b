// The results as an Excel workbook, for the staff who publish them from Excel or WPS: a sheet per
// period, one per awards window, one for role holders. The same data as the table (same rows, same
// order, same labels), never recomputed. Points are exact decimals; a cell can only hold a double,
// so each is written from its exact decimal text (the nearest double, which Excel shows back
// exactly) with a number format that shows the decimals the column uses. Written with
// libxlsxwriter; byte-identical for the same inputs (no clock time in the file).
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <fmt/format.h>
#include <xlsxwriter.h>

#include "lang/i18n.hpp"

#include "engine/consequences.hpp"
#include "engine/report/report.hpp"
#include "engine/report/text.hpp"

namespace rubric::engine {

namespace {

// Excel's widest column is 255 characters; a very long reason is cut off on screen, not in the cell.
constexpr double max_column_width = 80;
// The workbook's creation date (docProps/core.xml). A clock time would make two runs on the same
// inputs differ; 1980-01-01, the earliest date a zip entry can carry, is what the zip entries say.
constexpr std::time_t fixed_creation_time = 315532800;

// The decimals a number's exact text has: 0 for 99, 1 for 99.5.
std::size_t decimals_of(decimal value) {
  std::string text = value.to_string();
  auto point = text.find('.');
  return point == std::string::npos ? 0 : text.size() - point - 1;
}

// A cell of a sheet being built: text (from data or the program's words) or a number.
struct cell {
  enum class type { empty, text, integer, points } kind = type::empty;
  std::string text;
  decimal number;
  std::uint64_t count = 0;
};
cell text_cell(std::string text) { return {cell::type::text, std::move(text), {}, 0}; }
cell count_cell(std::uint64_t n) { return {cell::type::integer, {}, {}, n}; }
cell points_cell(decimal d) { return {cell::type::points, {}, d, 0}; }
cell empty_cell() { return {}; }

// How a column of numbers is shown.
enum class number_style { plain, signed_points, percent };

struct column {
  std::string header;
  number_style style = number_style::plain;
};

struct sheet {
  std::string name;
  std::vector<column> columns;
  std::vector<std::vector<cell>> rows;
};

class workbook_writer {
 public:
  explicit workbook_writer(lxw_workbook* book) : book_(book) {
    header_ = workbook_add_format(book_);
    format_set_bold(header_);
    format_set_bottom(header_, LXW_BORDER_THIN);
  }

  // Writes one sheet; false with `error` set when libxlsxwriter refuses a cell.
  bool write(const sheet& s, std::string& error) {
    lxw_worksheet* ws = workbook_add_worksheet(book_, s.name.c_str());
    if (!ws) {
      error = i18n::tr("cannot add the sheet `{}`", s.name);
      return false;
    }
    std::vector<std::size_t> decimals(s.columns.size(), 0), widths(s.columns.size(), 0);
    for (const auto& row : s.rows) {
      for (std::size_t c = 0; c < row.size(); ++c) {
        if (row[c].kind == cell::type::points) decimals[c] = std::max(decimals[c], decimals_of(row[c].number));
      }
    }
    for (std::size_t c = 0; c < s.columns.size(); ++c) {
      if (!check(worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), safe(s.columns[c].header).c_str(), header_),
                 s, 0, c, error)) {
        return false;
      }
      widths[c] = lang::display_width(s.columns[c].header);
    }
    for (std::size_t r = 0; r < s.rows.size(); ++r) {
      auto row = static_cast<lxw_row_t>(r + 1);
      for (std::size_t c = 0; c < s.rows[r].size(); ++c) {
        const cell& value = s.rows[r][c];
        auto col = static_cast<lxw_col_t>(c);
        lxw_error written = LXW_NO_ERROR;
        std::size_t width = 0;
        switch (value.kind) {
          case cell::type::empty: break;
          case cell::type::text: {
            std::string shown = safe(text::spreadsheet_text(value.text));
            written = worksheet_write_string(ws, row, col, shown.c_str(), nullptr);
            width = lang::display_width(shown);
            break;
          }
          case cell::type::integer:
            written = worksheet_write_number(ws, row, col, static_cast<double>(value.count), nullptr);
            width = std::to_string(value.count).size();
            break;
          case cell::type::points: {
            std::string exact = value.number.to_string();
            // strtod rounds the exact text to the nearest double: what Excel itself would store.
            written = worksheet_write_number(ws, row, col, std::strtod(exact.c_str(), nullptr),
                                             number_format(s.columns[c].style, decimals[c]));
            width = exact.size() + 1 + decimals[c];
            break;
          }
        }
        if (!check(written, s, r + 1, c, error)) return false;
        widths[c] = std::max(widths[c], width);
      }
    }
    for (std::size_t c = 0; c < s.columns.size(); ++c) {
      // Widths in characters of the default font; a Chinese character is two (utf8proc's width).
      double width = std::min(max_column_width, static_cast<double>(widths[c]) + 2);
      worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), width, nullptr);
    }
    worksheet_freeze_panes(ws, 1, 0);
    if (!s.columns.empty()) {
      worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(s.rows.size()), static_cast<lxw_col_t>(s.columns.size() - 1));
    }
    return true;
  }

 private:
  // Bytes that are not UTF-8 (a file name, say) would make the workbook unreadable: U+FFFD instead.
  static std::string safe(const std::string& text) {
    return lang::find_invalid_utf8(text) ? lang::with_valid_utf8(text) : text;
  }

  static bool check(lxw_error written, const sheet& s, std::size_t row, std::size_t col, std::string& error) {
    if (written == LXW_NO_ERROR) return true;
    error = i18n::tr("cannot write the cell in row {}, column {} of the sheet `{}`: {}", row + 1, col + 1, s.name,
                     lxw_strerror(written));
    return false;
  }

  lxw_format* number_format(number_style style, std::size_t decimals) {
    std::string digits = decimals ? "0." + std::string(decimals, '0') : "0";
    std::string code = style == number_style::signed_points ? "+" + digits + ";-" + digits + ";0"
                       : style == number_style::percent     ? digits + "\"%\""
                                                            : digits;
    auto [at, fresh] = formats_.try_emplace(code, nullptr);
    if (fresh) {
      at->second = workbook_add_format(book_);
      format_set_num_format(at->second, code.c_str());
    }
    return at->second;
  }

  lxw_workbook* book_;
  lxw_format* header_;
  std::map<std::string, lxw_format*> formats_;
};

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : text::clause_separator()) + item;
  return out;
}

sheet period_sheet(const score_run& run, const period_result& m, std::vector<std::string>& taken) {
  const version_plan& v = run.compiled.versions[m.version];
  sheet s;
  s.name = excel_sheet_name(run.compiled.periods.text(m.period), taken);
  // The column that groups the ranking (`within each` or `rank each ... by its average score`), as in the table.
  int grouping = v.ranking_within >= 0 ? v.ranking_within : v.ranking_groups;
  if (grouping >= 0) {
    s.columns.push_back({run.compiled.roster_columns.attributes[static_cast<std::size_t>(grouping)].name});
  }
  s.columns.insert(s.columns.end(), {{i18n::text("rank")}, {i18n::text("unit")}, {i18n::text("score")}});
  for (const auto& a : v.areas) s.columns.push_back({a.title, number_style::signed_points});
  s.columns.insert(s.columns.end(), {{i18n::text("deductions")}, {i18n::text("flag")}, {i18n::text("veto")}});
  if (!v.grades.empty()) s.columns.push_back({i18n::text("grade")});
  if (v.has_consequences) s.columns.push_back({i18n::text("consequences")});
  for (auto u : m.order) {
    const unit_period& um = m.units[u];
    std::vector<cell> row;
    if (grouping >= 0) {
      const auto& column = run.compiled.roster_columns.attributes[static_cast<std::size_t>(grouping)];
      const event_values& values = run.people.columns[u];
      bool present = (values.present >> grouping) & 1;
      row.push_back(present ? text_cell(column.choices[static_cast<std::size_t>(values.values[grouping])]) : empty_cell());
    }
    row.push_back(um.has_rank() ? count_cell(um.rank) : empty_cell());
    row.push_back(text_cell(run.people.units[u]));
    row.push_back(points_cell(um.score));
    for (std::size_t a = 0; a < m.areas; ++a) row.push_back(points_cell(m.area_total(u, a)));
    row.push_back(count_cell(um.deductions));
    std::vector<std::string> flags, reasons;
    for (std::size_t d = 0; d < v.distinctions.size(); ++d) {
      if (um.received(d)) flags.push_back(v.distinctions[d].title);
    }
    for (std::size_t veto = 0; veto < v.vetoes.size(); ++veto) {
      if ((um.vetoes >> veto) & 1) reasons.push_back(v.vetoes[veto].reason);
    }
    row.push_back(flags.empty() ? empty_cell() : text_cell(joined(flags)));
    row.push_back(reasons.empty() ? empty_cell() : text_cell(joined(reasons)));
    if (!v.grades.empty()) row.push_back(um.grade ? text_cell(v.grades[um.grade - 1u].title) : empty_cell());
    if (v.has_consequences) {
      std::string line = consequences_line(run.compiled.periods, v, m, u, i18n::text("; "));
      row.push_back(line.empty() ? empty_cell() : text_cell(line));
    }
    s.rows.push_back(std::move(row));
  }
  return s;
}

// A ranking of groups (`rank each COLUMN by its average score`): every period's groups in one
// sheet, a period a block, each in the table's order (by rank, unranked last).
sheet group_sheet(const score_run& run, std::vector<std::string>& taken) {
  sheet s;
  s.name = excel_sheet_name(i18n::text("groups"), taken);
  s.columns = {{text::period_noun(run.compiled.periods.word())}, {i18n::text("rank")}, {i18n::text("group")},
               {i18n::text("members")}, {i18n::text("average score")}, {i18n::text("deductions")},
               {i18n::text("flag")}};
  for (const auto& m : run.result->periods) {
    const version_plan& v = run.compiled.versions[m.version];
    std::vector<std::uint32_t> order = groups_by_rank(m);
    for (auto g : order) {
      const group_result& group = m.groups[g];
      std::vector<std::string> flags;
      for (std::size_t d = 0; d < v.distinctions.size(); ++d) {
        if ((group.distinctions >> d) & 1) flags.push_back(v.distinctions[d].title);
      }
      std::string shown = group.excluded ? i18n::text("vetoed") : joined(flags);
      s.rows.push_back({text_cell(run.compiled.periods.text(m.period)), group.rank ? count_cell(group.rank) : empty_cell(),
                        text_cell(group.value), count_cell(group.members),
                        group.members ? points_cell(group.score) : empty_cell(), count_cell(group.deductions),
                        shown.empty() ? empty_cell() : text_cell(shown)});
    }
  }
  return s;
}

std::string titles_of(const version_plan& v, std::uint64_t bits) {
  std::vector<std::string> titles;
  for (std::size_t i = 0; i < v.titles.size(); ++i) {
    if ((bits >> i) & 1) titles.push_back(v.titles[i].title);
  }
  return joined(titles);
}

sheet window_sheet(const score_run& run, const year_result& y, std::vector<std::string>& taken) {
  const version_plan& v = run.compiled.versions[y.version];
  lang::calendar window(y.window_period);
  sheet s;
  s.name = excel_sheet_name(i18n::tr("{} awards", window.text(y.window)), taken);
  s.columns = {{i18n::text("rank")}, {i18n::text("unit")}};
  for (const auto& d : v.distinctions) s.columns.push_back({d.title});
  for (const auto& g : v.grades) s.columns.push_back({g.title});
  s.columns.push_back({i18n::text("total score")});
  s.columns.push_back({i18n::text("subsidy"), number_style::percent});
  bool eligibility = !v.awards_filters.empty();
  if (eligibility) s.columns.push_back({i18n::text("eligible")});
  bool unit_titles = false;
  for (const auto& title : v.titles) unit_titles = unit_titles || title.role.empty();
  if (unit_titles) s.columns.push_back({i18n::text("titles")});
  for (auto u : y.order) {
    const year_unit& yu = y.units[u];
    std::vector<cell> row = {yu.rank ? count_cell(yu.rank) : empty_cell(), text_cell(run.people.units[u])};
    for (auto c : yu.distinction_counts) row.push_back(count_cell(c));
    row.push_back(points_cell(yu.total_score));
    row.push_back(points_cell(yu.subsidy_percent));
    if (eligibility) row.push_back(text_cell(text::yes_no(yu.eligible)));
    if (unit_titles) row.push_back(yu.titles ? text_cell(titles_of(v, yu.titles)) : empty_cell());
    s.rows.push_back(std::move(row));
  }
  return s;
}

// Every window's role holders in one sheet, a window a block, in roster order. The tests of a
// role subsidy are numbered as in the table; their text is in the header of the year's version.
sheet role_holder_sheet(const score_run& run, std::vector<std::string>& taken) {
  const score_result& result = *run.result;
  sheet s;
  s.name = excel_sheet_name(i18n::text("role holders"), taken);
  s.columns = {{i18n::text("awards window")}, {i18n::text("person")}, {i18n::text("role")}, {i18n::text("unit")}};
  std::size_t tests = 0;
  for (const auto& y : result.windows) {
    for (const auto& h : y.people) tests = std::max(tests, h.test_counts.size());
  }
  const version_plan* year_version = result.year() ? &run.compiled.versions[result.year()->version] : nullptr;
  for (std::size_t t = 0; t < tests; ++t) {
    bool described = year_version && year_version->role_award && t < year_version->role_award->tests.size();
    s.columns.push_back({described ? i18n::tr("#{}: {}", t + 1, year_version->role_award->tests[t].text)
                                   : fmt::format("#{}", t + 1)});
  }
  s.columns.insert(s.columns.end(), {{i18n::text("qualified")}, {i18n::text("subsidy"), number_style::percent},
                                     {i18n::text("titles")}});
  for (const auto& y : result.windows) {
    const version_plan& v = run.compiled.versions[y.version];
    lang::calendar window(y.window_period);
    for (const auto& h : y.people) {
      const person_entry& p = run.people.people[h.person];
      std::vector<cell> row = {text_cell(window.text(y.window)), text_cell(p.id), text_cell(role_name(run, p.role)),
                               text_cell(run.people.units[p.unit])};
      for (std::size_t t = 0; t < tests; ++t) row.push_back(t < h.test_counts.size() ? count_cell(h.test_counts[t]) : empty_cell());
      row.push_back(text_cell(text::yes_no(h.qualified)));
      row.push_back(points_cell(h.subsidy_percent));
      row.push_back(h.titles ? text_cell(titles_of(v, h.titles)) : empty_cell());
      s.rows.push_back(std::move(row));
    }
  }
  return s;
}

// libxlsxwriter writes to a named file: a private one in the temporary folder, read back and removed.
class temporary_file {
 public:
  temporary_file() {
    std::error_code ec;
    std::string folder = std::filesystem::temp_directory_path(ec).string();
    path_ = (folder.empty() ? std::string("/tmp") : folder) + "/rubric-results-XXXXXX.xlsx";
    int fd = ::mkstemps(path_.data(), 5);
    if (fd < 0) {
      error_ = std::strerror(errno);
      path_.clear();
    } else {
      ::close(fd);
    }
  }
  ~temporary_file() {
    if (!path_.empty()) ::unlink(path_.c_str());
  }
  const std::string& path() const { return path_; }
  const std::string& error() const { return error_; }

 private:
  std::string path_, error_;
};

}  // namespace

// Excel compares sheet names regardless of case; ASCII case is enough for the names given here
// (periods, Chinese and English words). Characters are counted as code points: every name used
// is in the Basic Multilingual Plane, where Excel's UTF-16 count is the same.
std::string excel_sheet_name(std::string name, std::vector<std::string>& taken) {
  for (char& c : name) {
    if (std::string_view("[]:*?/\\").find(c) != std::string_view::npos) c = '_';
  }
  // At most `characters` code points, and no apostrophe at either end.
  auto trimmed = [](const std::string& text, std::size_t characters) {
    std::size_t at = 0, count = 0;
    while (at < text.size() && count < characters) {
      ++at;
      while (at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) ++at;
      ++count;
    }
    std::string out = text.substr(0, at);
    while (!out.empty() && out.back() == '\'') out.pop_back();
    while (!out.empty() && out.front() == '\'') out.erase(0, 1);
    return out.empty() ? std::string("_") : out;
  };
  auto lower = [](std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  auto is_taken = [&](const std::string& candidate) {
    return std::any_of(taken.begin(), taken.end(), [&](const std::string& t) { return lower(t) == lower(candidate); });
  };
  std::string candidate = trimmed(name, 31);
  for (int n = 2; is_taken(candidate); ++n) {
    std::string suffix = fmt::format(" ({})", n);
    candidate = trimmed(name, 31 - suffix.size()) + suffix;
  }
  taken.push_back(candidate);
  return candidate;
}

std::optional<std::string> render_xlsx(const score_run& run, std::string& error) {
  temporary_file file;
  if (file.path().empty()) {
    error = i18n::tr("cannot create a temporary file for the workbook: {}", file.error());
    return std::nullopt;
  }
  // Rows go straight to disk as they are written (they are, in order), so memory does not grow
  // with a year of 30,000 units; text is then stored in its cell rather than in a shared table.
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  lxw_workbook* book = workbook_new_opt(file.path().c_str(), &options);
  if (!book) {
    error = i18n::text("cannot create the workbook");
    return std::nullopt;
  }
  lxw_doc_properties properties{};
  std::string title = run.compiled.versions.back().title;
  properties.title = title.data();
  properties.created = fixed_creation_time;
  workbook_set_properties(book, &properties);

  workbook_writer writer(book);
  std::vector<std::string> taken;
  const score_result& result = *run.result;
  bool written = true;
  for (const auto& m : result.periods) {
    if (!(written = writer.write(period_sheet(run, m, taken), error))) break;
  }
  bool groups = std::any_of(result.periods.begin(), result.periods.end(), [](const auto& m) { return !m.groups.empty(); });
  if (written && groups) written = writer.write(group_sheet(run, taken), error);
  for (std::size_t w = 0; written && w < result.windows.size(); ++w) {
    written = writer.write(window_sheet(run, result.windows[w], taken), error);
  }
  bool role_holders = false;
  for (const auto& y : result.windows) role_holders = role_holders || !y.people.empty();
  if (written && role_holders) written = writer.write(role_holder_sheet(run, taken), error);
  lxw_error closed = workbook_close(book);  // frees the workbook whatever happened
  if (!written) return std::nullopt;
  if (closed != LXW_NO_ERROR) {
    error = i18n::tr("cannot write the workbook: {}", lxw_strerror(closed));
    return std::nullopt;
  }
  std::ifstream in(file.path(), std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in) {
    error = i18n::tr("cannot read back the workbook from `{}`", file.path());
    return std::nullopt;
  }
  return std::move(bytes).str();
}

}  // namespace rubric::engine
