#include "engine/impact.hpp"

#include <algorithm>
#include <map>
#include <sstream>

#include <fmt/format.h>

#include "engine/report/report.hpp"
#include "lang/i18n.hpp"
#include "engine/report/text.hpp"

namespace rubric::engine {

namespace {

bool first_distinction(const unit_period& um) { return um.received(0); }

std::vector<rule_difference> rule_differences(const score_run& from, const period_result& a, const score_run& to,
                                              const period_result& b, std::uint32_t unit) {
  const auto& va = from.compiled.versions[a.version];
  const auto& vb = to.compiled.versions[b.version];
  std::map<std::string, rule_difference> by_id;
  for (std::size_t r = 0; r < va.rules.size(); ++r) {
    auto& d = by_id[va.rules[r].id];
    d.rule = va.rules[r].id;
    d.title = va.rules[r].title;
    d.old_total = a.rule_totals[unit * va.rules.size() + r];
  }
  for (std::size_t r = 0; r < vb.rules.size(); ++r) {
    auto& d = by_id[vb.rules[r].id];
    d.rule = vb.rules[r].id;
    d.title = vb.rules[r].title;
    d.new_total = b.rule_totals[unit * vb.rules.size() + r];
  }
  std::vector<rule_difference> out;
  for (auto& [id, d] : by_id) {
    if (d.old_total != d.new_total) out.push_back(d);
  }
  return out;
}

std::string rank_text(std::uint32_t rank) { return rank ? std::to_string(rank) : i18n::text("none"); }

// The earlier effective date of two versions: before it neither was in force, and replaying such
// periods would publish results no council ever had. Nothing when a version does not load clean
// (scoring it reports why).
std::optional<lang::civil_date> earliest_effective(const lang::rubric_folder& a, const lang::rubric_folder& b) {
  std::optional<lang::civil_date> earliest;
  for (const auto* folder : {&a, &b}) {
    if (!folder->ok() || folder->versions.size() != 1) return std::nullopt;
    const auto& date = folder->versions.front().tree->head.effective;
    lang::civil_date effective{date.year, date.month, date.day};
    if (!earliest || std::tie(effective.year, effective.month, effective.day) <
                         std::tie(earliest->year, earliest->month, earliest->day)) {
      earliest = effective;
    }
  }
  return earliest;
}

// Both versions read the same data files, so a warning about a row (an event before either version
// took effect, E1011; a note that a file was read as GB18030, E1030) comes from each run: the reader is told it once, by the earlier run (each run
// words it with its own version's date, but both replay from the same one). Errors stay with each
// run, which decides from them whether it has results.
void drop_repeated_warnings(const score_run& from, score_run& to) {
  auto same = [](const finding& a, const finding& b) {
    return a.code == b.code && a.file == b.file && a.line == b.line && a.column == b.column;
  };
  std::erase_if(to.findings, [&](const finding& f) {
    return (is_warning(f.code) || is_note(f.code)) &&
           std::any_of(from.findings.begin(), from.findings.end(), [&](const finding& g) { return same(f, g); });
  });
  // Beyond the findings shown, each file's counts: the same counts are the same rows.
  std::erase_if(to.unshown, [&](const auto& entry) {
    auto earlier = from.unshown.find(entry.first);
    return earlier != from.unshown.end() && earlier->second.errors == entry.second.errors &&
           earlier->second.warnings == entry.second.warnings && entry.second.errors == 0;
  });
}

}  // namespace

// The same data scored under the version of `from` and that of `to`, from the earlier effective
// date of the two, and compared.
static impact_run replay(score_request from, score_request to) {
  impact_run impact;
  auto earliest = earliest_effective(load_request_rubric(from), load_request_rubric(to));
  for (auto* request : {&from, &to}) {
    request->whole_period = true;
    request->keep_rule_totals = true;
    request->in_force_from = earliest;
  }
  impact.from = run_score(from);
  impact.to = run_score(to);
  drop_repeated_warnings(impact.from, impact.to);
  if (!impact.ok()) return impact;
  const auto& a = *impact.from.result;
  const auto& b = *impact.to.result;
  for (std::size_t m = 0; m < a.periods.size(); ++m) {
    for (std::uint32_t u = 0; u < a.periods[m].units.size(); ++u) {
      const unit_period& x = a.periods[m].units[u];
      const unit_period& y = b.periods[m].units[u];
      unit_period_change c{a.periods[m].period, u, x.score, y.score, x.rank, y.rank, first_distinction(x),
                          first_distinction(y), x.vetoed(), y.vetoed(), {}, {}};
      if (c.old_flag && !c.new_flag) ++impact.flags_lost;
      if (!c.old_flag && c.new_flag) ++impact.flags_gained;
      if (x.score == y.score && x.rank == y.rank && c.old_flag == c.new_flag && c.old_vetoed == c.new_vetoed) continue;
      c.rules = rule_differences(impact.from, a.periods[m], impact.to, b.periods[m], u);
      if (c.old_vetoed != c.new_vetoed) {
        const auto& run = c.new_vetoed ? impact.to : impact.from;
        const auto& um = c.new_vetoed ? y : x;
        const auto& vetoes = run.compiled.versions.front().vetoes;
        for (std::size_t v = 0; v < vetoes.size(); ++v) {
          if ((um.vetoes >> v) & 1) c.veto_reasons.push_back(vetoes[v].reason);
        }
      }
      impact.periods.push_back(std::move(c));
    }
  }
  if (a.year() && b.year()) {
    for (std::uint32_t u = 0; u < a.year()->units.size(); ++u) {
      const auto& x = a.year()->units[u];
      const auto& y = b.year()->units[u];
      std::uint32_t fx = x.distinction_counts.empty() ? 0 : x.distinction_counts[0];
      std::uint32_t fy = y.distinction_counts.empty() ? 0 : y.distinction_counts[0];
      if (fx == fy && x.rank == y.rank && x.subsidy_percent == y.subsidy_percent) continue;
      impact.years.push_back({u, fx, fy, x.rank, y.rank, x.subsidy_percent, y.subsidy_percent});
      if (x.subsidy_percent != y.subsidy_percent) ++impact.unit_subsidies_changed;
    }
    for (std::uint32_t p = 0; p < a.year()->people.size(); ++p) {
      const auto& x = a.year()->people[p];
      const auto& y = b.year()->people[p];
      if (x.subsidy_percent != y.subsidy_percent) impact.people.push_back({p, x.subsidy_percent, y.subsidy_percent});
    }
  }
  return impact;
}

impact_run run_impact(score_request request, const std::string& from_version, const std::string& to_version) {
  score_request from = request, to = request;
  from.rubric = from_version;
  to.rubric = to_version;
  from.rubric_text = to.rubric_text = nullptr;
  return replay(std::move(from), std::move(to));
}

impact_run run_impact(score_request request, std::shared_ptr<const lang::source_file> from_version,
                      std::shared_ptr<const lang::source_file> to_version) {
  score_request from = request, to = request;
  from.rubric = from_version->path();
  to.rubric = to_version->path();
  from.rubric_text = std::move(from_version);
  to.rubric_text = std::move(to_version);
  return replay(std::move(from), std::move(to));
}

void render_impact_text(const impact_run& impact, std::ostream& out) {
  const auto& from = impact.from.compiled.versions.front();
  const auto& to = impact.to.compiled.versions.front();
  const auto& units = impact.from.people.units;
  std::size_t unit_subsidies = impact.unit_subsidies_changed;
  const auto word = impact.from.compiled.periods.word();
  out << i18n::tr(
      "impact of version {} → {} ({} → {}) on the recorded events, each version applied to every {} from {}\n\n",
      from.id, to.id, from.path, to.path, text::period_noun(word),
      impact.from.compiled.periods.text(impact.from.period.first_period));
  // Each count is its own message, singular or plural (English), inside the summary sentence.
  const std::size_t changed = impact.periods.size(), people = impact.people.size();
  std::string periods_changed =
      i18n::tr("{} unit-{} changed", changed, changed == 1 ? text::period_noun(word) : text::period_plural_noun(word));
  std::string units_text = i18n::trn("{} unit", "{} units", unit_subsidies, unit_subsidies);
  std::string people_text = i18n::trn("{} role holder", "{} role holders", people, people);
  out << i18n::tr("summary: {}; flags: {} gained, {} lost; subsidies changed: {}, {}\n", periods_changed,
                  impact.flags_gained, impact.flags_lost, units_text, people_text);
  int current = -1;
  for (const auto& c : impact.periods) {
    if (c.period != current) {
      current = c.period;
      out << fmt::format("\n{}\n", impact.from.compiled.periods.text(c.period));
    }
    std::vector<std::string> parts;
    if (c.old_score != c.new_score) parts.push_back(i18n::tr("score {} → {}", c.old_score.to_string(), c.new_score.to_string()));
    if (c.old_rank != c.new_rank) parts.push_back(i18n::tr("rank {} → {}", rank_text(c.old_rank), rank_text(c.new_rank)));
    if (c.old_flag != c.new_flag) parts.push_back(c.new_flag ? i18n::text("gains the flag") : i18n::text("loses the flag"));
    if (c.old_vetoed != c.new_vetoed) {
      parts.push_back(c.new_vetoed ? i18n::tr("now vetoed ({})", fmt::join(c.veto_reasons, ", "))
                                   : i18n::tr("no longer vetoed ({})", fmt::join(c.veto_reasons, ", ")));
    }
    out << fmt::format("  {}  {}\n", text::pad(units[c.unit], 6), fmt::join(parts, text::clause_separator()));
    for (const auto& r : c.rules) {
      out << "          "
          << i18n::tr("{} ({}): {}", r.title, r.rule,
                      fmt::format("{} → {}", r.old_total.to_signed_string(), r.new_total.to_signed_string()))
          << "\n";
    }
  }
  if (!impact.years.empty() || !impact.people.empty()) {
    out << i18n::tr("\nyear {}\n", impact.from.result->year()->year);
    for (const auto& y : impact.years) {
      std::vector<std::string> parts;
      if (y.old_flags != y.new_flags) parts.push_back(i18n::tr("flags {} → {}", y.old_flags, y.new_flags));
      if (y.old_rank != y.new_rank) parts.push_back(i18n::tr("rank {} → {}", y.old_rank, y.new_rank));
      if (y.old_subsidy != y.new_subsidy) {
        parts.push_back(y.new_subsidy > y.old_subsidy
                            ? i18n::tr("subsidy {}% → {}% (gains)", y.old_subsidy.to_string(), y.new_subsidy.to_string())
                            : i18n::tr("subsidy {}% → {}% (loses)", y.old_subsidy.to_string(), y.new_subsidy.to_string()));
      }
      out << i18n::tr("  unit {}  {}\n", text::pad(units[y.unit], 6), fmt::join(parts, text::clause_separator()));
    }
    for (const auto& p : impact.people) {
      const auto& person = impact.from.people.people[p.person];
      out << (p.new_subsidy > p.old_subsidy
                  ? i18n::tr("  {} {} ({})  subsidy {}% → {}% (gains)\n", role_name(impact.from, person.role), person.id, units[person.unit],
                             p.old_subsidy.to_string(), p.new_subsidy.to_string())
                  : i18n::tr("  {} {} ({})  subsidy {}% → {}% (loses)\n", role_name(impact.from, person.role), person.id, units[person.unit],
                             p.old_subsidy.to_string(), p.new_subsidy.to_string()));
    }
  }
}

void render_impact_json(const impact_run& impact, std::ostream& out) {
  using text::json_string;
  const auto& units = impact.from.people.units;
  out << "{\"from\": ";
  render_json(impact.from, out);
  out << ", \"to\": ";
  render_json(impact.to, out);
  // Named after the cadence: "unit_months_changed" and "type": "month" for a monthly rubric.
  const std::string word(impact.from.compiled.periods.word()), plural = impact.from.compiled.periods.plural();
  out << fmt::format(
      ", \"summary\": {{\"unit_{}_changed\": {}, \"flags_gained\": {}, \"flags_lost\": {}, "
      "\"unit_subsidies_changed\": {}, \"role_holder_subsidies_changed\": {}}},\n\"changes\": [",
      plural, impact.periods.size(), impact.flags_gained, impact.flags_lost, impact.unit_subsidies_changed,
      impact.people.size());
  bool first = true;
  auto rank_json = [](std::uint32_t r) { return r ? std::to_string(r) : std::string("null"); };
  for (const auto& c : impact.periods) {
    std::string rules;
    for (const auto& r : c.rules) {
      rules += fmt::format("{}{{\"rule\": {}, \"label\": {}, \"old\": {}, \"new\": {}}}", rules.empty() ? "" : ", ",
                           json_string(r.rule), json_string(r.title), r.old_total.to_string(), r.new_total.to_string());
    }
    out << fmt::format(
        "{}\n  {{\"type\": \"{}\", \"{}\": \"{}\", \"unit\": {}, \"score\": [{}, {}], \"rank\": [{}, {}], "
        "\"red_flag\": [{}, {}], \"vetoed\": [{}, {}], \"rules\": [{}]}}",
        first ? "" : ",", word, word, impact.from.compiled.periods.text(c.period), json_string(units[c.unit]), c.old_score.to_string(),
        c.new_score.to_string(), rank_json(c.old_rank), rank_json(c.new_rank), c.old_flag, c.new_flag, c.old_vetoed,
        c.new_vetoed, rules);
    first = false;
  }
  for (const auto& y : impact.years) {
    out << fmt::format(
        "{}\n  {{\"type\": \"year\", \"unit\": {}, \"red_flags\": [{}, {}], \"rank\": [{}, {}], \"subsidy_percent\": [{}, "
        "{}]}}",
        first ? "" : ",", json_string(units[y.unit]), y.old_flags, y.new_flags, y.old_rank, y.new_rank,
        y.old_subsidy.to_string(), y.new_subsidy.to_string());
    first = false;
  }
  for (const auto& p : impact.people) {
    out << fmt::format("{}\n  {{\"type\": \"role_holder\", \"person\": {}, \"subsidy_percent\": [{}, {}]}}", first ? "" : ",",
                       json_string(impact.from.people.people[p.person].id), p.old_subsidy.to_string(),
                       p.new_subsidy.to_string());
    first = false;
  }
  out << "\n]}\n";
}

}  // namespace rubric::engine
