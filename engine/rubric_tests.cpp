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

#include "engine/consequences.hpp"
#include "engine/events/decoder.hpp"
#include "engine/events/vocabulary.hpp"
#include "engine/report/report.hpp"
#include "engine/score.hpp"
#include "lang/calendar.hpp"
#include "lang/check/checked.hpp"
#include "lang/i18n.hpp"
#include "lang/load.hpp"
#include "lang/time_of_day.hpp"

namespace rubric::engine {

namespace fs = std::filesystem;

namespace {

// A word of a test-file line, with where it starts (1-based, in bytes, as in the rubric's
// diagnostics), so that errors point at it.
struct word {
  std::string text;
  std::size_t column = 1;
};

// What separates words beside spaces and commas: what a Chinese input method types between
// items (`1-1、1-2`, `1-1，1-2`) and the full-width space.
constexpr std::array<std::string_view, 3> wide_separators = {"、", "，", "\u3000"};
// Quotes around a label: "...", and the Chinese “...” and 「...」.
constexpr std::array<std::pair<std::string_view, std::string_view>, 3> quotes = {
    {{"\"", "\""}, {"“", "”"}, {"「", "」"}}};

std::size_t separator_at(const std::string& line, std::size_t i) {
  if (line[i] == ' ' || line[i] == '\t' || line[i] == ',') return 1;
  for (auto s : wide_separators) {
    if (line.compare(i, s.size(), s) == 0) return s.size();
  }
  return 0;
}

// Splits a line into words; a "quoted label" is one word.
std::vector<word> words_of(const std::string& line) {
  std::vector<word> out;
  std::size_t i = 0;
  while (i < line.size()) {
    if (auto n = separator_at(line, i)) {
      i += n;
      continue;
    }
    if (line[i] == '#') break;
    bool quoted = false;
    for (auto [open, close] : quotes) {
      if (line.compare(i, open.size(), open) != 0) continue;
      auto end = line.find(close, i + open.size());
      if (end == std::string::npos) end = line.size();
      out.push_back({line.substr(i + open.size(), end - i - open.size()), i + 1});
      i = std::min(line.size(), end + close.size());
      quoted = true;
      break;
    }
    if (quoted) continue;
    std::size_t end = i;
    while (end < line.size() && line[end] != '#' && !separator_at(line, end)) ++end;
    out.push_back({line.substr(i, end - i), i + 1});
    i = end;
  }
  return out;
}

// The language a test file is written in: its first `test` (or `测试`) line says.
enum class test_language { en, zh };

// The words that start a line, in each language. In Chinese, `单元` lists the units (`单元
// 1-1、1-2`) or, with COLUMN=VALUE words, gives one unit's roster columns.
struct line_words {
  std::string_view test, under, units, unit, person, event, expect, expect_person;
};
constexpr line_words english_words{"test", "under", "units", "unit", "person", "event", "expect", "person"};
constexpr line_words chinese_words{"测试", "版本", "单元", "单元", "人员", "事件", "期望", "人员"};
const line_words& words_in(test_language lang) { return lang == test_language::zh ? chinese_words : english_words; }

// The name meant by `value`, a name or a label of one of `terms`; `value` itself when it is
// neither (the check then fails as naming nothing); nullopt when it means two things.
std::optional<std::string> name_meant(const std::string& value, const std::vector<term>& terms) {
  auto names = names_for(value, terms);
  if (names.size() > 1) return std::nullopt;
  return names.empty() ? value : std::string(names.front());
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
  std::optional<std::size_t> title_index(const std::string& written) const {
    // A title by its name or its label, as any version's awards declare it.
    std::vector<term> terms;
    for (const auto& v : run.compiled.versions) {
      for (const auto& t : v.titles) terms.push_back({t.id, t.title});
    }
    auto id = name_meant(written, terms);
    if (!id) return std::nullopt;
    for (std::size_t i = 0; i < window->titles.size(); ++i) {
      if (window->titles[i] == *id) return i;
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

std::string value_description(value_kind kind) {
  switch (kind) {
    case value_kind::none: return "";
    case value_kind::count: return i18n::text("a whole number");
    case value_kind::number: return i18n::text("a number");
    case value_kind::name: return i18n::text("a name");
    case value_kind::label: return i18n::text("a \"LABEL\"");
    case value_kind::area_amount: return i18n::text("AREA=NUMBER");
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
  std::string_view zh_word;  // the same check in a test file written in Chinese
  check_level level;
  value_kind value;
  std::string_view value_hint;  // in lists of checks: `score N`
  repeat repeats;
  outcome (*compare)(const observed&, const std::string& value);
};

std::string no_distinction() { return i18n::text("no such distinction in the ranking"); }

// The one table of check words: the parser accepts a word only at a level listed here, so a
// check that does not apply is an error, never a silent pass. Order: as documented.
std::vector<std::string> actions_of(const observed& o) {
  std::vector<std::string> out;
  for (const auto& applied : consequences_of(o.version(), o.p(), o.unit)) out.push_back(applied.what->action);
  return out;
}

std::string actions_text(const std::vector<std::string>& actions) {
  return actions.empty() ? i18n::text("no consequence") : fmt::format("\"{}\"", fmt::join(actions, "\", \""));
}

const std::array<check_kind, 25> check_table = {{
    {"score", "得分", check_level::period, value_kind::number, "N", repeat::once,
     [](const observed& o, const std::string& v) -> outcome {
       if (same_number(v, o.up().score)) return std::nullopt;
       return difference{o.subject + " score", v, o.up().score.to_string()};
     }},
    {"deductions", "扣分次数", check_level::period, value_kind::count, "N", repeat::once,
     [](const observed& o, const std::string& v) -> outcome {
       if (same_count(v, o.up().deductions)) return std::nullopt;
       return difference{o.subject + " deductions", v, std::to_string(o.up().deductions)};
     }},
    {"rank", "名次", check_level::period, value_kind::count, "N", repeat::once,
     [](const observed& o, const std::string& v) -> outcome {
       if (o.up().has_rank() && same_count(v, o.up().rank)) return std::nullopt;
       return difference{o.subject + " rank", v, o.up().has_rank() ? std::to_string(o.up().rank) : i18n::text("no rank")};
     }},
    {"unranked", "无名次", check_level::period, value_kind::none, "", repeat::once,
     [](const observed& o, const std::string&) -> outcome {
       if (!o.up().has_rank()) return std::nullopt;
       return difference{o.subject + " unranked", i18n::text("no rank"), std::to_string(o.up().rank)};
     }},
    {"red_flag", "红旗", check_level::period, value_kind::none, "", repeat::once,
     [](const observed& o, const std::string&) -> outcome {
       if (o.version().distinctions.empty()) return difference{o.subject + " red_flag", i18n::text("the flag"), no_distinction()};
       if (o.up().received(0)) return std::nullopt;
       return difference{o.subject + " red_flag", i18n::text("the flag"), i18n::text("no flag")};
     }},
    {"no_red_flag", "无红旗", check_level::period, value_kind::none, "", repeat::once,
     [](const observed& o, const std::string&) -> outcome {
       if (o.version().distinctions.empty()) return difference{o.subject + " no_red_flag", i18n::text("no flag"), no_distinction()};
       if (!o.up().received(0)) return std::nullopt;
       return difference{o.subject + " no_red_flag", i18n::text("no flag"), i18n::text("the flag")};
     }},
    {"vetoed", "被否决", check_level::period, value_kind::none, "", repeat::once,
     [](const observed& o, const std::string&) -> outcome {
       if (o.up().vetoed()) return std::nullopt;
       return difference{o.subject + " vetoed", i18n::text("vetoed"), i18n::text("not vetoed")};
     }},
    {"not_vetoed", "未被否决", check_level::period, value_kind::none, "", repeat::once,
     [](const observed& o, const std::string&) -> outcome {
       if (!o.up().vetoed()) return std::nullopt;
       return difference{o.subject + " not_vetoed", i18n::text("not vetoed"), i18n::text("vetoed")};
     }},
    {"exempt", "豁免", check_level::period, value_kind::label, "\"LABEL\"", repeat::once_per_name,
     [](const observed& o, const std::string& v) -> outcome {
       exemption_listener listener;
       auto request = o.request;
       request.year.reset();
       request.period = o.p().period;
       request.trace = &listener;
       request.trace_unit = o.subject;
       run_score(request);
       if (std::find(listener.applied.begin(), listener.applied.end(), v) != listener.applied.end()) return std::nullopt;
       return difference{o.subject + " exempt", i18n::tr("exemption \"{}\" applied", v),
                         listener.applied.empty() ? i18n::text("no exemption applied")
                                                  : fmt::format("\"{}\"", fmt::join(listener.applied, "\", \""))};
     }},
    {"consequence", "处理", check_level::period, value_kind::label, "\"LABEL\"", repeat::once_per_name,
     [](const observed& o, const std::string& v) -> outcome {
       auto actions = actions_of(o);
       if (std::find(actions.begin(), actions.end(), v) != actions.end()) return std::nullopt;
       return difference{o.subject + " consequence", i18n::tr("consequence \"{}\"", v), actions_text(actions)};
     }},
    {"no_consequence", "无处理", check_level::period, value_kind::label, "\"LABEL\"", repeat::once_per_name,
     [](const observed& o, const std::string& v) -> outcome {
       auto actions = actions_of(o);
       if (std::find(actions.begin(), actions.end(), v) == actions.end()) return std::nullopt;
       return difference{o.subject + " no_consequence", i18n::tr("no consequence \"{}\"", v), actions_text(actions)};
     }},
    {"grade", "等级", check_level::period, value_kind::name, "G", repeat::once,
     [](const observed& o, const std::string& v) -> outcome {
       std::string actual = o.up().grade ? o.version().grades[o.up().grade - 1u].id : i18n::text("no grade");
       std::vector<term> grades;
       for (const auto& g : o.version().grades) grades.push_back({g.id, g.title});
       auto meant = name_meant(v, grades);
       if (!meant) return difference{o.subject + " grade", v, ambiguity_text(v, names_for(v, grades), grades)};
       if (actual == *meant) return std::nullopt;
       return difference{o.subject + " grade", v, actual};
     }},
    {"has", "获得", check_level::period, value_kind::name, "D", repeat::once_per_name,
     [](const observed& o, const std::string& v) -> outcome {
       const auto& ds = o.version().distinctions;
       std::vector<term> terms;
       for (const auto& d : ds) terms.push_back({d.id, d.title});
       auto meant = name_meant(v, terms);
       if (!meant) return difference{o.subject + " has " + v, v, ambiguity_text(v, names_for(v, terms), terms)};
       for (std::size_t d = 0; d < ds.size(); ++d) {
         if (ds[d].id != *meant) continue;
         if (o.up().received(d)) return std::nullopt;
         return difference{o.subject + " has " + v, i18n::text("received"), i18n::text("not received")};
       }
       return difference{o.subject + " has " + v, i18n::text("received"), no_distinction()};
     }},
    {"lacks", "未获得", check_level::period, value_kind::name, "D", repeat::once_per_name,
     [](const observed& o, const std::string& v) -> outcome {
       const auto& ds = o.version().distinctions;
       std::vector<term> terms;
       for (const auto& d : ds) terms.push_back({d.id, d.title});
       auto meant = name_meant(v, terms);
       if (!meant) return difference{o.subject + " lacks " + v, v, ambiguity_text(v, names_for(v, terms), terms)};
       for (std::size_t d = 0; d < ds.size(); ++d) {
         if (ds[d].id != *meant) continue;
         if (!o.up().received(d)) return std::nullopt;
         return difference{o.subject + " lacks " + v, i18n::text("not received"), i18n::text("received")};
       }
       return difference{o.subject + " lacks " + v, i18n::text("not received"), no_distinction()};
     }},
    {"area", "类别", check_level::period, value_kind::area_amount, "A=N", repeat::once_per_name,
     [](const observed& o, const std::string& v) -> outcome {
       auto [area, expected] = area_and_amount(v);
       const auto& areas = o.version().areas;
       std::vector<term> terms;
       for (const auto& a : areas) terms.push_back({a.id, a.title});
       auto meant = name_meant(area, terms);
       if (!meant) return difference{o.subject + " area " + area, expected, ambiguity_text(area, names_for(area, terms), terms)};
       for (std::size_t a = 0; a < areas.size(); ++a) {
         if (areas[a].id != *meant) continue;
         decimal actual = o.p().area_total(o.unit, a);
         if (same_number(expected, actual)) return std::nullopt;
         return difference{o.subject + " area " + area, expected, actual.to_string()};
       }
       return difference{o.subject + " area " + area, expected, i18n::text("no such area")};
     }},
    {"balance", "余额", check_level::period, value_kind::number, "N", repeat::once,
     [](const observed& o, const std::string& v) -> outcome {
       if (o.p().balances.empty()) return difference{o.subject + " balance", v, i18n::text("no balance in this version")};
       decimal closing = o.p().balances[o.unit].closing;
       if (same_number(v, closing)) return std::nullopt;
       return difference{o.subject + " balance", v, closing.to_string()};
     }},
    {"redeemed", "已兑换", check_level::period, value_kind::number, "N", repeat::once,
     [](const observed& o, const std::string& v) -> outcome {
       if (o.p().balances.empty()) return difference{o.subject + " redeemed", v, i18n::text("no balance in this version")};
       decimal spent = o.p().balances[o.unit].spent;
       if (same_number(v, spent)) return std::nullopt;
       return difference{o.subject + " redeemed", v, spent.to_string()};
     }},
    {"red_flags", "红旗次数", check_level::awards, value_kind::count, "N", repeat::once,
     [](const observed& o, const std::string& v) -> outcome {
       std::uint32_t flags = o.yu().distinction_counts.empty() ? 0 : o.yu().distinction_counts[0];
       if (same_count(v, flags)) return std::nullopt;
       return difference{o.subject + " red_flags", v, std::to_string(flags)};
     }},
    {"rank", "名次", check_level::awards, value_kind::count, "N", repeat::once,
     [](const observed& o, const std::string& v) -> outcome {
       if (same_count(v, o.yu().rank)) return std::nullopt;
       return difference{o.subject + " rank", v, std::to_string(o.yu().rank)};
     }},
    {"subsidy", "补贴", check_level::awards, value_kind::number, "N", repeat::once,
     [](const observed& o, const std::string& v) -> outcome {
       if (same_number(v, o.yu().subsidy_percent)) return std::nullopt;
       return difference{o.subject + " subsidy", v + "%", o.yu().subsidy_percent.to_string() + "%"};
     }},
    {"title", "称号", check_level::awards, value_kind::name, "T", repeat::once_per_name,
     [](const observed& o, const std::string& v) -> outcome {
       auto t = o.title_index(v);
       if (t && ((o.yu().titles >> *t) & 1)) return std::nullopt;
       return difference{o.subject + " title", v, t ? i18n::text("not given") : i18n::text("no such title in the awards")};
     }},
    {"no_title", "无称号", check_level::awards, value_kind::name, "T", repeat::once_per_name,
     [](const observed& o, const std::string& v) -> outcome {
       auto t = o.title_index(v);
       if (t && !((o.yu().titles >> *t) & 1)) return std::nullopt;
       return difference{o.subject + " title", i18n::tr("not {}", v), t ? v : i18n::text("no such title in the awards")};
     }},
    {"subsidy", "补贴", check_level::person, value_kind::number, "N", repeat::once,
     [](const observed& o, const std::string& v) -> outcome {
       if (same_number(v, o.holder().subsidy_percent)) return std::nullopt;
       return difference{"person " + o.subject + " subsidy", v + "%", o.holder().subsidy_percent.to_string() + "%"};
     }},
    {"title", "称号", check_level::person, value_kind::name, "T", repeat::once_per_name,
     [](const observed& o, const std::string& v) -> outcome {
       auto t = o.title_index(v);
       if (t && ((o.holder().titles >> *t) & 1)) return std::nullopt;
       return difference{"person " + o.subject + " title", v, t ? i18n::text("not given") : i18n::text("no such title in the awards")};
     }},
    {"no_title", "无称号", check_level::person, value_kind::name, "T", repeat::once_per_name,
     [](const observed& o, const std::string& v) -> outcome {
       auto t = o.title_index(v);
       if (t && !((o.holder().titles >> *t) & 1)) return std::nullopt;
       return difference{"person " + o.subject + " title", i18n::tr("not {}", v), t ? v : i18n::text("no such title in the awards")};
     }},
}};

std::string_view word_in(const check_kind& k, test_language lang) { return lang == test_language::zh ? k.zh_word : k.word; }

const check_kind* find_check(std::string_view w, check_level level, test_language lang) {
  for (const auto& k : check_table) {
    if (word_in(k, lang) == w && k.level == level) return &k;
  }
  return nullptr;
}

std::vector<std::string> words_at(check_level level, test_language lang) {
  std::vector<std::string> out;
  for (const auto& k : check_table) {
    if (k.level == level) out.emplace_back(word_in(k, lang));
  }
  return out;
}

// A check's value as lists of checks show it, in the reader's language: `score N`, `得分 数`.
std::string placeholder(std::string_view hint) {
  if (hint == "N") return i18n::text_in("check value", "N");
  if (hint == "D") return i18n::text_in("check value", "D");
  if (hint == "G") return i18n::text_in("check value", "G");
  if (hint == "T") return i18n::text_in("check value", "T");
  if (hint == "A=N") return i18n::text_in("check value", "A=N");
  if (hint == "\"LABEL\"") return i18n::text_in("check value", "\"LABEL\"");
  return std::string(hint);
}

std::string check_list_in(check_level level, test_language lang) {
  std::string out;
  for (const auto& k : check_table) {
    if (k.level != level) continue;
    if (!out.empty()) out += i18n::text(", ");
    out += k.value_hint.empty() ? std::string(word_in(k, lang)) : fmt::format("{} {}", word_in(k, lang), placeholder(k.value_hint));
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
  test_language lang = test_language::en;
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
                            ? i18n::text("a year (YYYY)")
                            : i18n::tr("a year (YYYY) or a {} ({})", lang::period_noun(awards.word()), awards.format_hint());
  bool window = period.size() == 4 || awards.parse(period).has_value();
  if (person) {
    if (!window) {
      at.error = i18n::tr("`{}` is not an awards window: a person's awards are checked for {}", period, windows);
      return at;
    }
    at.levels = {check_level::person};
    at.name = i18n::tr("a person's awards ({})", period);
    return at;
  }
  const lang::calendar& periods = calendars.periods;
  if (periods.parse(period)) at.levels.push_back(check_level::period);
  if (window) at.levels.push_back(check_level::awards);
  if (at.levels.empty()) {
    at.error = i18n::tr("`{}` is neither a {} ({}) nor the awards of {}", period, lang::period_noun(periods.word()),
                           periods.format_hint(), windows);
  } else if (at.levels.size() == 2) {
    at.name = i18n::tr("a {} and its awards ({})", lang::period_noun(periods.word()), period);
  } else if (at.levels[0] == check_level::period) {
    at.name = i18n::tr("a {} ({})", lang::period_noun(periods.word()), period);
  } else {
    at.name = i18n::tr("the awards of {}", period);
  }
  return at;
}

bool is_check_word(std::string_view text, test_language lang) {
  return std::any_of(check_table.begin(), check_table.end(), [&](const check_kind& k) { return word_in(k, lang) == text; });
}

// Reads the checks of an `expect` line from its word `i` on, each resolved to the first of the
// expectation's levels that accepts it; reports every word that is not.
template <typename report>
void read_checks(const std::vector<word>& w, std::size_t i, const expectation_levels& at, std::vector<check>& checks,
                 test_language lang, const report& fail) {
  std::string valid;
  std::vector<std::string> candidates;
  for (auto level : at.levels) {
    valid += (valid.empty() ? "" : "; ") + check_list_in(level, lang);
    auto more = words_at(level, lang);
    candidates.insert(candidates.end(), more.begin(), more.end());
  }
  auto other = lang == test_language::zh ? test_language::en : test_language::zh;
  std::map<std::string, std::size_t> seen;  // what is checked → the column of its first check
  for (; i < w.size(); ++i) {
    const word& cw = w[i];
    const check_kind* kind = nullptr;
    for (auto level : at.levels) {
      if (!kind) kind = find_check(cw.text, level, lang);
    }
    if (!kind) {
      auto known = std::find_if(check_table.begin(), check_table.end(),
                                [&](const check_kind& k) { return word_in(k, lang) == cw.text; });
      if (known != check_table.end()) {
        fail(cw.column, i18n::tr("`{}` is not a check of {}: its checks are {}", cw.text, at.name, valid));
        if (known->value != value_kind::none) ++i;  // its value is no check word either
        continue;
      }
      // A check word of the other language: the file is written in one.
      auto foreign = std::find_if(check_table.begin(), check_table.end(),
                                  [&](const check_kind& k) { return word_in(k, other) == cw.text; });
      if (foreign != check_table.end()) {
        fail(cw.column, lang == test_language::zh
                            ? i18n::tr("`{}` is English, but this file is written in Chinese: write `{}`", cw.text,
                                       foreign->zh_word)
                            : i18n::tr("`{}` is Chinese, but this file is written in English: write `{}`", cw.text,
                                       foreign->word));
        if (foreign->value != value_kind::none) ++i;
        continue;
      }
      std::vector<term> terms;
      for (const auto& c : candidates) terms.push_back({c, ""});
      auto hint = closest_term(cw.text, terms);
      fail(cw.column, i18n::tr("`{}` is no check word{}: the checks of {} are {}", cw.text,
                               hint ? i18n::tr(" (did you mean `{}`?)", hint->name) : "", at.name, valid));
      // What follows up to the next check word is taken for the unknown word's value.
      while (i + 1 < w.size() && !is_check_word(w[i + 1].text, lang)) ++i;
      continue;
    }
    std::string what = cw.text;
    if (kind->repeats == repeat::once_per_name && i + 1 < w.size()) what += " " + area_and_amount(w[i + 1].text).first;
    auto [first, fresh] = seen.emplace(what, cw.column);
    if (!fresh) fail(cw.column, i18n::tr("`{}` is checked twice in one expectation (first at column {})", what, first->second));
    check c{kind, ""};
    if (kind->value != value_kind::none) {
      if (i + 1 >= w.size()) {
        fail(cw.column, i18n::tr("`{}` needs a value: {} {}", cw.text, cw.text, placeholder(kind->value_hint)));
        continue;
      }
      const word& value = w[++i];
      if (!valid_value(kind->value, value.text)) {
        fail(value.column,
             i18n::tr("`{}` is not {}: {} {}", value.text, value_description(kind->value), cw.text, placeholder(kind->value_hint)));
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
    errors.push_back(i18n::tr("{}: cannot be read", fs::path(path).filename().string()));
    return false;
  }
  std::string line;
  std::size_t number = 0;
  auto fail = [&](std::size_t column, const std::string& why) {
    errors.push_back(fmt::format("{}:{}:{}: {}", fs::path(path).filename().string(), number, column, why));
  };
  // The file's language is its first test line's: `test` or `测试`.
  std::optional<test_language> lang;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    auto w = words_of(line);
    if (w.empty()) continue;
    const std::string& keyword = w[0].text;
    if (!lang && (keyword == english_words.test || keyword == chinese_words.test)) {
      lang = keyword == chinese_words.test ? test_language::zh : test_language::en;
    }
    const line_words& k = words_in(lang.value_or(test_language::en));
    if (lang) {
      // A line begun in the other language: say which word this file uses.
      const line_words& other = words_in(*lang == test_language::zh ? test_language::en : test_language::zh);
      std::optional<std::string_view> instead;
      if (keyword == other.test) instead = k.test;
      if (keyword == other.units) instead = k.units;
      if (keyword == other.unit) instead = k.unit;
      if (keyword == other.person) instead = k.person;
      if (keyword == other.event) instead = k.event;
      if (keyword == other.expect) instead = k.expect;
      if (instead) {
        fail(w[0].column, *lang == test_language::zh
                              ? i18n::tr("`{}` is English, but this file is written in Chinese: write `{}`", keyword, *instead)
                              : i18n::tr("`{}` is Chinese, but this file is written in English: write `{}`", keyword, *instead));
        continue;
      }
    }
    if (keyword == k.test) {
      if (w.size() != 4 || w[2].text != k.under) {
        fail(w[0].column, i18n::tr("expected: {} \"NAME\" {} VERSION", k.test, k.under));
      }
      tests.push_back({path, w.size() > 1 ? w[1].text : "", w.size() > 3 ? w[3].text : "", number, {}, {}, {}, {}, {}, {}});
      tests.back().lang = *lang;
      continue;
    }
    if (tests.empty()) {
      fail(w[0].column, i18n::tr("expected a `test \"NAME\" under VERSION` (or `{} \"{}\" {} VERSION`) line first",
                                 chinese_words.test, "名称", chinese_words.under));
      continue;
    }
    test_case& t = tests.back();
    // In Chinese `单元` does both: with COLUMN=VALUE words it is one unit and its columns.
    bool has_columns = std::any_of(w.begin() + 1, w.end(), [](const word& x) { return x.text.find('=') != std::string::npos; });
    bool units_line = keyword == k.units && (k.units != k.unit || !has_columns);
    if (units_line) {
      for (std::size_t i = 1; i < w.size(); ++i) t.units.push_back(w[i].text);
    } else if (keyword == k.unit) {
      if (w.size() < 2) {
        fail(w[0].column, i18n::tr("expected: {} ID [COLUMN=VALUE ...]", k.unit));
        continue;
      }
      t.units.push_back(w[1].text);
      auto& columns = t.unit_columns[w[1].text];
      for (std::size_t i = 2; i < w.size(); ++i) {
        auto eq = w[i].text.find('=');
        if (eq == std::string::npos) {
          fail(w[i].column, i18n::tr("`{}` is not COLUMN=VALUE", w[i].text));
          continue;
        }
        columns[w[i].text.substr(0, eq)] = w[i].text.substr(eq + 1);
      }
    } else if (keyword == k.person) {
      if (w.size() != 4) {
        fail(w[0].column, i18n::tr("expected: {} ID ROLE UNIT", k.person));
        continue;
      }
      t.people.push_back(fmt::format("{},{},{}", w[1].text, w[2].text, w[3].text));
    } else if (keyword == k.event) {
      // `event 2024-10-06 23:15 1-1 late_return`: a time of day after the date is part of it.
      std::string date_and_time = w.size() > 1 ? std::string(w[1].text) : std::string();
      if (w.size() > 2 && lang::parse_clock(w[2].text, true)) {
        date_and_time += " " + std::string(w[2].text);
        w.erase(w.begin() + 2);
      }
      if (w.size() < 4) {
        fail(w[0].column, i18n::tr("expected: {} DATE UNIT KIND [ATTRIBUTE=VALUE ...]", k.event));
        continue;
      }
      int year = 0, month = 0, day = 0;
      std::string why;
      if (!parse_date(w[1].text, year, month, day, why)) {
        fail(w[1].column, why);
        continue;
      }
      if (!lang::is_valid_date(year, month, day)) {
        fail(w[1].column, i18n::tr("`{}` is outside the calendar: a date's year is from 1400 to 9999", w[1].text));
        continue;
      }
      std::map<std::string, std::string> e{{"date", date_and_time}, {"unit", w[2].text}, {"kind", w[3].text}};
      for (std::size_t i = 4; i < w.size(); ++i) {
        auto eq = w[i].text.find('=');
        if (eq == std::string::npos) {
          fail(w[i].column, i18n::tr("`{}` is not ATTRIBUTE=VALUE", w[i].text));
          continue;
        }
        e[w[i].text.substr(0, eq)] = w[i].text.substr(eq + 1);
      }
      t.events.push_back(std::move(e));
      t.event_lines.emplace_back(number, line);
    } else if (keyword == k.expect) {
      ++t.expect_lines;
      std::size_t i = 2;
      bool person = w.size() > i && w[i].text == k.expect_person;
      if (person) ++i;
      if (w.size() < i + 2) {
        fail(w[0].column, i18n::tr("expected: {0} PERIOD UNIT CHECK..., or {0} YEAR {1} ID CHECK...", k.expect,
                                   k.expect_person));
        continue;
      }
      expectation x;
      x.line = number;
      x.period = w[1].text;
      x.subject = w[i++].text;
      auto year = leading_year(x.period);
      if (!year) {
        fail(w[1].column, i18n::tr("`{}` is not a period: a period or an awards window starts with its year (YYYY)",
                                   x.period));
        continue;
      }
      // The test scores the whole year, whose ISO weeks may reach into the years beside it: they
      // must be in the calendar too.
      if (!lang::is_valid_date(*year - 1, 1, 1) || !lang::is_valid_date(*year + 1, 12, 31)) {
        fail(w[1].column, i18n::tr("`{}` is outside the calendar: a test's year is from 1401 to 9998", x.period));
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
      read_checks(w, i, at, x.checks, lang.value_or(test_language::en), fail);
      t.expectations.push_back(std::move(x));
    } else {
      fail(w[0].column, k.units == k.unit
                            ? i18n::tr("`{}` does not start a line of a test: {}, {}, {}, {}, {}", keyword, k.test, k.units,
                                       k.person, k.event, k.expect)
                            : i18n::tr("`{}` does not start a line of a test: {}, {}, {}, {}, {}, {}", keyword, k.test,
                                       k.units, k.unit, k.person, k.event, k.expect));
    }
  }
  for (const auto& t : tests) {
    if (t.expect_lines == 0) {
      number = t.line;
      fail(1, i18n::tr("test \"{}\" has no `{}` line: it could not fail", t.name,
                       words_in(lang.value_or(test_language::en)).expect));
    }
  }
  return errors.empty();
}

// A difference's subject as a Chinese test file writes it: `1-1 得分`, `人员 p1 补贴`.
std::string in_chinese(std::string what, const check_kind& kind, const std::string& subject) {
  if (what.rfind("person ", 0) == 0) what = std::string(chinese_words.expect_person) + what.substr(6);
  auto at = what.find(subject);
  std::size_t from = at == std::string::npos ? 0 : at + subject.size();
  for (std::string_view word : {kind.word, std::string_view("red_flag"), std::string_view("title")}) {
    auto found = what.find(" " + std::string(word), from);
    auto end = found + 1 + word.size();
    if (found != std::string::npos && (end == what.size() || what[end] == ' ')) {
      return what.replace(found + 1, word.size(), kind.zh_word);
    }
  }
  return what;
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
  // A balance carries back to the first year of the test's events, not to the year 1.
  for (const auto& e : t.events) {
    int year = std::atoi(e.at("date").substr(0, 4).c_str());
    if (year > 0 && (!p.request.balance_from || year < p.request.balance_from->year)) p.request.balance_from = lang::civil_date{year, 1, 1};
  }
  // A test's events are all there is: a period without any is ranked like the others.
  p.request.empty_periods = engine::score_request::empty_period::ranked;
  return p;
}

}  // namespace

std::string check_list(check_level level, bool chinese) {
  return check_list_in(level, chinese ? test_language::zh : test_language::en);
}

std::vector<check_word> check_words() {
  std::vector<check_word> out;
  for (const auto& k : check_table) out.push_back({k.word, k.level, k.value_hint, k.zh_word});
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
    out << i18n::tr("no tests: `{}` has no tests/*.test files", dir) << "\n";
    ++summary.errors;
  }
  std::vector<test_case> tests;
  version_cache versions;
  for (const auto& f : files) {
    std::vector<std::string> errors;
    std::vector<test_case> in_file;
    if (!parse_file(f, dir, versions, in_file, errors)) {  // a file with an error runs none of its tests
      for (const auto& e : errors) out << i18n::tr("ERROR {}", e) << "\n";
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
                      ? i18n::tr("version {} does not check clean (rubric check {})", t.version, p.request.rubric)
                      : !run.usage_message.empty() ? run.usage_message
                                                   : render_findings(at_test_lines(run.findings), 10);
        break;
      }
      for (const auto& x : t.expectations) {
        if (x.year != year) continue;
        auto where = fmt::format("{}:{}", fs::path(t.file).filename().string(), x.line);
        auto mismatch = [&](const difference& d, std::optional<int> month, std::optional<std::uint32_t> unit) {
          std::string text = "  " + i18n::tr("{}: {} {}: expected {}, got {}", where, x.period, d.what, d.expected, d.actual) + "\n";
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
          failures.push_back("  " + i18n::tr("{}: not checked: version {} did not load", where, t.version) + "\n");
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
            failures.push_back("  " + i18n::tr("{}: person `{}` is not in the test's `person` lines, or `{}` has no awards",
                                               where, x.subject, x.period) + "\n");
            continue;
          }
          o.person = *person;
          o.window = window;
        } else {
          auto unit = run.people.unit_index(x.subject);
          if (!unit) {
            failures.push_back("  " + i18n::tr("{}: unit `{}` is not in the test's `units` line", where, x.subject) + "\n");
            continue;
          }
          o.unit = *unit;
        }
        if (needs(check_level::awards)) {
          if (!window) {
            failures.push_back("  " + i18n::tr("{}: `{}` has no awards", where, x.period) + "\n");
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
                "  " + i18n::tr("{}: `{}` is not a {} of year {}", where, x.period, lang::period_noun(run.compiled.periods.word()), year) + "\n");
            continue;
          }
        }
        for (const auto& c : x.checks) {
          auto d = c.kind->compare(o, c.value);
          if (!d) continue;
          if (t.lang == test_language::zh) d->what = in_chinese(d->what, *c.kind, x.subject);
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
      out << i18n::tr("ERROR {} ({}:{}): {}", t.name, fs::path(t.file).filename().string(), t.line, trouble) << "\n";
      ++summary.errors;
    } else if (failures.empty()) {
      out << i18n::tr("PASS  {}", t.name) << "\n";
      ++summary.passed;
    } else {
      out << i18n::tr("FAIL  {} ({}:{})", t.name, fs::path(t.file).filename().string(), t.line) << "\n";
      for (const auto& f : failures) out << f;
      ++summary.failed;
    }
  }
  out << i18n::tr("{} passed, {} failed", summary.passed, summary.failed + summary.errors) << "\n";
  return summary;
}

}  // namespace rubric::engine
