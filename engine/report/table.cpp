// The human-readable report: per month the ranking with per-area subtotals, then the year-end
// awards. Columns line up in a terminal, Chinese labels included.
#include <algorithm>

#include <fmt/format.h>

#include "lang/i18n.hpp"

#include "engine/consequences.hpp"
#include "engine/report/report.hpp"
#include "engine/report/text.hpp"

namespace rubric::engine {

namespace {

using text::table;
// Ids and labels come from data and rubrics: every line around the tables is made terminal-safe.
using lang::terminal_safe;

std::string short_hash(const std::string& sha) { return sha.substr(0, 12); }

// A period's units are shown in rank order, but their records lie in roster order: each line
// would wait for memory. Asking for the record and area totals some lines ahead hides the wait.
constexpr std::size_t prefetch_distance = 16;
void prefetch_unit(const period_result& m, std::uint32_t unit) {
  __builtin_prefetch(&m.units[unit]);
  if (m.areas) __builtin_prefetch(&m.area_totals[unit * m.areas]);
}


}  // namespace

std::string role_name(const score_run& run, const std::string& role) {
  for (auto v = run.rubric.versions.rbegin(); v != run.rubric.versions.rend(); ++v) {
    for (const auto* r : v->symbols.roles) {
      if (r->id.text == role) return text::reader_name(role, r->title.text);
    }
  }
  return role;
}

void render_table(const score_run& run, std::ostream& stream) {
  const auto& versions = run.compiled.versions;
  const score_result& result = *run.result;
  std::string out;
  for (const auto& m : result.periods) {
    const version_plan& v = versions[m.version];
    out += i18n::tr("{} — {}, version {} (sha256 {})\n", v.title, run.compiled.periods.text(m.period), v.id, short_hash(v.sha256));
    if (m.events_recorded == 0) {
      out += i18n::tr("no events recorded this {}: no ranking and no distinction\n", text::period_noun(run.compiled.periods.word()));
    } else if (!v.has_ranking) {
      out += i18n::text("this version ranks no unit: scores and grades only\n");
    }
    table t;
    t.headers = {i18n::text("rank"), i18n::text("unit"), i18n::text("score")};
    t.right = {true, false, true};
    // The column that groups the ranking (`within each` or `rank each ... by its average score`).
    int grouping = v.ranking_within >= 0 ? v.ranking_within : v.ranking_groups;
    if (grouping >= 0) {
      t.headers.insert(t.headers.begin(), run.compiled.roster_columns.attributes[static_cast<std::size_t>(grouping)].name);
      t.right.insert(t.right.begin(), false);
    }
    for (const auto& a : v.areas) {
      t.headers.push_back(a.title);
      t.right.push_back(true);
    }
    t.headers.insert(t.headers.end(), {i18n::text("deductions"), i18n::text("flag"), i18n::text("veto")});
    t.right.insert(t.right.end(), {true, false, false});
    if (!v.grades.empty()) {
      t.headers.push_back(i18n::text("grade"));
      t.right.push_back(false);
    }
    if (v.has_consequences) {
      t.headers.push_back(i18n::text("consequences"));
      t.right.push_back(false);
    }
    const bool balances = !m.balances.empty();
    if (balances) {
      t.headers.insert(t.headers.end(), {i18n::text("opening balance"), i18n::text("redeemed"), i18n::text("closing balance")});
      t.right.insert(t.right.end(), {true, true, true});
    }
    t.rows.reserve(m.order.size());
    for (std::size_t k = 0; k < m.order.size(); ++k) {
      // Units come in rank order, their records in roster order: fetch a few lines ahead.
      if (k + prefetch_distance < m.order.size()) prefetch_unit(m, m.order[k + prefetch_distance]);
      const std::uint32_t u = m.order[k];
      const unit_period& um = m.units[u];
      std::vector<std::string> row = {um.has_rank() ? std::to_string(um.rank) : "-", run.people.units[u],
                                      um.score.to_string()};
      if (grouping >= 0) {
        const auto& column = run.compiled.roster_columns.attributes[static_cast<std::size_t>(grouping)];
        const event_values& values = run.people.columns[u];
        bool present = (values.present >> grouping) & 1;
        row.insert(row.begin(), present ? column.choices[static_cast<std::size_t>(values.values[grouping])] : "-");
      }
      for (std::size_t a = 0; a < m.areas; ++a) row.push_back(m.area_total(u, a).to_signed_string());
      row.push_back(std::to_string(um.deductions));
      std::string flags;
      for (std::size_t d = 0; d < v.distinctions.size(); ++d) {
        if (um.received(d)) flags += (flags.empty() ? "" : ", ") + v.distinctions[d].title;
      }
      row.push_back(flags);
      std::string reasons;
      for (std::size_t veto = 0; veto < v.vetoes.size(); ++veto) {
        if ((um.vetoes >> veto) & 1) reasons += (reasons.empty() ? "" : ", ") + v.vetoes[veto].reason;
      }
      row.push_back(reasons);
      if (um.grade) row.push_back(v.grades[um.grade - 1u].title);
      if ((v.has_consequences || balances) && !v.grades.empty() && !um.grade) row.emplace_back();  // the grade's cell, empty
      if (v.has_consequences) row.push_back(consequences_line(run.compiled.periods, v, m, u, i18n::text("; ")));
      if (balances) {
        const balance_entry& b = m.balances[u];
        row.insert(row.end(), {b.opening.to_string(), b.spent.to_string(), b.closing.to_string()});
      }
      t.rows.push_back(std::move(row));
    }
    stream << terminal_safe(out, true) << t.render() << "\n";
    out.clear();
    if (!m.groups.empty()) {
      table groups;
      groups.headers = {i18n::text("rank"),          i18n::text("group"),      i18n::text("members"),
                        i18n::text("average score"), i18n::text("deductions"), i18n::text("flag")};
      groups.right = {true, false, true, true, true, false};
      std::vector<std::uint32_t> order = groups_by_rank(m);
      for (auto g : order) {
        const group_result& group = m.groups[g];
        std::string flags;
        for (std::size_t d = 0; d < v.distinctions.size(); ++d) {
          if ((group.distinctions >> d) & 1) flags += (flags.empty() ? "" : ", ") + v.distinctions[d].title;
        }
        groups.rows.push_back({group.rank ? std::to_string(group.rank) : "-", group.value, std::to_string(group.members),
                               group.members ? group.score.to_string() : "-", std::to_string(group.deductions),
                               group.excluded ? i18n::text("vetoed") : flags});
      }
      stream << groups.render() << "\n";
    }
  }
  for (const year_result& y : result.windows) {
    const version_plan& v = versions[y.version];
    lang::calendar window(y.window_period);
    out += i18n::tr("{} — {} {} ({} to {}), awards under version {} (sha256 {})\n", v.title, text::period_noun(window.word()),
                       window.text(y.window), run.compiled.periods.text(y.periods.front()),
                       run.compiled.periods.text(y.periods.back()), v.id, short_hash(v.sha256));
    table t;
    t.headers = {i18n::text("rank"), i18n::text("unit")};
    t.right = {true, false};
    for (const auto& d : v.distinctions) {
      t.headers.push_back(d.title);
      t.right.push_back(true);
    }
    for (const auto& g : v.grades) {
      t.headers.push_back(g.title);
      t.right.push_back(true);
    }
    t.headers.insert(t.headers.end(), {i18n::text("total score"), i18n::text("subsidy")});
    t.right.insert(t.right.end(), {true, true});
    bool unit_titles = false;
    for (const auto& title : v.titles) unit_titles = unit_titles || title.role.empty();
    if (unit_titles) {
      t.headers.push_back(i18n::text("titles"));
      t.right.push_back(false);
    }
    auto titles_of = [&](std::uint64_t bits) {
      std::string text;
      for (std::size_t i = 0; i < v.titles.size(); ++i) {
        if ((bits >> i) & 1) text += (text.empty() ? "" : ", ") + v.titles[i].title;
      }
      return text;
    };
    for (auto u : y.order) {
      const year_unit& yu = y.units[u];
      std::vector<std::string> row = {yu.rank ? std::to_string(yu.rank) : "-", run.people.units[u]};
      for (auto c : yu.distinction_counts) row.push_back(std::to_string(c));
      row.push_back(yu.total_score.to_string());
      row.push_back(yu.subsidy_percent.is_zero() ? "-" : yu.subsidy_percent.to_string() + "%");
      if (unit_titles) row.push_back(titles_of(yu.titles));
      t.rows.push_back(std::move(row));
    }
    out += t.render() + "\n";
    for (const auto& h : y.people) {
      if (h.titles) {
        const person_entry& p = run.people.people[h.person];
        out += i18n::tr("{}: {} ({}, unit {})\n", titles_of(h.titles), p.id, role_name(run, p.role), run.people.units[p.unit]);
      }
    }
    if (v.role_award && &y == result.year()) {
      out += i18n::tr("{} ({}%)\n", v.role_award->title, decimal::from_units(v.role_award->percent).to_string());
      table people;
      people.headers = {i18n::text("person"), i18n::text("role"), i18n::text("unit")};
      people.right = {false, false, false};
      for (std::size_t t = 0; t < v.role_award->tests.size(); ++t) {
        people.headers.push_back(fmt::format("#{}", t + 1));
        people.right.push_back(true);
      }
      people.headers.push_back(i18n::text("subsidy"));
      people.right.push_back(true);
      for (const auto& h : y.people) {
        const person_entry& p = run.people.people[h.person];
        std::vector<std::string> row = {p.id, role_name(run, p.role), run.people.units[p.unit]};
        for (auto c : h.test_counts) row.push_back(std::to_string(c));
        row.push_back(h.qualified ? h.subsidy_percent.to_string() + "%" : "-");
        people.rows.push_back(std::move(row));
      }
      out += people.render();
      for (std::size_t t = 0; t < v.role_award->tests.size(); ++t) {
        out += i18n::tr("  #{}: events counted for `{}`\n", t + 1, v.role_award->tests[t].text);
      }
      out += "\n";
    }
  }
  out += i18n::tr("{} events scored, {} outside the period, {} rows rejected, {} events before the first version\n",
                     run.counts.scored, run.counts.outside, run.counts.rejected, run.counts.not_scored);
  stream << terminal_safe(out, true);
}

std::vector<std::uint32_t> groups_by_rank(const period_result& period) {
  std::vector<std::uint32_t> order(period.groups.size());
  for (std::uint32_t g = 0; g < order.size(); ++g) order[g] = g;
  auto rank = [&](std::uint32_t g) { return period.groups[g].rank ? period.groups[g].rank : 0xffffffffu; };
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return rank(a) < rank(b); });
  return order;
}

}  // namespace rubric::engine
