#include "engine/rubric_tests.hpp"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "engine/report/report.hpp"
#include "engine/score.hpp"

namespace rubric::engine {

namespace fs = std::filesystem;

namespace {

struct expectation {
  std::size_t line = 0;
  std::string period;  // YYYY-MM or YYYY
  bool person = false;
  std::string subject;  // a unit, or a person
  std::vector<std::pair<std::string, std::string>> checks;  // key, expected value ("" for flags)
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
};

// Splits a line into words; a "quoted label" is one word.
std::vector<std::string> words_of(const std::string& line) {
  std::vector<std::string> out;
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
      out.push_back(line.substr(i + 1, end - i - 1));
      i = end + 1;
      continue;
    }
    auto end = line.find_first_of(" \t,#", i);
    if (end == std::string::npos) end = line.size();
    out.push_back(line.substr(i, end - i));
    i = end;
  }
  return out;
}

bool parse_file(const std::string& path, std::vector<test_case>& tests, std::string& error) {
  std::ifstream in(path);
  std::string line;
  std::size_t number = 0;
  auto fail = [&](const std::string& why) {
    error = fmt::format("{}:{}: {}", fs::path(path).filename().string(), number, why);
    return false;
  };
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    auto w = words_of(line);
    if (w.empty()) continue;
    if (w[0] == "test") {
      if (w.size() != 4 || w[2] != "under") return fail("expected: test \"NAME\" under VERSION");
      tests.push_back({path, w[1], w[3], number, {}, {}, {}, {}, {}, {}});
      continue;
    }
    if (tests.empty()) return fail("expected a `test \"NAME\" under VERSION` line first");
    test_case& t = tests.back();
    if (w[0] == "units") {
      t.units.insert(t.units.end(), w.begin() + 1, w.end());
    } else if (w[0] == "unit") {
      if (w.size() < 2) return fail("expected: unit ID [COLUMN=VALUE ...]");
      t.units.push_back(w[1]);
      auto& columns = t.unit_columns[w[1]];
      for (std::size_t i = 2; i < w.size(); ++i) {
        auto eq = w[i].find('=');
        if (eq == std::string::npos) return fail(fmt::format("`{}` is not COLUMN=VALUE", w[i]));
        columns[w[i].substr(0, eq)] = w[i].substr(eq + 1);
      }
    } else if (w[0] == "person") {
      if (w.size() != 4) return fail("expected: person ID ROLE UNIT");
      t.people.push_back(fmt::format("{},{},{}", w[1], w[2], w[3]));
    } else if (w[0] == "event") {
      if (w.size() < 4) return fail("expected: event DATE UNIT KIND [ATTRIBUTE=VALUE ...]");
      std::map<std::string, std::string> e{{"date", w[1]}, {"unit", w[2]}, {"kind", w[3]}};
      for (std::size_t i = 4; i < w.size(); ++i) {
        auto eq = w[i].find('=');
        if (eq == std::string::npos) return fail(fmt::format("`{}` is not ATTRIBUTE=VALUE", w[i]));
        e[w[i].substr(0, eq)] = w[i].substr(eq + 1);
      }
      t.events.push_back(std::move(e));
      t.event_lines.emplace_back(number, line);
    } else if (w[0] == "expect") {
      if (w.size() < 4) return fail("expected: expect PERIOD UNIT CHECK... or expect YEAR person ID subsidy N");
      expectation x;
      x.line = number;
      x.period = w[1];
      // The year decides which year is scored: it must be one the calendar has.
      int year = 0;
      auto [end, problem] = std::from_chars(x.period.data(), x.period.data() + std::min<std::size_t>(x.period.size(), 4), year);
      if (x.period.size() < 4 || problem != std::errc{} || end != x.period.data() + 4 || !lang::is_supported_year(year)) {
        return fail(fmt::format("`{}` is not a period of the calendar ({}): write 2023-10, 2024-W03, 2024 ...", x.period,
                                lang::supported_years_text()));
      }
      std::size_t i = 2;
      if (w[i] == "person") {
        x.person = true;
        ++i;
      }
      x.subject = w[i++];
      static const std::set<std::string> flags = {"red_flag", "no_red_flag", "vetoed", "not_vetoed", "unranked"};
      static const std::set<std::string> valued = {"score", "deductions", "rank", "exempt", "red_flags", "subsidy",
                                                   "grade", "has", "lacks", "title", "no_title", "area"};
      while (i < w.size()) {
        if (flags.count(w[i])) {
          x.checks.emplace_back(w[i++], "");
        } else if (valued.count(w[i]) && i + 1 < w.size()) {
          x.checks.emplace_back(w[i], w[i + 1]);
          i += 2;
        } else {
          return fail(fmt::format("`{}` is not a check: score N, deductions N, rank N, unranked, red_flag, "
                                  "no_red_flag, vetoed, not_vetoed, exempt \"LABEL\", grade G, has D, lacks D, "
                                  "area A=N, red_flags N, subsidy N, title T, no_title T",
                                  w[i]));
        }
      }
      t.expectations.push_back(std::move(x));
    } else {
      return fail(fmt::format("`{}` does not start a line of a test: test, units, unit, person, event, expect", w[0]));
    }
  }
  return true;
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
  return p;
}

}  // namespace

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
  for (const auto& f : files) {
    std::string error;
    std::vector<test_case> in_file;
    if (!parse_file(f, in_file, error)) {  // a file with an error runs none of its tests
      out << "ERROR " << error << "\n";
      ++summary.errors;
      continue;
    }
    tests.insert(tests.end(), in_file.begin(), in_file.end());
  }
  for (std::size_t index = 0; index < tests.size(); ++index) {
    const test_case& t = tests[index];
    std::set<std::string> years;
    for (const auto& x : t.expectations) years.insert(x.period.substr(0, 4));
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
    for (const auto& year : years) {
      p.request.year = std::stoi(year);
      auto run = run_score(p.request);
      if (!run.result) {
        trouble = run.outcome == score_run::status::rubric_errors
                      ? fmt::format("version {} does not check clean (rubric check {})", t.version, p.request.rubric)
                      : !run.usage_message.empty() ? run.usage_message
                                                   : render_findings(at_test_lines(run.findings), 10);
        break;
      }
      for (const auto& x : t.expectations) {
        if (x.period.substr(0, 4) != year) continue;
        auto where = fmt::format("{}:{}", fs::path(t.file).filename().string(), x.line);
        auto mismatch = [&](const std::string& what, const std::string& expected, const std::string& actual,
                            std::optional<int> month, std::optional<std::uint32_t> unit) {
          std::string text = fmt::format("  {}: {} {}: expected {}, got {}\n", where, x.period, what, expected, actual);
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
        // A window of the awards: the year (`2024`), or a semester or quarter of it.
        const year_result* window = nullptr;
        for (const auto& w : run.result->windows) {
          lang::calendar c(w.window_period);
          if (c.text(w.window) == x.period || (w.window_period != lang::ast::period::year && x.period.size() == 4 &&
                                               &w == run.result->year())) {
            window = &w;
          }
        }
        auto title_of = [&](std::uint64_t bits, const std::string& id) {
          for (std::size_t i = 0; window && i < window->titles.size(); ++i) {
            if (window->titles[i] == id && ((bits >> i) & 1)) return true;
          }
          return false;
        };
        if (x.person) {
          auto person = run.people.person_index(x.subject);
          if (!person || !window) {
            failures.push_back(fmt::format("  {}: person `{}` is not in the test's `person` lines, or `{}` has no awards\n",
                                           where, x.subject, x.period));
            continue;
          }
          const auto& h = window->people[*person];
          for (const auto& [key, value] : x.checks) {
            if (key == "subsidy" && h.subsidy_percent.to_string() != value) {
              mismatch("person " + x.subject + " subsidy", value + "%", h.subsidy_percent.to_string() + "%", {}, {});
            }
            if (key == "title" && !title_of(h.titles, value)) mismatch("person " + x.subject + " title", value, "not given", {}, {});
            if (key == "no_title" && title_of(h.titles, value)) mismatch("person " + x.subject + " title", "not " + value, value, {}, {});
          }
          continue;
        }
        auto unit = run.people.unit_index(x.subject);
        if (!unit) {
          failures.push_back(fmt::format("  {}: unit `{}` is not in the test's `units` line\n", where, x.subject));
          continue;
        }
        auto month = run.compiled.periods.parse(x.period);
        const period_result* m = nullptr;
        for (const auto& candidate : run.result->periods) {
          if (month && candidate.period == *month) m = &candidate;
        }
        if (!m && window) {
          const auto& yu = window->units[*unit];
          std::string flags = std::to_string(yu.distinction_counts.empty() ? 0 : yu.distinction_counts[0]);
          for (const auto& [key, value] : x.checks) {
            if (key == "title" && !title_of(yu.titles, value)) mismatch(x.subject + " title", value, "not given", {}, {});
            if (key == "no_title" && title_of(yu.titles, value)) mismatch(x.subject + " title", "not " + value, value, {}, {});
            if (key == "red_flags" && flags != value) mismatch(x.subject + " red_flags", value, flags, {}, {});
            if (key == "rank" && std::to_string(yu.rank) != value) mismatch(x.subject + " rank", value, std::to_string(yu.rank), {}, {});
            if (key == "subsidy" && yu.subsidy_percent.to_string() != value) {
              mismatch(x.subject + " subsidy", value + "%", yu.subsidy_percent.to_string() + "%", {}, {});
            }
          }
          continue;
        }
        if (!m) {
          failures.push_back(fmt::format("  {}: `{}` is not a {} of year {}\n", where, x.period, run.compiled.periods.word(), year));
          continue;
        }
        const unit_period& um = m->units[*unit];
        for (const auto& [key, value] : x.checks) {
          std::string subject = x.subject + " " + key;
          if (key == "score" && um.score.to_string() != value) mismatch(subject, value, um.score.to_string(), m->period, *unit);
          if (key == "deductions" && std::to_string(um.deductions) != value) {
            mismatch(subject, value, std::to_string(um.deductions), m->period, *unit);
          }
          if (key == "rank" && (!um.has_rank() || std::to_string(um.rank) != value)) {
            mismatch(subject, value, um.has_rank() ? std::to_string(um.rank) : "no rank", m->period, *unit);
          }
          if (key == "unranked" && um.has_rank()) mismatch(subject, "no rank", std::to_string(um.rank), m->period, *unit);
          if (key == "red_flag" && !um.received(0)) mismatch(subject, "the flag", "no flag", m->period, *unit);
          if (key == "no_red_flag" && um.received(0)) mismatch(subject, "no flag", "the flag", m->period, *unit);
          if (key == "vetoed" && !um.vetoed()) mismatch(subject, "vetoed", "not vetoed", m->period, *unit);
          const version_plan& v = run.compiled.versions[m->version];
          if (key == "grade") {
            std::string actual = um.grade ? v.grades[um.grade - 1u].id : "no grade";
            if (actual != value) mismatch(subject, value, actual, m->period, *unit);
          }
          if (key == "has" || key == "lacks") {
            bool received = false;
            for (std::size_t d = 0; d < v.distinctions.size(); ++d) received = received || (v.distinctions[d].id == value && um.received(d));
            if (received != (key == "has")) {
              mismatch(subject + " " + value, key == "has" ? "received" : "not received", received ? "received" : "not received",
                       m->period, *unit);
            }
          }
          if (key == "area") {
            auto eq = value.find('=');
            std::string area = value.substr(0, eq), expected = eq == std::string::npos ? "" : value.substr(eq + 1);
            std::string actual = "no such area";
            for (std::size_t a = 0; a < v.areas.size(); ++a) {
              if (v.areas[a].id == area) actual = m->area_total(*unit, a).to_string();
            }
            if (actual != expected) mismatch(x.subject + " area " + area, expected, actual, m->period, *unit);
          }
          if (key == "not_vetoed" && um.vetoed()) mismatch(subject, "not vetoed", "vetoed", m->period, *unit);
          if (key == "exempt") {
            exemption_listener listener;
            auto request = p.request;
            request.year.reset();
            request.period = m->period;
            request.trace = &listener;
            request.trace_unit = x.subject;
            run_score(request);
            if (std::find(listener.applied.begin(), listener.applied.end(), value) == listener.applied.end()) {
              mismatch(subject, fmt::format("exemption \"{}\" applied", value),
                       listener.applied.empty() ? std::string("no exemption applied")
                                                : fmt::format("\"{}\"", fmt::join(listener.applied, "\", \"")),
                       m->period, *unit);
            }
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
