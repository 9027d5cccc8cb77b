// `rubric explain`: a unit's period (a month, a week, ...) built up line by line from the evaluator's decisions, for a
// resident who questions the result.
#include <algorithm>
#include <tuple>

#include <fmt/format.h>

#include "lang/i18n.hpp"

#include "engine/consequences.hpp"
#include "engine/rank.hpp"
#include "engine/report/report.hpp"
#include "engine/report/text.hpp"

namespace rubric::engine {

namespace {

std::string date_text(const decoded_event& e) {
  return fmt::format("{:04}-{:02}-{:02}", e.year, e.month, e.day);
}

std::string key_name(order_key key) { return key == order_key::deductions ? i18n::text("deductions") : i18n::text("score"); }

std::string key_value(const unit_period& um, order_key key) {
  return key == order_key::deductions ? std::to_string(um.deductions) : um.score.to_string();
}

// "equal score 105, then fewer deductions (0 vs 1)": the keys that tied, then the one that decided.
std::string decided_on(const std::vector<std::string>& equal, const std::string& how, const std::string& a,
                       const std::string& b) {
  std::string prefix = equal.empty() ? "" : i18n::tr("equal {}, then ", fmt::join(equal, i18n::text(" and ")));
  return i18n::tr("{}{} ({} vs {})", prefix, how, a, b);
}

// A distinction named as the reader knows it (its label in Chinese).
const std::string& distinction_name(const version_plan& v, const std::string& id) {
  for (const auto& d : v.distinctions) {
    if (d.id == id) return text::reader_name(d.id, d.title);
  }
  return id;
}

// "the top 5% of 40 ranked units is 2 (rounded down, at least 1)": how a share's places were counted.
std::string share_words(const share_plan& share, std::size_t participants) {
  std::string percent = decimal::from_units(share.percent).to_string();
  auto n = static_cast<std::uint32_t>(participants);
  std::uint32_t count = share_count(share.percent, n);
  switch (share.kind) {
    case share_kind::next:
      return i18n::tr("the next {}% of {} ranked units is {} (rounded down, at least 1)", percent, n, count);
    case share_kind::bottom:
      return i18n::tr("the bottom {}% of {} ranked units is {} (rounded down, at least 1)", percent, n, count);
    default:
      return i18n::tr("the top {}% of {} ranked units is {} (rounded down, at least 1)", percent, n, count);
  }
}

// Why `ahead` ranks before `behind`: the first ordering key on which they differ.
std::string decided_by(const version_plan& v, const unit_period& ahead, const unit_period& behind) {
  std::vector<std::string> equal;
  for (const auto& term : v.ranking_order) {
    std::string a = key_value(ahead, term.key), b = key_value(behind, term.key);
    if (a != b) {
      std::string how = term.key == order_key::deductions
                            ? (term.descending ? i18n::text("more deductions") : i18n::text("fewer deductions"))
                            : (term.descending ? i18n::text("higher score") : i18n::text("lower score"));
      return decided_on(equal, how, a, b);
    }
    equal.push_back(fmt::format("{} {}", key_name(term.key), a));
  }
  return i18n::tr("equal on every key ({}): they share the rank", fmt::join(equal, ", "));
}

}  // namespace

std::string ranking_decided_by(const version_plan& version, const unit_period& ahead, const unit_period& behind) {
  return decided_by(version, ahead, behind);
}

// "not eligible for `red_flag` this month; score set to 0 this year"
std::string effects_text(const version_plan& version, const veto_plan& veto, std::string_view period) {
  std::vector<std::string> parts;
  for (const auto& e : veto.effects) {
    std::string action = e.what == lang::ast::veto_effect::action::not_eligible
                             ? i18n::tr("not eligible for `{}`", distinction_name(version, e.distinction))
                         : e.what == lang::ast::veto_effect::action::score_set
                             ? i18n::tr("score set to {}", decimal::from_units(e.score).to_string())
                             : i18n::text("lowest grade");
    std::string when = e.and_next_year  ? i18n::text(" this and next year")
                       : e.rest_of_year ? i18n::text(" for the rest of the year")
                                        : i18n::tr(" this {}", text::period_noun(period));
    // The action, then when: Chinese says when first.
    parts.push_back(i18n::tr("{}{}", action, when));
  }
  return fmt::format("{}", fmt::join(parts, "; "));
}

explanation::line explanation::start(const row_origin& origin, const decoded_event& event) const {
  line l;
  l.date = date_text(event);
  l.file = origin.file ? *origin.file : "";
  l.row_line = origin.line;
  l.row_text = std::string(origin.raw);
  l.event = event;
  const kind_plan& kind = plan_->versions[event.version].kinds[event.kind];
  l.kind = text::reader_name(kind.name, kind.title);
  return l;
}

void explanation::on_amount(const row_origin& o, const decoded_event& e, const rule_plan& rule, decimal amount) {
  line l = start(o, e);
  l.rule = rule.id;
  l.rule_title = rule.title;
  l.amount = amount;
  events_.push_back(std::move(l));
}

namespace {

const attribute_plan& attribute_of(const plan& p, const decoded_event& e, int attribute) {
  return p.versions[e.version].kinds[e.kind].attributes[static_cast<std::size_t>(attribute)];
}

// A kind, attribute or choice as the reader knows it: in Chinese the label the rubric gives it
// (时长, not `hours`), else its name as the rubric writes it.
std::string shown_name(const std::string& name, const std::string& label) {
  if (i18n::current_language() == i18n::language::zh && !label.empty()) return label;
  return fmt::format("`{}`", name);
}
std::string shown_value(const attribute_plan& attribute, std::size_t choice) {
  bool labelled = choice < attribute.choice_labels.size() && !attribute.choice_labels[choice].empty();
  if (i18n::current_language() == i18n::language::zh && labelled) return attribute.choice_labels[choice];
  return attribute.choices[choice];
}

}  // namespace

void explanation::on_summed(const row_origin& o, const decoded_event& e, const rule_plan& rule, decimal value) {
  line l = start(o, e);
  l.rule = rule.id;
  l.rule_title = rule.title;
  bool average = rule.form == rule_form::average;
  const auto& summed = attribute_of(*plan_, e, rule.value_attribute);
  std::string attribute = shown_name(summed.name, summed.label);
  l.note = average ? i18n::tr("counts {} to the {}'s average of {}", value.to_string(), noun(), attribute)
                   : i18n::tr("adds {} to the {}'s total of {}", value.to_string(), noun(), attribute);
  events_.push_back(std::move(l));
}

void explanation::on_counted(const row_origin& o, const decoded_event& e, const rule_plan& rule) {
  line l = start(o, e);
  l.rule = rule.id;
  l.rule_title = rule.title;
  if (rule.form == rule_form::distinct) {
    const auto& attribute = attribute_of(*plan_, e, rule.value_attribute);
    l.note = i18n::tr("{} is {}: one of the different values counted", shown_name(attribute.name, attribute.label),
                      shown_value(attribute, static_cast<std::size_t>(e.values.values[rule.value_attribute])));
  } else {
    l.note = i18n::tr("recorded, so the {} is not free of them", noun());
  }
  events_.push_back(std::move(l));
}

void explanation::on_budget(const area_plan& area, decimal before, decimal after) {
  period_end_.push_back(i18n::tr("{} ({}): worth {}; deductions of {} stop at {}", area.title, area.id,
                                   decimal::from_units(area.budget.value_or(0)).to_string(), before.to_signed_string(),
                                   after.to_signed_string()));
}

void explanation::on_redemption(const row_origin& o, const decoded_event& e, const balance_plan& balance, decimal points,
                                bool granted, decimal left) {
  line l = start(o, e);
  l.note = granted ? i18n::tr("redeems {} points of {} ({}): {} left", points.to_string(), balance.title, balance.id,
                              left.to_string())
                   : i18n::tr("redemption of {} points refused: {} ({}) holds {}, and {} must stay", points.to_string(),
                              balance.title, balance.id, left.to_string(),
                              decimal::from_units(balance.floor).to_string());
  events_.push_back(std::move(l));
}

void explanation::on_balance(const balance_plan& balance, const balance_entry& b) {
  period_end_.push_back(i18n::tr("{} ({}): opening {}{}, this {}'s score {}, redeemed {} → closing {}", balance.title,
                                 balance.id, b.opening.to_string(), b.reset ? i18n::text(" (reset)") : std::string(),
                                 noun(), b.earned.to_signed_string(), b.spent.to_string(), b.closing.to_string()));
  if (b.refused) {
    period_end_.push_back(i18n::tr("{} ({}): {} redemptions refused", balance.title, balance.id, b.refused));
  }
}

void explanation::on_ordered(const row_origin& o, const decoded_event& e, const rule_plan& rule, decimal amount,
                             const std::string& why) {
  line l = start(o, e);
  l.rule = rule.id;
  l.rule_title = rule.title;
  l.amount = amount;
  l.note = why;
  l.amount_with_note = true;
  events_.push_back(std::move(l));
}

void explanation::on_lasting_veto(const veto_plan& veto, int period) {
  lasting_.push_back(i18n::tr("veto from {}: {} — still in effect", plan_->periods.text(period), veto.reason));
}

void explanation::on_exempt(const row_origin& o, const decoded_event& e, const rule_plan& rule, const exemption_plan& ex) {
  line l = start(o, e);
  l.rule = rule.id;
  l.rule_title = rule.title;
  l.note = i18n::tr("exempt: {} (counts nothing, not a deduction)", ex.reason);
  l.amount = decimal{};
  events_.push_back(std::move(l));
}

void explanation::on_uncounted(const row_origin& o, const decoded_event& e) {
  line l = start(o, e);
  const version_plan& v = plan_->versions[e.version];
  const kind_plan& kind = v.kinds[e.kind];
  if (kind.rules.empty()) {
    l.note = i18n::text("no rule scores this kind of event");
  } else {
    std::vector<std::string> rules;
    for (auto r : kind.rules) rules.push_back(i18n::tr("{} ({})", v.rules[r].title, v.rules[r].id));
    l.note = i18n::tr("not counted: {} counts only some {} events, not this one", fmt::join(rules, ", "),
                      shown_name(kind.name, kind.title));
  }
  events_.push_back(std::move(l));
}

void explanation::on_veto(const row_origin& o, const decoded_event& e, const veto_plan& veto) {
  line l = start(o, e);
  l.note = i18n::tr("veto: {} — {}", veto.reason, effects_text(plan_->versions[e.version], veto, word()));
  events_.push_back(std::move(l));
}

void explanation::on_aggregate(const rule_plan& rule, decimal total, decimal points) {
  switch (rule.form) {
    case rule_form::absence:
      period_end_.push_back(total.is_zero()
                               ? i18n::tr("{} ({}): none recorded this {} → {}", rule.title, rule.id, noun(),
                                          points.to_signed_string())
                               : i18n::tr("{} ({}): {} recorded this {} → 0", rule.title, rule.id, total.to_string(), noun()));
      break;
    case rule_form::distinct:
      period_end_.push_back(i18n::trn("{} ({}): {} different value → {} ({} each)",
                                      "{} ({}): {} different values → {} ({} each)",
                                      total == decimal::from_units(decimal::scale) ? 1 : 2, rule.title, rule.id,
                                      total.to_string(), points.to_signed_string(),
                                      decimal::from_units(rule.points).to_signed_string()));
      break;
    case rule_form::average:
      period_end_.push_back(i18n::tr("{} ({}): the {}'s average {} × {} → {} (rounded to 0.000001)", rule.title,
                                       rule.id, noun(), total.to_string(), decimal::from_units(rule.points).to_string(),
                                       points.to_signed_string()));
      break;
    default:
      period_end_.push_back(i18n::tr("{} ({}): the {}'s total {} → {} ({} per full {})", rule.title, rule.id, noun(),
                                       total.to_string(), points.to_signed_string(),
                                       decimal::from_units(rule.total_points).to_signed_string(),
                                       decimal::from_units(rule.total_step).to_string()));
  }
}

void explanation::on_cap(const rule_plan& rule, decimal before, decimal after) {
  period_end_.push_back(i18n::tr("{} ({}): capped at {} per {}; {} becomes {}", rule.title, rule.id,
                                   after.to_signed_string(), noun(), before.to_signed_string(), after.to_signed_string()));
}

// Ids, labels and echoed rows come from data and rubrics: what is printed is made terminal-safe.
std::string explanation::render(const score_run& run) const { return lang::terminal_safe(render_lines(run), true); }

std::string explanation::render_lines(const score_run& run) const {
  const period_result& m = run.result->periods.front();
  const version_plan& v = run.compiled.versions[m.version];
  std::uint32_t unit = *run.trace_unit;
  const unit_period& um = m.units[unit];
  std::string out;
  out += i18n::tr("Unit {}, {} — {}, version {} (sha256 {})\n\n", run.people.units[unit], run.compiled.periods.text(m.period),
                     v.title, v.id, v.sha256.substr(0, 12));
  // The base score's value ends where the amounts of the event lines end.
  const std::string base_label = i18n::text("base score");
  out += "  " + base_label + " " +
         text::pad(decimal::from_units(v.base).to_string(), 57 - std::min<std::size_t>(lang::display_width(base_label), 56), true) +
         "\n";

  std::vector<line> events = events_;
  std::stable_sort(events.begin(), events.end(), [](const line& a, const line& b) { return a.date < b.date; });
  if (events.empty()) out += i18n::tr("  no events recorded for this unit this {}\n", noun());
  for (const auto& l : events) {
    std::string what = l.rule.empty()   ? l.note
                       : l.note.empty() ? i18n::tr("{} ({})", l.rule_title, l.rule)
                                        : i18n::tr("{} ({}): {}", l.rule_title, l.rule, l.note);
    std::string amount = l.amount && (l.note.empty() || l.amount_with_note) ? l.amount->to_signed_string()
                         : l.amount                                       ? "0"
                                                                          : "";
    std::string row = fmt::format("  {}  {}  {}{}", l.date, text::pad(l.kind, 12), text::pad(what, 44),
                                  amount.empty() ? "" : text::pad(amount, 6, true));
    while (!row.empty() && row.back() == ' ') row.pop_back();
    out += row + "\n";
    out += fmt::format("              {}:{}: {}\n", l.file, l.row_line, l.row_text);
  }
  if (!period_end_.empty()) {
    out += i18n::tr("\n  at the {}'s end:\n", noun());
    for (const auto& s : period_end_) out += "    " + s + "\n";
  }
  std::vector<std::string> areas;
  for (std::size_t a = 0; a < v.areas.size(); ++a) {
    areas.push_back(fmt::format("{} {}", v.areas[a].title, m.area_total(unit, a).to_signed_string()));
  }
  out += areas.empty() ? i18n::text("\n  by area:")
                       : i18n::tr("\n  by area: {}", fmt::join(areas, text::clause_separator()));
  std::int64_t by_rules = v.base;
  for (std::size_t a = 0; a < v.areas.size(); ++a) by_rules += m.area_total(unit, a).units();
  std::string set_by_veto =
      by_rules != um.score.units()
          ? i18n::tr(" (set by a veto; the rules give {})", decimal::from_units(by_rules).to_string())
          : std::string();
  out += i18n::trn("\n  final score {}, with {} deduction{}\n", "\n  final score {}, with {} deductions{}\n", um.deductions,
                   um.score.to_string(), um.deductions, set_by_veto);
  for (const auto& s : lasting_) out += "  " + s + "\n";
  if (um.grade != 0) {
    const grade_plan& g = v.grades[um.grade - 1u];
    out += i18n::tr("  grade: {} ({}){}\n", g.title, g.id,
                    g.at_least ? i18n::tr(", score at least {}", decimal::from_units(*g.at_least).to_string())
                               : i18n::text(", the lowest grade"));
  }

  if (um.vetoed()) {
    for (std::size_t veto = 0; veto < v.vetoes.size(); ++veto) {
      if (!((um.vetoes >> veto) & 1)) continue;
      out += i18n::tr("  vetoed: {} — {}\n", v.vetoes[veto].reason, effects_text(v, v.vetoes[veto], word()));
    }
  }
  for (const auto& applied : consequences_of(v, m, unit)) {
    out += i18n::tr("  consequence: {} — {}\n", consequence_text(run.compiled.periods, m, *applied.what), applied.because);
  }
  if (m.events_recorded == 0 && !um.has_rank()) {
    out += i18n::tr("  no events recorded this {} for any unit: no ranking and no distinction\n", noun());
    return out;
  }
  if (!v.has_ranking) {
    out += i18n::text("  not ranked: this version has no ranking; units are scored and graded only\n");
    return out;
  }
  if (um.excluded) {
    out += i18n::tr("  the unit gets no rank and no distinction this {}\n", noun());
    return out;
  }
  if (um.filtered) {
    std::vector<std::string> filters;
    for (const auto& f : v.ranking_filter_texts) filters.push_back(i18n::tr("only where {}", f));
    if (v.ranking_min_grade) {
      const grade_plan& needed = v.grades[*v.ranking_min_grade];
      filters.push_back(i18n::tr("only units graded at least {} ({})", needed.title, needed.id));
    }
    out += i18n::tr("  not ranked: the ranking takes {}\n", fmt::join(filters, "; "));
    return out;
  }
  if (!m.groups.empty()) {
    // Ranked as a member of its group: the group's average decides, for every member alike.
    auto column = static_cast<std::size_t>(v.ranking_groups);
    const group_result& g = m.groups[static_cast<std::size_t>(run.people.columns[unit].values[column])];
    std::size_t ranked_groups = 0;
    for (const auto& other : m.groups) ranked_groups += other.rank ? 1 : 0;
    const std::string& column_name = run.compiled.roster_columns.attributes[column].name;
    out += i18n::trn("  group {} ({}): average of {} member {}, deductions {}\n",
                     "  group {} ({}): average of {} members {}, deductions {}\n", g.members, g.value, column_name,
                     g.members, g.score.to_string(), g.deductions);
    if (!g.rank) {
      out += i18n::text("  the group is not ranked: a member's veto excludes it\n");
      return out;
    }
    out += i18n::tr("  group rank {} of {} ranked groups; every member shares it\n", g.rank, ranked_groups);
    for (std::size_t d = 0; d < v.distinctions.size(); ++d) {
      out += i18n::tr("  {}: {}\n", v.distinctions[d].title, text::yes_no((g.distinctions >> d) & 1));
    }
    return out;
  }
  // With `within each COLUMN`, a unit is ranked among the units sharing its value.
  auto same_ranking = [&](std::uint32_t other) {
    if (v.ranking_within < 0) return true;
    auto column = static_cast<std::size_t>(v.ranking_within);
    return run.people.columns[other].values[column] == run.people.columns[unit].values[column];
  };
  std::vector<std::uint32_t> peers;
  for (std::uint32_t u : m.order) {
    if (m.units[u].has_rank() && same_ranking(u)) peers.push_back(u);
  }
  std::string among = i18n::text("ranked units");
  if (v.ranking_within >= 0) {
    const auto& column = run.compiled.roster_columns.attributes[static_cast<std::size_t>(v.ranking_within)];
    among = i18n::tr("ranked units with {} {}", column.name,
                        column.choices[static_cast<std::size_t>(run.people.columns[unit].values[static_cast<std::size_t>(v.ranking_within)])]);
  }
  out += i18n::tr("  rank {} of {} {}\n", um.rank, peers.size(), among);
  auto position = std::find(peers.begin(), peers.end(), unit) - peers.begin();
  if (position > 0) {
    std::uint32_t above = peers[static_cast<std::size_t>(position - 1)];
    out += i18n::tr("    next above: {} (rank {}): {}\n", run.people.units[above], m.units[above].rank,
                       decided_by(v, m.units[above], um));
  }
  if (static_cast<std::size_t>(position + 1) < peers.size()) {
    std::uint32_t below = peers[static_cast<std::size_t>(position + 1)];
    out += i18n::tr("    next below: {} (rank {}): {}\n", run.people.units[below], m.units[below].rank,
                       decided_by(v, um, m.units[below]));
  }
  std::vector<distinction_plan> placed = v.distinctions;
  place_shares(placed, static_cast<std::uint32_t>(peers.size()));
  for (std::size_t d = 0; d < placed.size(); ++d) {
    const auto& dist = placed[d];
    std::string recipients = distinction_recipients(dist);
    if (dist.share.kind != share_kind::none) recipients = i18n::tr("{}: {}", share_words(dist.share, peers.size()), recipients);
    out += i18n::tr("  {}: {} ({})\n", dist.title, text::yes_no(um.received(d)), recipients);
  }
  return out;
}

namespace {

std::uint32_t count_in(const year_result& y, const year_unit& yu, const std::string& id) {
  for (std::size_t d = 0; d < y.distinctions.size(); ++d) {
    if (y.distinctions[d] == id) return yu.distinction_counts[d];
  }
  return 0;
}

// Why `ahead` is placed before `behind` in the awards: the first key on which they differ.
std::string awards_decided_by(const version_plan& v, const year_result& y, const year_unit& ahead, const year_unit& behind) {
  std::vector<std::string> equal;
  for (const auto& term : v.awards_order) {
    bool total = term.key == order_key::total_score;
    std::string name = total ? i18n::text("total score") : distinction_name(v, term.distinction);
    std::string a = total ? ahead.total_score.to_string() : std::to_string(count_in(y, ahead, term.distinction));
    std::string b = total ? behind.total_score.to_string() : std::to_string(count_in(y, behind, term.distinction));
    if (a != b) {
      std::string how = total ? (term.descending ? i18n::text("higher total score") : i18n::text("lower total score"))
                              : term.descending ? i18n::tr("more {}", distinction_name(v, term.distinction))
                                                : i18n::tr("fewer {}", distinction_name(v, term.distinction));
      return decided_on(equal, how, a, b);
    }
    equal.push_back(fmt::format("{} {}", name, a));
  }
  return i18n::tr("equal on every key ({}): they share the rank", fmt::join(equal, ", "));
}

}  // namespace

static std::string awards_lines(const score_run& run, std::uint32_t unit) {
  std::string out;
  const auto& periods = run.compiled.periods;
  for (const year_result& y : run.result->windows) {
    const version_plan& v = run.compiled.versions[y.version];
    lang::calendar window(y.window_period);
    const year_unit& yu = y.units[unit];
    out += i18n::tr("Unit {}, {} {} — {}, awards under version {} (sha256 {})\n\n", run.people.units[unit],
                       text::period_noun(window.word()), window.text(y.window), v.title, v.id, v.sha256.substr(0, 12));
    out += i18n::tr("  {} scored: {} to {} ({})\n", text::period_plural_noun(periods.word()), periods.text(y.periods.front()),
                       periods.text(y.periods.back()), y.periods.size());
    for (std::size_t d = 0; d < y.distinctions.size(); ++d) {
      std::string title;
      for (const auto& dist : v.distinctions) {
        if (dist.id == y.distinctions[d]) title = dist.title;
      }
      for (const auto& g : v.grades) {
        if (g.id == y.distinctions[d]) title = i18n::tr("graded {}", g.title);
      }
      out += i18n::tr("  {} ({}): {}\n", title, y.distinctions[d],
                      text::periods_count(yu.distinction_counts[d], periods.word()));
    }
    out += i18n::tr("  total score {}\n", yu.total_score.to_string());
    if (!v.has_awards) {
      out += i18n::text("  no ranking: this version gives no awards\n");
    } else if (!yu.rank) {
      out += i18n::text("  not ranked: the awards take only units where their roster columns meet the filter\n");
    } else {
      std::vector<std::uint32_t> ranked;
      for (std::uint32_t u : y.order) {
        if (y.units[u].rank) ranked.push_back(u);
      }
      out += i18n::tr("  rank {} of {} ranked units\n", yu.rank, ranked.size());
      auto position = std::find(ranked.begin(), ranked.end(), unit) - ranked.begin();
      if (position > 0) {
        const year_unit& above = y.units[ranked[static_cast<std::size_t>(position - 1)]];
        out += i18n::tr("    next above: {} (rank {}): {}\n", run.people.units[above.unit], above.rank,
                           awards_decided_by(v, y, above, yu));
      }
      if (static_cast<std::size_t>(position + 1) < ranked.size()) {
        const year_unit& below = y.units[ranked[static_cast<std::size_t>(position + 1)]];
        out += i18n::tr("    next below: {} (rank {}): {}\n", run.people.units[below.unit], below.rank,
                           awards_decided_by(v, y, yu, below));
      }
    }
    if (v.award_eligibility) {
      out += i18n::tr("  eligible for a subsidy: {} (needs at least {} {}: has {})\n", text::yes_no(yu.eligible),
                         v.award_eligibility->second, distinction_name(v, v.award_eligibility->first),
                         count_in(y, yu, v.award_eligibility->first));
    }
    if (!v.subsidies.empty()) {
      out += yu.subsidy_percent.is_zero() ? i18n::text("  subsidy: none\n")
                                          : i18n::tr("  subsidy: {}%\n", yu.subsidy_percent.to_string());
    }
    std::vector<award_title_plan> titles = v.titles;
    std::size_t ranked_units = 0;
    for (const year_unit& other : y.units) ranked_units += other.rank ? 1 : 0;
    place_shares(titles, static_cast<std::uint32_t>(ranked_units));
    for (std::size_t t = 0; t < titles.size(); ++t) {
      const award_title_plan& title = titles[t];
      std::string rule;
      if (title.streak) {
        rule = i18n::tr("{} in a row with {}", text::periods_count(title.streak, periods.word()), title.streak_distinction);
      } else {
        std::string ranks = title.from_bottom            ? i18n::tr("bottom {}", title.last_rank)
                            : title.first_rank == title.last_rank ? i18n::tr("rank {}", title.first_rank)
                                                                  : i18n::tr("ranks {} to {}", title.first_rank, title.last_rank);
        rule = title.role.empty() ? ranks : i18n::tr("the {} of {}", title.role, ranks);
        if (title.share.kind != share_kind::none) rule = i18n::tr("{}: {}", share_words(title.share, ranked_units), rule);
      }
      if (!title.role.empty()) {
        std::vector<std::string> holders;
        for (const auto& h : y.people) {
          const person_entry& p = run.people.people[h.person];
          if (p.unit == unit && p.role == title.role) {
            holders.push_back(((h.titles >> t) & 1) ? i18n::tr("{} receives it", p.id) : i18n::tr("{} does not", p.id));
          }
        }
        out += fmt::format("  {} ({}, {}): {}\n", title.title, title.id, rule,
                           holders.empty() ? i18n::tr("the unit has no {}", title.role) : fmt::format("{}", fmt::join(holders, ", ")));
        continue;
      }
      std::string why = title.streak ? i18n::tr(" (longest run: {})", yu.longest_runs[t])
                                     : yu.rank ? i18n::tr(" (rank {})", yu.rank) : std::string();
      out += i18n::tr("  {} ({}, {}): {}{}\n", title.title, title.id, rule, text::yes_no((yu.titles >> t) & 1), why);
    }
    out += "\n";
  }
  if (out.empty()) out = i18n::text("no awards: the rubric gives none for this year\n");
  return out;
}

std::string explain_awards(const score_run& run, std::uint32_t unit) {
  return lang::terminal_safe(awards_lines(run, unit), true);
}

std::string distinction_recipients(const distinction_plan& distinction) {
  if (distinction.from_bottom) {
    return distinction.last_rank == 1 ? i18n::text("the lowest rank receives it")
                                      : i18n::tr("the lowest {} ranks receive it", distinction.last_rank);
  }
  return distinction.first_rank == distinction.last_rank
             ? i18n::tr("rank {} receives it", distinction.first_rank)
             : i18n::tr("ranks {} to {} receive it", distinction.first_rank, distinction.last_rank);
}

}  // namespace rubric::engine
