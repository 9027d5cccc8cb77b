#include "engine/rubric_tests.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "engine/events/decoder.hpp"
#include "engine/report/report.hpp"
#include "engine/score.hpp"
#include "lang/calendar.hpp"
#include "lang/check/checked.hpp"
#include "lang/load.hpp"

namespace rubric::engine {

namespace fs = std::filesystem;

namespace {

// A word of a test-file line, with where it starts (1-based, in bytes, as in the rubric's
// diagnostics), so that errors point at it.
struct word {
  std::string text;
  std::size_t column = 1;
};

// Splits a line into words; a "quoted label" is one word.
std::vector<word> words_of(const std::string& line) {
  std::vector<word> out;
  std::size_t i = 0;
  while (i < line.size()) {
    if (line[i] == ' ' || line[i] == '\t' || line[i] == ',') {
      ++i;
      continue;
    }
    if (line[i] == '#') break;
    if (line[i] == '"') {
      auto end = line.find('"', i + 1);
      if (end == std::string::npos) end = line.size();
      out.push_back({line.substr(i + 1, end - i - 1), i + 1});
      i = end + 1;
      continue;
    }
    auto end = line.find_first_of(" \t,#", i);
    if (end == std::string::npos) end = line.size();
    out.push_back({line.substr(i, end - i), i + 1});
    i = end;
  }
  return out;
}

// Collects the exemptions applied, for `exempt` checks.
class exemption_listener final : public trace_sink {
 public:
  std::vector<std::string> applied;
  void on_amount(const row_origin&, const decoded_event&, const rule_plan&, decimal) override {}
  void on_summed(const row_origin&, const decoded_event&, const rule_plan&, decimal) override {}
  void on_exempt(const row_origin&, const decoded_event&, const rule_plan&, const exemption_plan& e) override {
    applied.push_back(e.reason);
  }
  void on_uncounted(const row_origin&, const decoded_event&) override {}
  void on_veto(const row_origin&, const decoded_event&, const veto_plan&) override {}
  void on_aggregate(const rule_plan&, decimal, decimal) override {}
  void on_cap(const rule_plan&, decimal, decimal) override {}
};

// What the checks of one expectation compare against, found once the test has been scored.
struct observed {
  const score_run& run;
  const score_request& request;  // the test's, for the extra run an `exempt` check makes
  const std::string& subject;    // the unit or person, as the test writes it
  const period_result* period = nullptr;  // for checks of a period
  std::uint32_t unit = 0;
  const year_result* window = nullptr;  // for checks of awards
  std::size_t person = 0;

  const period_result& p() const { return *period; }
  const unit_period& up() const { return period->units[unit]; }
  const version_plan& version() const { return run.compiled.versions[period->version]; }
  const year_unit& yu() const { return window->units[unit]; }
  const role_holder& holder() const { return window->people[person]; }
  std::optional<std::size_t> title_index(const std::string& id) const {
    for (std::size_t i = 0; i < window->titles.size(); ++i) {
      if (window->titles[i] == id) return i;
    }
    return std::nullopt;
  }
};

struct difference {
  std::string what, expected, actual;
};
using outcome = std::optional<difference>;

// How a check's value is written and read.
enum class value_kind { none, count, number, name, label, area_amount };

bool is_count(const std::string& s) {
  return !s.empty() && s.size() <= 9 && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

// The value of an `area A=N` check: the area and the expected amount.
std::pair<std::string, std::string> area_and_amount(const std::string& value) {
  auto eq = value.find('=');
  if (eq == std::string::npos) return {value, ""};
  return {value.substr(0, eq), value.substr(eq + 1)};
}

bool valid_value(value_kind kind, const std::string& value) {
  switch (kind) {
    case value_kind::none: return true;
    case value_kind::count: return is_count(value);
    case value_kind::number: return decimal::parse(value).has_value();
    case value_kind::name: return !value.empty();
    case value_kind::label: return true;
    case value_kind::area_amount: {
      auto [area, amount] = area_and_amount(value);
      return !area.empty() && value.find('=') != std::string::npos && decimal::parse(amount).has_value();
    }
  }
  return false;
}

std::string_view value_description(value_kind kind) {
  switch (kind) {
    case value_kind::none: return "";
    case value_kind::count: return "a whole number";
    case value_kind::number: return "a number";
    case value_kind::name: return "a name";
    case value_kind::label: return "a \"LABEL\"";
    case value_kind::area_amount: return "AREA=NUMBER";
  }
  return "";
}

// Values are compared as numbers where they are numbers (`105` and `105.0` agree) and shown as
// the test writes them.
bool same_number(const std::string& expected, decimal actual) { return decimal::parse(expected) == actual; }
bool same_count(const std::string& expected, std::uint64_t actual) { return std::stoull(expected) == actual; }

// Whether one expectation may make a check more than once: `title` once per title, `score` once.
enum class repeat { once, once_per_name };

// One check word at one level: how its value is read, and how it is compared and described.
struct check_kind {
  std::string_view word;
  check_level level;
  value_kind value;
  std::string_view value_hint;  // in lists of checks: `score N`
  repeat repeats;
  outcome (*compare)(const observed&, const std::string& value);
};

constexpr std::string_view no_distinction = "no such distinction in the ranking";

// The one table of check words: the parser accepts a word only at a level listed here, so a
// check that does not apply is an error, never a silent pass. Order: as documented.
const std::array<check_kind, 21> check_table = {{
    {"score", check_level::period, value_kind::number, "N", repeat::once,
     [](const observed& o, const std::string& v) -> outcome {
       if (same_number(v, o.up().score)) return std::nullopt;
       return difference{o.subject + " score", v, o.up().score.to_string()};
     }},
    {"deductions", check_level::period, value_kind::count, "N", repeat::once,
     [](const observed& o, const std::string& v) -> outcome {
       if (same_count(v, o.up().deductions)) return std::nullopt;
       return difference{o.subject + " deductions", v, std::to_string(o.up().deductions)};
     }},
    {"rank", check_level::period, value_kind::count, "N", repeat::once,
     [](const observed& o, const std::string& v) -> outcome {
       if (o.up().has_rank() && same_count(v, o.up().rank)) return std::nullopt;
       return difference{o.subject + " rank", v, o.up().has_rank() ? std::to_string(o.up().rank) : "no rank"};
     }},
    {"unranked", check_level::period, value_kind::none, "", repeat::once,
     [](const observed& o, const std::string&) -> outcome {
       if (!o.up().has_rank()) return std::nullopt;
       return difference{o.subject + " unranked", "no rank", std::to_string(o.up().rank)};
     }},
    {"red_flag", check_level::period, value_kind::none, "", repeat::once,
     [](const observed& o, const std::string&) -> outcome {
       if (o.version().distinctions.empty()) return difference{o.subject + " red_flag", "the flag", std::string(no_distinction)};
       if (o.up().received(0)) return std::nullopt;
       return difference{o.subject + " red_flag", "the flag", "no flag"};
     }},
    {"no_red_flag", check_level::period, value_kind::none, "", repeat::once,
     [](const observed& o, const std::string&) -> outcome {
       if (o.version().distinctions.empty()) return difference{o.subject + " no_red_flag", "no flag", std::string(no_distinction)};
       if (!o.up().received(0)) return std::nullopt;
       return difference{o.subject + " no_red_flag", "no flag", "the flag"};
     }},
    {"vetoed", check_level::period, value_kind::none, "", repeat::once,
     [](const observed& o, const std::string&) -> outcome {
       if (o.up().vetoed()) return std::nullopt;
       return difference{o.subject + " vetoed", "vetoed", "not vetoed"};
     }},
    {"not_vetoed", check_level::period, value_kind::none, "", repeat::once,
     [](const observed& o, const std::string&) -> outcome {
       if (!o.up().vetoed()) return std::nullopt;
       return difference{o.subject + " not_vetoed", "not vetoed", "vetoed"};
     }},
    {"exempt", check_level::period, value_kind::label, "\"LABEL\"", repeat::once_per_name,
     [](const observed& o, const std::string& v) -> outcome {
       exemption_listener listener;
       auto request = o.request;
       request.year.reset();
       request.period = o.p().period;
       request.trace = &listener;
       request.trace_unit = o.subject;
       run_score(request);
       if (std::find(listener.applied.begin(), listener.applied.end(), v) != listener.applied.end()) return std::nullopt;
       return difference{o.subject + " exempt", fmt::format("exemption \"{}\" applied", v),
                         listener.applied.empty() ? std::string("no exemption applied")
                                                  : fmt::format("\"{}\"", fmt::join(listener.applied, "\", \""))};
     }},
    {"grade", check_level::period, value_kind::name, "G", repeat::once,
     [](const observed& o, const std::string& v) -> outcome {
       std::string actual = o.up().grade ? o.version().grades[o.up().grade - 1u].id : "no grade";
       if (actual == v) return std::nullopt;
       return difference{o.subject + " grade", v, actual};
     }},
    {"has", check_level::period, value_kind::name, "D", repeat::once_per_name,
     [](const observed& o, const std::string& v) -> outcome {
       const auto& ds = o.version().distinctions;
       for (std::size_t d = 0; d < ds.size(); ++d) {
         if (ds[d].id != v) continue;
         if (o.up().received(d)) return std::nullopt;
         return difference{o.subject + " has " + v, "received", "not received"};
       }
       return difference{o.subject + " has " + v, "received", std::string(no_distinction)};
     }},
    {"lacks", check_level::period, value_kind::name, "D", repeat::once_per_name,
     [](const observed& o, const std::string& v) -> outcome {
       const auto& ds = o.version().distinctions;
       for (std::size_t d = 0; d < ds.size(); ++d) {
         if (ds[d].id != v) continue;
         if (!o.up().received(d)) return std::nullopt;
         return difference{o.subject + " lacks " + v, "not received", "received"};
       }
       return difference{o.subject + " lacks " + v, "not received", std::string(no_distinction)};
     }},
    {"area", check_level::period, value_kind::area_amount, "A=N", repeat::once_per_name,
     [](const observed& o, const std::string& v) -> outcome {
       auto [area, expected] = area_and_amount(v);
       const auto& areas = o.version().areas;
       for (std::size_t a = 0; a < areas.size(); ++a) {
         if (areas[a].id != area) continue;
         decimal actual = o.p().area_total(o.unit, a);
         if (same_number(expected, actual)) return std::nullopt;
         return difference{o.subject + " area " + area, expected, actual.to_string()};
       }
       return difference{o.subject + " area " + area, expected, "no such area"};
     }},
    {"red_flags", check_level::awards, value_kind::count, "N", repeat::once,
     [](const observed& o, const std::string& v) -> outcome {
       std::uint32_t flags = o.yu().distinction_counts.empty() ? 0 : o.yu().distinction_counts[0];
       if (same_count(v, flags)) return std::nullopt;
       return difference{o.subject + " red_flags", v, std::to_string(flags)};
     }},
    {"rank", check_level::awards, value_kind::count, "N", repeat::once,
     [](const observed& o, const std::string& v) -> outcome {
       if (same_count(v, o.yu().rank)) return std::nullopt;
       return difference{o.subject + " rank", v, std::to_string(o.yu().rank)};
     }},
    {"subsidy", check_level::awards, value_kind::number, "N", repeat::once,
     [](const observed& o, const std::string& v) -> outcome {
       if (same_number(v, o.yu().subsidy_percent)) return std::nullopt;
       return difference{o.subject + " subsidy", v + "%", o.yu().subsidy_percent.to_string() + "%"};
     }},
    {"title", check_level::awards, value_kind::name, "T", repeat::once_per_name,
     [](const observed& o, const std::string& v) -> outcome {
       auto t = o.title_index(v);
       if (t && ((o.yu().titles >> *t) & 1)) return std::nullopt;
       return difference{o.subject + " title", v, t ? "not given" : "no such title in the awards"};
     }},
    {"no_title", check_level::awards, value_kind::name, "T", repeat::once_per_name,
     [](const observed& o, const std::string& v) -> outcome {
       auto t = o.title_index(v);
       if (t && !((o.yu().titles >> *t) & 1)) return std::nullopt;
       return difference{o.subject + " title", "not " + v, t ? v : "no such title in the awards"};
     }},
    {"subsidy", check_level::person, value_kind::number, "N", repeat::once,
     [](const observed& o, const std::string& v) -> outcome {
       if (same_number(v, o.holder().subsidy_percent)) return std::nullopt;
       return difference{"person " + o.subject + " subsidy", v + "%", o.holder().subsidy_percent.to_string() + "%"};
     }},
    {"title", check_level::person, value_kind::name, "T", repeat::once_per_name,
     [](const observed& o, const std::string& v) -> outcome {
       auto t = o.title_index(v);
       if (t && ((o.holder().titles >> *t) & 1)) return std::nullopt;
       return difference{"person " + o.subject + " title", v, t ? "not given" : "no such title in the awards"};
     }},
    {"no_title", check_level::person, value_kind::name, "T", repeat::once_per_name,
     [](const observed& o, const std::string& v) -> outcome {
       auto t = o.title_index(v);
       if (t && !((o.holder().titles >> *t) & 1)) return std::nullopt;
       return difference{"person " + o.subject + " title", "not " + v, t ? v : "no such title in the awards"};
     }},
}};

const check_kind* find_check(std::string_view w, check_level level) {
  for (const auto& k : check_table) {
    if (k.word == w && k.level == level) return &k;
  }
  return nullptr;
}

std::vector<std::string> words_at(check_level level) {
  std::vector<std::string> out;
  for (const auto& k : check_table) {
    if (k.level == level) out.emplace_back(k.word);
  }
  return out;
}

// A check as the test writes it, resolved to the level it applies at.
struct check {
  const check_kind* kind = nullptr;
  std::string value;  // as written; empty for a flag
};

struct expectation {
  std::size_t line = 0;
  std::string period;  // as written: a period of the rubric's cadence, or an awards window
  int year = 0;        // the year it falls in: the test is scored year by year
  std::string subject;  // a unit, or a person
  std::vector<check> checks;
  bool unread = false;  // its version did not load, so its checks were not read
};

struct test_case {
  std::string file, name, version;
  std::size_t line = 0;
  std::vector<std::string> units;
  std::map<std::string, std::map<std::string, std::string>> unit_columns;  // `unit ID COLUMN=VALUE ...`
  std::vector<std::string> people;  // CSV rows: person,role,unit
  std::vector<std::map<std::string, std::string>> events;
  std::vector<std::pair<std::size_t, std::string>> event_lines;  // where each event is written
  std::vector<expectation> expectations;
  std::size_t expect_lines = 0;
};

// What a version says about the periods a test may name: its scoring cadence and its awards
// window. Loaded once per version file while the tests are read, so that a check that does not
// apply is an error before anything runs.
struct version_calendars {
  lang::calendar periods;
  lang::calendar awards;
};

class version_cache {
 public:
  const version_calendars* get(const std::string& rubric_path) {
    auto found = loaded_.find(rubric_path);
    if (found == loaded_.end()) found = loaded_.emplace(rubric_path, load(rubric_path)).first;
    return found->second ? &*found->second : nullptr;
  }

 private:
  static std::optional<version_calendars> load(const std::string& rubric_path) {
    std::error_code ec;
    if (!fs::is_regular_file(rubric_path, ec)) return std::nullopt;
    auto folder = lang::load_rubric(rubric_path);
    if (!folder.ok() || !folder.versions.front().symbols.scoring) return std::nullopt;
    const auto& symbols = folder.versions.front().symbols;
    auto awards = symbols.awards ? symbols.awards->period.value : lang::ast::period::year;
    return version_calendars{lang::calendar(symbols.scoring->period.value), lang::calendar(awards)};
  }
  std::map<std::string, std::optional<version_calendars>> loaded_;
};

// The year a period or window text starts with: its digits before the first `-`.
std::optional<int> leading_year(const std::string& text) {
  auto end = std::min(text.find('-'), text.size());
  if (end == 0 || end > 9 || !std::all_of(text.begin(), text.begin() + end, [](unsigned char c) { return std::isdigit(c); })) {
    return std::nullopt;
  }
  return std::stoi(text.substr(0, end));
}

// The levels an expectation's period names, in the order a check word is looked up (a word
// valid at both, `rank` with a yearly cadence, checks the period), and what messages call them.
struct expectation_levels {
  std::vector<check_level> levels;
  std::string name;   // "a month (2023-10)"
  std::string error;  // when the period names no level
};

expectation_levels levels_of(const std::string& period, bool person, const version_calendars& calendars) {
  expectation_levels at;
  const lang::calendar& awards = calendars.awards;
  std::string windows = awards.cadence() == lang::ast::period::year
                            ? "a year (YYYY)"
                            : fmt::format("a year (YYYY) or a {} ({})", awards.word(), awards.format_hint());
  bool window = period.size() == 4 || awards.parse(period).has_value();
  if (person) {
    if (!window) {
      at.error = fmt::format("`{}` is not an awards window: a person's awards are checked for {}", period, windows);
      return at;
    }
    at.levels = {check_level::person};
    at.name = fmt::format("a person's awards ({})", period);
    return at;
  }
  const lang::calendar& periods = calendars.periods;
  if (periods.parse(period)) at.levels.push_back(check_level::period);
  if (window) at.levels.push_back(check_level::awards);
  if (at.levels.empty()) {
    at.error = fmt::format("`{}` is neither a {} ({}) nor the awards of {}", period, periods.word(),
                           periods.format_hint(), windows);
  } else if (at.levels.size() == 2) {
    at.name = fmt::format("a {} and its awards ({})", periods.word(), period);
  } else if (at.levels[0] == check_level::period) {
    at.name = fmt::format("a {} ({})", periods.word(), period);
  } else {
    at.name = fmt::format("the awards of {}", period);
  }
  return at;
}

bool is_check_word(std::string_view text) {
  return std::any_of(check_table.begin(), check_table.end(), [&](const check_kind& k) { return k.word == text; });
}

// Reads the checks of an `expect` line from its word `i` on, each resolved to the first of the
// expectation's levels that accepts it; reports every word that is not.
template <typename report>
void read_checks(const std::vector<word>& w, std::size_t i, const expectation_levels& at, std::vector<check>& checks,
                 const report& fail) {
  std::string valid;
  std::vector<std::string> candidates;
  for (auto level : at.levels) {
    valid += (valid.empty() ? "" : "; ") + check_list(level);
    auto more = words_at(level);
    candidates.insert(candidates.end(), more.begin(), more.end());
  }
  std::map<std::string, std::size_t> seen;  // what is checked → the column of its first check
  for (; i < w.size(); ++i) {
    const word& cw = w[i];
    const check_kind* kind = nullptr;
    for (auto level : at.levels) {
      if (!kind) kind = find_check(cw.text, level);
    }
    if (!kind) {
      auto known = std::find_if(check_table.begin(), check_table.end(), [&](const check_kind& k) { return k.word == cw.text; });
      if (known != check_table.end()) {
        fail(cw.column, fmt::format("`{}` is not a check of {}: its checks are {}", cw.text, at.name, valid));
        if (known->value != value_kind::none) ++i;  // its value is no check word either
        continue;
      }
      auto hint = lang::closest_name(cw.text, candidates);
      fail(cw.column, fmt::format("`{}` is no check word{}: the checks of {} are {}", cw.text,
                                  hint ? fmt::format(" (did you mean `{}`?)", *hint) : "", at.name, valid));
      // What follows up to the next check word is taken for the unknown word's value.
      while (i + 1 < w.size() && !is_check_word(w[i + 1].text)) ++i;
      continue;
    }
    std::string what = cw.text;
    if (kind->repeats == repeat::once_per_name && i + 1 < w.size()) what += " " + area_and_amount(w[i + 1].text).first;
    auto [first, fresh] = seen.emplace(what, cw.column);
    if (!fresh) fail(cw.column, fmt::format("`{}` is checked twice in one expectation (first at column {})", what, first->second));
    check c{kind, ""};
    if (kind->value != value_kind::none) {
      if (i + 1 >= w.size()) {
        fail(cw.column, fmt::format("`{}` needs a value: {} {}", cw.text, cw.text, kind->value_hint));
        continue;
      }
      const word& value = w[++i];
      if (!valid_value(kind->value, value.text)) {
        fail(value.column,
             fmt::format("`{}` is not {}: {} {}", value.text, value_description(kind->value), cw.text, kind->value_hint));
        continue;
      }
      c.value = value.text;
    }
    checks.push_back(std::move(c));
  }
}

bool parse_file(const std::string& path, const std::string& rubric_dir, version_cache& versions,
                std::vector<test_case>& tests, std::vector<std::string>& errors) {
  std::ifstream in(path);
  if (!in) {
    errors.push_back(fmt::format("{}: cannot be read", fs::path(path).filename().string()));
    return false;
  }
  std::string line;
  std::size_t number = 0;
  auto fail = [&](std::size_t column, const std::string& why) {
    errors.push_back(fmt::format("{}:{}:{}: {}", fs::path(path).filename().string(), number, column, why));
  };
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    auto w = words_of(line);
    if (w.empty()) continue;
    const std::string& keyword = w[0].text;
    if (keyword == "test") {
      if (w.size() != 4 || w[2].text != "under") fail(w[0].column, "expected: test \"NAME\" under VERSION");
      tests.push_back({path, w.size() > 1 ? w[1].text : "", w.size() > 3 ? w[3].text : "", number, {}, {}, {}, {}, {}, {}});
      continue;
    }
    if (tests.empty()) {
      fail(w[0].column, "expected a `test \"NAME\" under VERSION` line first");
      continue;
    }
    test_case& t = tests.back();
    if (keyword == "units") {
      for (std::size_t i = 1; i < w.size(); ++i) t.units.push_back(w[i].text);
    } else if (keyword == "unit") {
      if (w.size() < 2) {
        fail(w[0].column, "expected: unit ID [COLUMN=VALUE ...]");
        continue;
      }
      t.units.push_back(w[1].text);
      auto& columns = t.unit_columns[w[1].text];
      for (std::size_t i = 2; i < w.size(); ++i) {
        auto eq = w[i].text.find('=');
        if (eq == std::string::npos) {
          fail(w[i].column, fmt::format("`{}` is not COLUMN=VALUE", w[i].text));
          continue;
        }
        columns[w[i].text.substr(0, eq)] = w[i].text.substr(eq + 1);
      }
    } else if (keyword == "person") {
      if (w.size() != 4) {
        fail(w[0].column, "expected: person ID ROLE UNIT");
        continue;
      }
      t.people.push_back(fmt::format("{},{},{}", w[1].text, w[2].text, w[3].text));
    } else if (keyword == "event") {
      if (w.size() < 4) {
        fail(w[0].column, "expected: event DATE UNIT KIND [ATTRIBUTE=VALUE ...]");
        continue;
      }
      int year = 0, month = 0, day = 0;
      std::string why;
      if (!parse_date(w[1].text, year, month, day, why)) {
        fail(w[1].column, why);
        continue;
      }
      if (!lang::is_valid_date(year, month, day)) {
        fail(w[1].column, fmt::format("`{}` is outside the calendar: a date's year is from 1400 to 9999", w[1].text));
        continue;
      }
      std::map<std::string, std::string> e{{"date", w[1].text}, {"unit", w[2].text}, {"kind", w[3].text}};
      for (std::size_t i = 4; i < w.size(); ++i) {
        auto eq = w[i].text.find('=');
        if (eq == std::string::npos) {
          fail(w[i].column, fmt::format("`{}` is not ATTRIBUTE=VALUE", w[i].text));
          continue;
        }
        e[w[i].text.substr(0, eq)] = w[i].text.substr(eq + 1);
      }
      t.events.push_back(std::move(e));
      t.event_lines.emplace_back(number, line);
    } else if (keyword == "expect") {
      ++t.expect_lines;
      std::size_t i = 2;
      bool person = w.size() > i && w[i].text == "person";
      if (person) ++i;
      if (w.size() < i + 2) {
        fail(w[0].column, "expected: expect PERIOD UNIT CHECK..., or expect YEAR person ID CHECK...");
        continue;
      }
      expectation x;
      x.line = number;
      x.period = w[1].text;
      x.subject = w[i++].text;
      auto year = leading_year(x.period);
      if (!year) {
        fail(w[1].column, fmt::format("`{}` is not a period: a period or an awards window starts with its year (YYYY)",
                                      x.period));
        continue;
      }
      // The test scores the whole year, whose ISO weeks may reach into the years beside it: they
      // must be in the calendar too.
      if (!lang::is_valid_date(*year - 1, 1, 1) || !lang::is_valid_date(*year + 1, 12, 31)) {
        fail(w[1].column, fmt::format("`{}` is outside the calendar: a test's year is from 1401 to 9998", x.period));
        continue;
      }
      x.year = *year;
      const version_calendars* calendars = versions.get((fs::path(rubric_dir) / (t.version + ".rubric")).string());
      if (!calendars) {  // the version does not load: the test reports it when it runs
        x.unread = true;
        t.expectations.push_back(std::move(x));
        continue;
      }
      auto at = levels_of(x.period, person, *calendars);
      if (!at.error.empty()) {
        fail(w[1].column, at.error);
        continue;
      }
      read_checks(w, i, at, x.checks, fail);
      t.expectations.push_back(std::move(x));
    } else {
      fail(w[0].column,
           fmt::format("`{}` does not start a line of a test: test, units, unit, person, event, expect", keyword));
    }
  }
  for (const auto& t : tests) {
    if (t.expect_lines == 0) {
      number = t.line;
      fail(1, fmt::format("test \"{}\" has no `expect` line: it could not fail", t.name));
    }
  }
  return errors.empty();
}

struct prepared {
  score_request request;
  fs::path dir;
};

prepared prepare(const test_case& t, const std::string& rubric_dir, std::size_t index) {
  prepared p;
  p.dir = fs::temp_directory_path() / fmt::format("rubric-tests-{}-{}", ::getpid(), index);
  fs::create_directories(p.dir);
  std::set<std::string> unit_columns;
  for (const auto& [unit, columns] : t.unit_columns) {
    for (const auto& [name, value] : columns) unit_columns.insert(name);
  }
  std::ofstream units(p.dir / "units.csv");
  units << "unit";
  for (const auto& c : unit_columns) units << "," << c;
  units << "\n";
  for (const auto& u : t.units) {
    units << u;
    auto found = t.unit_columns.find(u);
    for (const auto& c : unit_columns) {
      units << ",";
      if (found != t.unit_columns.end() && found->second.count(c)) units << found->second.at(c);
    }
    units << "\n";
  }
  units.close();
  std::ofstream people(p.dir / "people.csv");
  people << "person,role,unit\n";
  for (const auto& row : t.people) people << row << "\n";
  people.close();
  std::set<std::string> columns;
  for (const auto& e : t.events) {
    for (const auto& [k, v] : e) {
      if (k != "date" && k != "unit" && k != "kind") columns.insert(k);
    }
  }
  std::ofstream events(p.dir / "events.csv");
  events << "date,unit,kind";
  for (const auto& c : columns) events << "," << c;
  events << "\n";
  for (const auto& e : t.events) {
    events << e.at("date") << "," << e.at("unit") << "," << e.at("kind");
    for (const auto& c : columns) events << "," << (e.count(c) ? e.at(c) : "");
    events << "\n";
  }
  events.close();
  p.request.rubric = (fs::path(rubric_dir) / (t.version + ".rubric")).string();
  p.request.units = (p.dir / "units.csv").string();
  p.request.people = (p.dir / "people.csv").string();
  p.request.events = {(p.dir / "events.csv").string()};
  p.request.whole_period = true;
  // A test's events are all there is: a period without any is ranked like the others.
  p.request.empty_periods = engine::score_request::empty_period::ranked;
  return p;
}

}  // namespace

std::string check_list(check_level level) {
  std::string out;
  for (const auto& k : check_table) {
    if (k.level != level) continue;
    if (!out.empty()) out += ", ";
    out += k.value_hint.empty() ? std::string(k.word) : fmt::format("{} {}", k.word, k.value_hint);
  }
  return out;
}

std::vector<check_word> check_words() {
  std::vector<check_word> out;
  for (const auto& k : check_table) out.push_back({k.word, k.level, k.value_hint});
  return out;
}

test_summary run_rubric_tests(const std::string& dir, std::ostream& out) {
  test_summary summary;
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(fs::path(dir) / "tests", ec)) {
    if (entry.path().extension() == ".test") files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) {
    out << fmt::format("no tests: `{}` has no tests/*.test files\n", dir);
    ++summary.errors;
  }
  std::vector<test_case> tests;
  version_cache versions;
  for (const auto& f : files) {
    std::vector<std::string> errors;
    std::vector<test_case> in_file;
    if (!parse_file(f, dir, versions, in_file, errors)) {  // a file with an error runs none of its tests
      for (const auto& e : errors) out << "ERROR " << e << "\n";
      ++summary.errors;
      continue;
    }
    tests.insert(tests.end(), in_file.begin(), in_file.end());
  }
  for (std::size_t index = 0; index < tests.size(); ++index) {
    const test_case& t = tests[index];
    std::set<int> years;
    for (const auto& x : t.expectations) years.insert(x.year);
    prepared p = prepare(t, dir, index);
    std::vector<std::string> failures;
    std::set<std::pair<int, std::uint32_t>> explained;
    std::string trouble;
    // In explanations, an event is shown where the test writes it, not in the temporary file.
    auto events_path = p.request.events.front();
    auto relocate = [&](const std::string& line) {
      auto at = line.find(events_path + ":");
      if (at == std::string::npos) return line;
      std::size_t number = std::stoul(line.substr(at + events_path.size() + 1));
      if (number < 2 || number - 2 >= t.event_lines.size()) return line;
      const auto& [test_line, text] = t.event_lines[number - 2];
      auto first = text.find_first_not_of(" \t");
      return line.substr(0, at) +
             fmt::format("{}:{}: {}", fs::path(t.file).filename().string(), test_line, text.substr(first));
    };
    // A bad event (a date outside the calendar, say) is reported at its line in the test file.
    auto at_test_lines = [&](std::vector<finding> findings) {
      for (auto& f : findings) {
        if (f.file != events_path || f.line < 2 || f.line - 2 >= t.event_lines.size()) continue;
        const auto& [test_line, text] = t.event_lines[f.line - 2];
        f.file = fs::path(t.file).filename().string();
        f.line = test_line;
        f.column = 0;
        f.row = text.substr(text.find_first_not_of(" \t"));
      }
      return findings;
    };
    for (int year : years) {
      p.request.year = year;
      auto run = run_score(p.request);
      if (!run.result) {
        trouble = run.outcome == score_run::status::rubric_errors
                      ? fmt::format("version {} does not check clean (rubric check {})", t.version, p.request.rubric)
                      : !run.usage_message.empty() ? run.usage_message
                                                   : render_findings(at_test_lines(run.findings), 10);
        break;
      }
      for (const auto& x : t.expectations) {
        if (x.year != year) continue;
        auto where = fmt::format("{}:{}", fs::path(t.file).filename().string(), x.line);
        auto mismatch = [&](const difference& d, std::optional<int> month, std::optional<std::uint32_t> unit) {
          std::string text = fmt::format("  {}: {} {}: expected {}, got {}\n", where, x.period, d.what, d.expected, d.actual);
          if (month && unit && explained.insert({*month, *unit}).second) {  // the explanation, once
            explanation listener;
            auto request = p.request;
            request.year.reset();
            request.period = month;
            request.trace = &listener;
            request.trace_unit = run.people.units[*unit];
            auto explained = run_score(request);
            if (explained.result) {
              std::string e = listener.render(explained);
              std::string indented;
              std::istringstream lines(e);
              for (std::string l; std::getline(lines, l);) {
                std::string shown = "    | " + relocate(l);
                while (shown.back() == ' ') shown.pop_back();
                indented += shown + "\n";
              }
              text += indented;
            }
          }
          failures.push_back(text);
        };
        if (x.unread) {
          failures.push_back(fmt::format("  {}: not checked: version {} did not load\n", where, t.version));
          continue;
        }
        // A window of the awards: the year (`2024`), or a semester or quarter of it.
        const year_result* window = nullptr;
        for (const auto& w : run.result->windows) {
          lang::calendar c(w.window_period);
          if (c.text(w.window) == x.period || (w.window_period != lang::ast::period::year && x.period.size() == 4 &&
                                               &w == run.result->year())) {
            window = &w;
          }
        }
        auto needs = [&](check_level level) {
          return std::any_of(x.checks.begin(), x.checks.end(), [&](const check& c) { return c.kind->level == level; });
        };
        observed o{run, p.request, x.subject};
        if (needs(check_level::person)) {
          auto person = run.people.person_index(x.subject);
          if (!person || !window) {
            failures.push_back(fmt::format("  {}: person `{}` is not in the test's `person` lines, or `{}` has no awards\n",
                                           where, x.subject, x.period));
            continue;
          }
          o.person = *person;
          o.window = window;
        } else {
          auto unit = run.people.unit_index(x.subject);
          if (!unit) {
            failures.push_back(fmt::format("  {}: unit `{}` is not in the test's `units` line\n", where, x.subject));
            continue;
          }
          o.unit = *unit;
        }
        if (needs(check_level::awards)) {
          if (!window) {
            failures.push_back(fmt::format("  {}: `{}` has no awards\n", where, x.period));
            continue;
          }
          o.window = window;
        }
        if (needs(check_level::period)) {
          auto period = run.compiled.periods.parse(x.period);
          for (const auto& candidate : run.result->periods) {
            if (period && candidate.period == *period) o.period = &candidate;
          }
          if (!o.period) {
            failures.push_back(
                fmt::format("  {}: `{}` is not a {} of year {}\n", where, x.period, run.compiled.periods.word(), year));
            continue;
          }
        }
        for (const auto& c : x.checks) {
          auto d = c.kind->compare(o, c.value);
          if (!d) continue;
          if (c.kind->level == check_level::period) {
            mismatch(*d, o.period->period, o.unit);
          } else {
            mismatch(*d, std::nullopt, std::nullopt);
          }
        }
      }
    }
    fs::remove_all(p.dir, ec);
    if (!trouble.empty()) {
      out << fmt::format("ERROR {} ({}:{}): {}\n", t.name, fs::path(t.file).filename().string(), t.line, trouble);
      ++summary.errors;
    } else if (failures.empty()) {
      out << fmt::format("PASS  {}\n", t.name);
      ++summary.passed;
    } else {
      out << fmt::format("FAIL  {} ({}:{})\n", t.name, fs::path(t.file).filename().string(), t.line);
      for (const auto& f : failures) out << f;
      ++summary.failed;
    }
  }
  out << fmt::format("{} passed, {} failed\n", summary.passed, summary.failed + summary.errors);
  return summary;
}

}  // namespace rubric::engine
