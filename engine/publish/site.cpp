#include "engine/publish/site.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "engine/consequences.hpp"
#include "engine/publish/chart.hpp"
#include "engine/publish/html.hpp"
#include "engine/report/text.hpp"
#include "lang/calendar.hpp"
#include "lang/describe.hpp"
#include "lang/diff.hpp"
#include "lang/i18n.hpp"

namespace rubric::engine::publish {

std::string file_name_of(std::string_view unit) {
  std::string out;
  for (unsigned char c : unit) {
    bool kept = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    if (kept) {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("_{:02x}", c);
    }
  }
  return out;
}

void corrections_section(html_writer& out, const std::vector<correction_notice>& notices) {
  if (notices.empty()) return;
  out.open("section", {{"class", "corrections"}, {"id", "corrections"}});
  out.element("h2", i18n::text("Corrections since the last publication"));
  out.open("div", {{"class", "scroll"}});
  out.open("table", {{"class", "cards"}});
  out.open("thead").open("tr");
  out.element("th", i18n::text("unit"), {{"scope", "col"}});
  out.element("th", i18n::text("what changed"), {{"scope", "col"}});
  out.element("th", i18n::text("before"), {{"scope", "col"}});
  out.element("th", i18n::text("after"), {{"scope", "col"}});
  out.close().close();
  out.open("tbody");
  for (const auto& n : notices) {
    out.open("tr");
    out.element("td", n.unit, {{"data-label", i18n::text("unit")}});
    out.element("td", n.what, {{"data-label", i18n::text("what changed")}});
    out.element("td", n.before, {{"data-label", i18n::text("before")}});
    out.element("td", n.after, {{"data-label", i18n::text("after")}});
    out.close();
  }
  out.close().close().close();
  out.close();
}

namespace {

bool chinese() { return i18n::current_language() == i18n::language::zh; }

// A declared thing as a resident knows it: by its label wherever the rubric gives one, in both
// languages (the terminal reports show English readers the id; a notice board never does).
std::string label_of(const std::string& id, const std::string& label) { return label.empty() ? id : label; }

// What every page shares: the run, the request, and where each page lives.
struct site {
  const score_run& run;
  const site_request& request;

  const lang::calendar& periods() const { return run.compiled.periods; }
  std::string period_text(int key) const { return periods().text(key); }
  const std::string& unit_id(std::uint32_t unit) const { return run.people.units[unit]; }

  // Paths from the site's root. With --period the bulletin is the index page; with --year each
  // period's bulletin has its own page and the index is the year page.
  std::string bulletin_path(int key) const { return request.year ? period_text(key) + ".html" : "index.html"; }
  std::string unit_path(std::uint32_t unit, int key) const {
    return "units/" + file_name_of(unit_id(unit)) + "/" + period_text(key) + ".html";
  }
  bool has_story(std::uint32_t unit, int key) const { return story(unit, key) != nullptr; }
  const unit_story* story(std::uint32_t unit, int key) const {
    auto found = stories.find({unit, key});
    return found == stories.end() ? nullptr : found->second;
  }
  // The explanations by unit and period, looked up for every cell that links to one.
  std::map<std::pair<std::uint32_t, int>, const unit_story*> stories;

  // The ranks of the period before `key`, by roster index, when it was scored (in this run or
  // in the run of the period before the first one published).
  const period_result* previous_of(int key) const {
    for (const auto& m : run.result->periods) {
      if (m.period == key - 1) return &m;
    }
    if (request.previous && request.previous->result) {
      for (const auto& m : request.previous->result->periods) {
        if (m.period == key - 1) return &m;
      }
    }
    return nullptr;
  }
};

std::string period_words(const site& s, int key);

// "../../" from a page `depth` folders below the root.
std::string up(int depth) {
  std::string out;
  for (int i = 0; i < depth; ++i) out += "../";
  return out;
}

void page_start(html_writer& out, const std::string& title, int depth) {
  out.raw("<!DOCTYPE html>\n");
  out.open("html", {{"lang", chinese() ? "zh-CN" : "en"}});
  out.newline().open("head").newline();
  out.empty("meta", {{"charset", "utf-8"}}).newline();
  out.empty("meta", {{"name", "viewport"}, {"content", "width=device-width, initial-scale=1"}}).newline();
  out.element("title", title).newline();
  out.empty("link", {{"rel", "stylesheet"}, {"href", up(depth) + "style.css"}}).newline();
  out.close().newline();
  out.open("body").newline().open("main").newline();
}

void page_end(html_writer& out, const site& s) {
  out.open("footer").newline();
  out.element("p", i18n::tr("Published {}", s.request.published), {{"class", "published"}}).newline();
  out.close().newline();
  out.close().newline().close().newline().close().newline();
}

std::string names(const std::vector<std::string>& parts) {
  return fmt::format("{}", fmt::join(parts, i18n::text(", ")));
}

std::vector<std::string> flags_of(const version_plan& v, const unit_period& um) {
  std::vector<std::string> out;
  for (std::size_t d = 0; d < v.distinctions.size(); ++d) {
    if (um.received(d)) out.push_back(label_of(v.distinctions[d].id, v.distinctions[d].title));
  }
  return out;
}

std::vector<std::string> veto_reasons(const version_plan& v, const unit_period& um) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < v.vetoes.size(); ++i) {
    if ((um.vetoes >> i) & 1) out.push_back(v.vetoes[i].reason);
  }
  return out;
}

// The change of rank since the previous period, in words and as an arrow.
struct rank_change {
  std::string arrow, words;
  int by = 0;  // positive: rose
};

std::optional<rank_change> change_of(const period_result* before, const unit_period& now, std::uint32_t unit) {
  if (!before || unit >= before->units.size() || !now.has_rank()) return std::nullopt;
  const unit_period& then = before->units[unit];
  if (!then.has_rank()) return rank_change{"•", i18n::text("not ranked the period before"), 0};
  int by = static_cast<int>(then.rank) - static_cast<int>(now.rank);
  if (by > 0) return rank_change{fmt::format("↑{}", by), i18n::tr("up {} (was {})", by, then.rank), by};
  if (by < 0) return rank_change{fmt::format("↓{}", -by), i18n::tr("down {} (was {})", -by, then.rank), by};
  return rank_change{"=", i18n::text("same rank"), 0};
}

void version_line(html_writer& out, const site& s, const version_plan& v) {
  out.open("p", {{"class", "version"}});
  std::string effective = s.period_text(v.effective_period);
  for (const auto& checked : s.run.rubric.versions) {
    if (checked.version_id() == v.id) {
      effective = lang::date_text(lang::day_number(checked.effective().year, checked.effective().month, checked.effective().day));
    }
  }
  out.text(i18n::tr("Rules in force: version {}, effective {}. ", v.id, effective));
  out.text(i18n::text("SHA-256 of its text: "));
  out.element("code", v.sha256, {{"class", "hash"}});
  out.raw(" ");
  out.element("a", i18n::text("read the rules"), {{"href", "rubric.html"}});
  out.close().newline();
}

std::string bulletin_title(const site& s, const period_result& m) {
  const version_plan& v = s.run.compiled.versions[m.version];
  return i18n::tr("{} — bulletin for {}", v.title, period_words(s, m.period));
}

void bulletin(html_writer& out, const site& s, const period_result& m) {
  const version_plan& v = s.run.compiled.versions[m.version];
  page_start(out, bulletin_title(s, m), 0);
  out.open("header").newline();
  if (s.request.year) out.element("a", i18n::tr("← the year {}", *s.request.year), {{"href", "index.html"}, {"class", "back"}});
  out.element("h1", v.title).newline();
  out.element("p", i18n::tr("Bulletin (公示) for {}", period_words(s, m.period)), {{"class", "period"}}).newline();
  version_line(out, s, v);
  out.close().newline();

  corrections_section(out, s.request.corrections);

  out.open("section", {{"id", "ranking"}}).newline();
  out.element("h2", i18n::text("Ranking")).newline();
  if (m.events_recorded == 0) {
    out.element("p", i18n::tr("No events were recorded this {}: no ranking and no distinction.",
                              text::period_noun(s.periods().word())), {{"class", "note"}});
  } else if (!v.has_ranking) {
    out.element("p", i18n::text("These rules rank no unit: scores and grades only."), {{"class", "note"}});
  }
  // Rank changes only against a period that was ranked.
  const period_result* before = s.previous_of(m.period);
  if (before && std::none_of(before->units.begin(), before->units.end(), [](const unit_period& um) { return um.has_rank(); })) {
    before = nullptr;
  }
  int grouping = v.ranking_within >= 0 ? v.ranking_within : v.ranking_groups;
  out.open("div", {{"class", "scroll"}});
  out.open("table", {{"class", "ranking cards"}});
  out.open("thead").open("tr");
  std::vector<std::string> headers;
  if (grouping >= 0) {
    const auto& column = s.run.compiled.roster_columns.attributes[static_cast<std::size_t>(grouping)];
    headers.push_back(label_of(column.name, column.label));
  }
  headers.insert(headers.end(), {i18n::text("rank"), i18n::text("unit"), i18n::text("score")});
  for (const auto& a : v.areas) headers.push_back(label_of(a.id, a.title));
  headers.insert(headers.end(), {i18n::text("deductions"), i18n::text("flag"), i18n::text("veto")});
  if (!v.grades.empty()) headers.push_back(i18n::text("grade"));
  if (v.has_consequences) headers.push_back(i18n::text("consequences"));
  if (before) headers.push_back(i18n::text("change"));
  for (const auto& h : headers) out.element("th", h, {{"scope", "col"}});
  out.close().close().newline();
  out.open("tbody").newline();
  for (auto u : m.order) {
    const unit_period& um = m.units[u];
    std::vector<std::string> flags = flags_of(v, um);
    out.open("tr", flags.empty() ? std::vector<attribute>{} : std::vector<attribute>{{"class", "flag"}});
    std::size_t column = 0;
    auto cell = [&](const std::string& value) {
      out.element("td", value, {{"data-label", headers[column++]}});
    };
    if (grouping >= 0) {
      const auto& attribute = s.run.compiled.roster_columns.attributes[static_cast<std::size_t>(grouping)];
      const event_values& values = s.run.people.columns[u];
      bool present = (values.present >> grouping) & 1;
      auto choice = present ? static_cast<std::size_t>(values.values[grouping]) : 0;
      cell(present ? label_of(attribute.choices[choice],
                                       choice < attribute.choice_labels.size() ? attribute.choice_labels[choice] : "")
                   : "-");
    }
    cell(um.has_rank() ? std::to_string(um.rank) : "-");
    out.open("th", {{"scope", "row"}, {"data-label", headers[column++]}});
    if (s.has_story(u, m.period)) {
      out.element("a", s.unit_id(u), {{"href", s.unit_path(u, m.period)}});
    } else {
      out.text(s.unit_id(u));
    }
    out.close();
    cell(um.score.to_string());
    for (std::size_t a = 0; a < m.areas; ++a) cell(m.area_total(u, a).to_signed_string());
    cell(std::to_string(um.deductions));
    out.open("td", {{"data-label", headers[column++]}});
    if (!flags.empty()) out.element("span", names(flags), {{"class", "flag-mark"}});
    out.close();
    cell(names(veto_reasons(v, um)));
    if (!v.grades.empty()) cell(um.grade ? label_of(v.grades[um.grade - 1u].id, v.grades[um.grade - 1u].title) : "");
    if (v.has_consequences) cell(consequences_line(s.periods(), v, m, u, i18n::text("; ")));
    if (before) {
      auto change = change_of(before, um, u);
      out.open("td", {{"data-label", headers[column++]}, {"class", "change"}});
      if (change) out.element("span", change->arrow, {{"title", change->words}, {"aria-label", change->words}});
      out.close();
    }
    out.close().newline();
  }
  out.close().close().close().newline();
  out.close().newline();  // section

  if (before) {
    std::vector<std::string> rose, fell;
    for (auto u : m.order) {
      auto change = change_of(before, m.units[u], u);
      if (!change || change->by == 0) continue;
      (change->by > 0 ? rose : fell).push_back(i18n::tr("{} {}", s.unit_id(u), change->words));
    }
    out.open("section", {{"id", "changes"}}).newline();
    out.element("h2", i18n::tr("Since {}", period_words(s, before->period))).newline();
    if (rose.empty() && fell.empty()) out.element("p", i18n::text("No unit changed its rank."));
    if (!rose.empty()) out.element("p", i18n::tr("Rose: {}", names(rose))).newline();
    if (!fell.empty()) out.element("p", i18n::tr("Fell: {}", names(fell))).newline();
    out.close().newline();
  }

  out.open("section", {{"id", "chart"}, {"class", "chart-section"}}).newline();
  out.element("h2", i18n::text("Scores")).newline();
  std::vector<bar> bars;
  for (auto u : m.order) bars.push_back({s.unit_id(u), m.units[u].score, !flags_of(v, m.units[u]).empty()});
  bar_chart(out, i18n::tr("Scores for {}", period_words(s, m.period)), bars);
  out.newline().close().newline();
  page_end(out, s);
}


// A period as a reader writes it: 2023年10月 in Chinese for months; the calendar's text otherwise.
std::string period_words(const site& s, int key) {
  if (s.periods().cadence() == lang::ast::period::month) {
    lang::civil_date first = s.periods().first_day(key);
    return i18n::tr("{0}-{1}", first.year, fmt::format("{:02}", first.month));
  }
  return s.period_text(key);
}


// The explanation's sentences name rules, kinds and attributes by id beside their labels (for
// the council, who edits the rubric); a resident reads only the labels.
std::string without_ids(std::string sentence, const version_plan& v) {
  auto replace_all = [&](const std::string& from, const std::string& to) {
    if (from.empty() || from == to) return;
    for (std::size_t at = sentence.find(from); at != std::string::npos; at = sentence.find(from, at + to.size())) {
      sentence.replace(at, from.size(), to);
    }
  };
  for (const auto& rule : v.rules) {
    if (!rule.title.empty()) replace_all(i18n::tr("{} ({})", rule.title, rule.id), rule.title);
  }
  for (const auto& area : v.areas) {
    if (!area.title.empty()) replace_all(i18n::tr("{} ({})", area.title, area.id), area.title);
  }
  for (const auto& kind : v.kinds) {
    replace_all(fmt::format("`{}`", kind.name), label_of(kind.name, kind.title));
    for (const auto& attribute : kind.attributes) {
      replace_all(fmt::format("`{}`", attribute.name), label_of(attribute.name, attribute.label));
    }
  }
  for (const auto& d : v.distinctions) replace_all(fmt::format("`{}`", d.id), label_of(d.id, d.title));
  for (const auto& d : v.distinctions) replace_all(fmt::format("`{}`", d.title), d.title);
  return sentence;
}

// An event's recorded details in words: each attribute by its label, with its value.
std::vector<std::string> details_of(const site& s, const decoded_event& e) {
  const kind_plan& kind = s.run.compiled.versions[e.version].kinds[e.kind];
  std::vector<std::string> out;
  for (std::size_t a = 0; a < kind.attributes.size(); ++a) {
    if (!((e.values.present >> a) & 1)) continue;
    const attribute_plan& attribute = kind.attributes[a];
    std::int64_t value = e.values.values[a];
    std::string shown;
    switch (attribute.type) {
      case lang::ast::type_kind::boolean: shown = text::yes_no(value != 0); break;
      case lang::ast::type_kind::integer:
      case lang::ast::type_kind::decimal: shown = decimal::from_units(value).to_string(); break;
      case lang::ast::type_kind::choice: {
        auto c = static_cast<std::size_t>(value);
        shown = c < attribute.choices.size()
                    ? label_of(attribute.choices[c], c < attribute.choice_labels.size() ? attribute.choice_labels[c] : "")
                    : std::to_string(value);
        break;
      }
      case lang::ast::type_kind::person:
        shown = static_cast<std::size_t>(value) < s.run.people.people.size() ? s.run.people.people[static_cast<std::size_t>(value)].id
                                                                             : std::to_string(value);
        break;
      case lang::ast::type_kind::date: shown = lang::date_text(static_cast<int>(value)); break;
    }
    out.push_back(i18n::tr("{}: {}", label_of(attribute.name, attribute.label), shown));
  }
  return out;
}

void fact(html_writer& out, const std::string& term, const std::string& value) {
  out.element("dt", term).element("dd", value).newline();
}

// The standing of a unit against its neighbours in the ranking, as `explain` gives it.
void standing(html_writer& out, const site& s, const period_result& m, std::uint32_t unit) {
  const version_plan& v = s.run.compiled.versions[m.version];
  const unit_period& um = m.units[unit];
  out.open("section", {{"id", "rank"}}).newline();
  out.element("h2", i18n::text("Rank")).newline();
  if (!um.has_rank()) {
    std::string why = m.events_recorded == 0 ? i18n::tr("No events were recorded this {}: no ranking and no distinction.",
                                                        text::period_noun(s.periods().word()))
                      : !v.has_ranking   ? i18n::text("These rules rank no unit: scores and grades only.")
                      : um.vetoed()      ? i18n::tr("Not ranked: {}", names(veto_reasons(v, um)))
                      : um.filtered      ? i18n::text("Not ranked: the rules rank only some units, and this is not one of them.")
                                         : i18n::text("Not ranked.");
    out.element("p", why).newline();
    out.close().newline();
    return;
  }
  if (!m.groups.empty()) {
    auto column = static_cast<std::size_t>(v.ranking_groups);
    const group_result& g = m.groups[static_cast<std::size_t>(s.run.people.columns[unit].values[column])];
    out.element("p", i18n::tr("Ranked with its group {}: rank {}, average score {}.", g.value, g.rank, g.score.to_string()));
    out.close().newline();
    return;
  }
  auto same_ranking = [&](std::uint32_t other) {
    if (v.ranking_within < 0) return true;
    auto column = static_cast<std::size_t>(v.ranking_within);
    return s.run.people.columns[other].values[column] == s.run.people.columns[unit].values[column];
  };
  std::vector<std::uint32_t> peers;
  for (std::uint32_t u : m.order) {
    if (m.units[u].has_rank() && same_ranking(u)) peers.push_back(u);
  }
  out.element("p", i18n::tr("Rank {} of {} ranked units.", um.rank, peers.size())).newline();
  auto position = std::find(peers.begin(), peers.end(), unit) - peers.begin();
  out.open("ul", {{"class", "plain"}});
  if (position > 0) {
    std::uint32_t above = peers[static_cast<std::size_t>(position - 1)];
    out.element("li", i18n::tr("Ahead of it: {} (rank {}), by {}.", s.unit_id(above), m.units[above].rank,
                               ranking_decided_by(v, m.units[above], um)));
  }
  if (static_cast<std::size_t>(position + 1) < peers.size()) {
    std::uint32_t below = peers[static_cast<std::size_t>(position + 1)];
    out.element("li", i18n::tr("Behind it: {} (rank {}), by {}.", s.unit_id(below), m.units[below].rank,
                               ranking_decided_by(v, um, m.units[below])));
  }
  out.close().newline();
  for (std::size_t d = 0; d < v.distinctions.size(); ++d) {
    const auto& dist = v.distinctions[d];
    out.element("p", i18n::tr("{}: {} ({})", label_of(dist.id, dist.title), text::yes_no(um.received(d)),
                              distinction_recipients(dist)))
        .newline();
  }
  out.close().newline();
}

std::string unit_title(const site& s, std::uint32_t unit, int key) {
  return i18n::tr("Unit {}: its score for {}", s.unit_id(unit), period_words(s, key));
}

void unit_page(html_writer& out, const site& s, const period_result& m, std::uint32_t unit, const unit_story& story) {
  const version_plan& v = s.run.compiled.versions[m.version];
  const unit_period& um = m.units[unit];
  const explanation& decisions = *story.decisions;
  page_start(out, unit_title(s, unit, m.period), 2);
  out.open("header").newline();
  out.element("a", i18n::text("← back to the bulletin"), {{"href", "../../" + s.bulletin_path(m.period)}, {"class", "back"}});
  out.element("h1", unit_title(s, unit, m.period)).newline();
  out.element("p", v.title, {{"class", "version"}}).newline();
  out.close().newline();

  out.open("section", {{"id", "summary"}}).newline();
  out.open("dl", {{"class", "facts"}}).newline();
  fact(out, i18n::text("Final score"), um.score.to_string());
  fact(out, i18n::text("rank"), um.has_rank() ? std::to_string(um.rank) : i18n::text("not ranked"));
  std::vector<std::string> flags = flags_of(v, um);
  if (!v.distinctions.empty()) fact(out, i18n::text("flag"), flags.empty() ? i18n::text("none") : names(flags));
  if (um.grade) fact(out, i18n::text("grade"), label_of(v.grades[um.grade - 1u].id, v.grades[um.grade - 1u].title));
  if (v.has_consequences) {
    std::string line = consequences_line(s.periods(), v, m, unit, i18n::text("; "));
    fact(out, i18n::text("consequences"), line.empty() ? i18n::text("none") : line);
  }
  out.close().newline();
  out.close().newline();

  out.open("section", {{"id", "how"}}).newline();
  out.element("h2", i18n::text("How the score came about")).newline();
  out.element("p", i18n::tr("Every unit starts the {} with a base score of {}.", text::period_noun(s.periods().word()),
                            decimal::from_units(v.base).to_string()))
      .newline();
  std::vector<explanation::line> events = decisions.event_lines();
  std::stable_sort(events.begin(), events.end(), [](const auto& a, const auto& b) { return a.date < b.date; });
  if (events.empty()) {
    out.element("p", i18n::tr("No event was recorded for this unit this {}.", text::period_noun(s.periods().word())));
  } else {
    out.element("h3", i18n::text("What was recorded")).newline();
    out.open("ol", {{"class", "events"}}).newline();
    for (const auto& l : events) {
      out.open("li");
      const kind_plan& kind = s.run.compiled.versions[l.event.version].kinds[l.event.kind];
      out.element("strong", i18n::tr("{}: {}", l.date, label_of(kind.name, kind.title)));
      std::vector<std::string> details = details_of(s, l.event);
      if (!details.empty()) out.element("span", i18n::tr(" ({})", names(details)), {{"class", "details"}});
      out.empty("br");
      std::string rule = l.rule.empty() ? std::string() : label_of(l.rule, l.rule_title);
      bool amount_shown = l.amount && (l.note.empty() || l.amount_with_note);
      std::string what;
      if (!rule.empty() && amount_shown) {
        std::int64_t units = l.amount->units();
        what = units < 0   ? i18n::tr("Rule “{}”: {} points deducted.", rule, decimal::from_units(-units).to_string())
               : units > 0 ? i18n::tr("Rule “{}”: {} points added.", rule, l.amount->to_string())
                           : i18n::tr("Rule “{}”: no points.", rule);
      } else if (!rule.empty()) {
        what = i18n::tr("Rule “{}”.", rule);
      }
      out.text(what);
      if (!l.note.empty()) {
        if (!what.empty()) out.raw(" ");
        out.text(without_ids(l.note, v));
      }
      out.close().newline();
    }
    out.close().newline();
  }
  std::vector<std::string> after;
  for (const auto& line : decisions.lasting_lines()) after.push_back(without_ids(line, v));
  for (const auto& line : decisions.period_end_lines()) after.push_back(without_ids(line, v));
  if (!after.empty()) {
    out.element("h3", i18n::tr("At the end of the {}", text::period_noun(s.periods().word()))).newline();
    out.open("ul", {{"class", "plain"}}).newline();
    for (const auto& line : after) out.element("li", line).newline();
    out.close().newline();
  }
  out.element("h3", i18n::text("Totals by area")).newline();
  out.open("div", {{"class", "scroll"}}).open("table");
  out.open("thead").open("tr");
  out.element("th", i18n::text("area"), {{"scope", "col"}}).element("th", i18n::text("points"), {{"scope", "col"}});
  out.close().close().open("tbody").newline();
  for (std::size_t a = 0; a < m.areas; ++a) {
    out.open("tr");
    out.element("th", label_of(v.areas[a].id, v.areas[a].title), {{"scope", "row"}});
    out.element("td", m.area_total(unit, a).to_signed_string(), {{"class", "number"}});
    out.close().newline();
  }
  out.close().close().close().newline();
  std::vector<std::string> vetoes = veto_reasons(v, um);
  if (!vetoes.empty()) out.element("p", i18n::tr("Veto: {}", names(vetoes)), {{"class", "veto"}}).newline();
  out.element("p", i18n::trn("Final score {}, with {} deduction.", "Final score {}, with {} deductions.", um.deductions,
                             um.score.to_string(), um.deductions),
              {{"class", "total"}})
      .newline();
  out.close().newline();
  standing(out, s, m, unit);
  page_end(out, s);
}

// The year: flags won per unit, rank, subsidy, role holders, and each unit's scores month by month.
void year_page(html_writer& out, const site& s) {
  const score_result& result = *s.run.result;
  std::string title = i18n::tr("The year {}", *s.request.year);
  const version_plan& latest = s.run.compiled.versions[result.periods.back().version];
  page_start(out, i18n::tr("{} — {}", latest.title, title), 0);
  out.open("header").newline();
  out.element("h1", latest.title).newline();
  out.element("p", title, {{"class", "period"}}).newline();
  version_line(out, s, latest);
  out.close().newline();

  out.open("nav", {{"aria-label", i18n::text("Bulletins")}}).newline();
  out.element("h2", i18n::text("Bulletins")).newline();
  out.open("ul").newline();
  for (auto m = result.periods.rbegin(); m != result.periods.rend(); ++m) {
    out.open("li")
        .element("a", i18n::tr("Bulletin (公示) for {}", period_words(s, m->period)), {{"href", s.bulletin_path(m->period)}})
        .close()
        .newline();
  }
  out.close().newline().close().newline();

  for (const year_result& y : result.windows) {
    const version_plan& v = s.run.compiled.versions[y.version];
    lang::calendar window(y.window_period);
    out.open("section", {{"class", "awards"}}).newline();
    out.element("h2", i18n::tr("Awards for {} {}", text::period_noun(window.word()), window.text(y.window))).newline();
    std::vector<std::string> headers = {i18n::text("rank"), i18n::text("unit")};
    for (const auto& id : y.distinctions) {
      std::string name = id;
      for (const auto& d : v.distinctions) if (d.id == id) name = label_of(d.id, d.title);
      for (const auto& g : v.grades) if (g.id == id) name = label_of(g.id, g.title);
      headers.push_back(i18n::tr("{} (times)", name));
    }
    headers.insert(headers.end(), {i18n::text("total score"), i18n::text("subsidy")});
    bool unit_titles = false;
    for (const auto& t : v.titles) unit_titles = unit_titles || t.role.empty();
    if (unit_titles) headers.push_back(i18n::text("titles"));
    auto titles_of = [&](std::uint64_t bits) {
      std::vector<std::string> out;
      for (std::size_t i = 0; i < v.titles.size(); ++i) {
        if ((bits >> i) & 1) out.push_back(label_of(v.titles[i].id, v.titles[i].title));
      }
      return out;
    };
    out.open("div", {{"class", "scroll"}}).open("table", {{"class", "cards"}});
    out.open("thead").open("tr");
    for (const auto& h : headers) out.element("th", h, {{"scope", "col"}});
    out.close().close().open("tbody").newline();
    for (auto u : y.order) {
      const year_unit& yu = y.units[u];
      std::size_t column = 0;
      out.open("tr");
      out.element("td", yu.rank ? std::to_string(yu.rank) : "-", {{"data-label", headers[column++]}});
      out.element("th", s.unit_id(u), {{"scope", "row"}, {"data-label", headers[column++]}});
      for (auto c : yu.distinction_counts) out.element("td", std::to_string(c), {{"data-label", headers[column++]}});
      out.element("td", yu.total_score.to_string(), {{"data-label", headers[column++]}});
      out.element("td", yu.subsidy_percent.is_zero() ? "-" : yu.subsidy_percent.to_string() + "%",
                  {{"data-label", headers[column++]}});
      if (unit_titles) out.element("td", names(titles_of(yu.titles)), {{"data-label", headers[column++]}});
      out.close().newline();
    }
    out.close().close().close().newline();
    if (v.role_award && &y == result.year()) {
      out.element("h3", i18n::tr("{} ({}%)", v.role_award->title, decimal::from_units(v.role_award->percent).to_string()))
          .newline();
      std::vector<std::string> people_headers = {i18n::text("person"), i18n::text("role"), i18n::text("unit"),
                                                 i18n::text("subsidy")};
      out.open("div", {{"class", "scroll"}}).open("table", {{"class", "cards"}});
      out.open("thead").open("tr");
      for (const auto& h : people_headers) out.element("th", h, {{"scope", "col"}});
      out.close().close().open("tbody").newline();
      for (const auto& h : y.people) {
        const person_entry& p = s.run.people.people[h.person];
        out.open("tr");
        out.element("th", p.id, {{"scope", "row"}, {"data-label", people_headers[0]}});
        out.element("td", role_name(s.run, p.role), {{"data-label", people_headers[1]}});
        out.element("td", s.unit_id(p.unit), {{"data-label", people_headers[2]}});
        out.element("td", h.qualified ? h.subsidy_percent.to_string() + "%" : "-", {{"data-label", people_headers[3]}});
        out.close().newline();
      }
      out.close().close().close().newline();
    }
    std::vector<std::string> holders;
    for (const auto& h : y.people) {
      if (!h.titles) continue;
      const person_entry& p = s.run.people.people[h.person];
      holders.push_back(i18n::tr("{}: {} ({}, unit {})", names(titles_of(h.titles)), p.id, role_name(s.run, p.role),
                                 s.unit_id(p.unit)));
    }
    if (!holders.empty()) {
      out.open("ul", {{"class", "plain"}});
      for (const auto& h : holders) out.element("li", h);
      out.close().newline();
    }
    out.close().newline();
  }

  out.open("section", {{"id", "monthly"}, {"class", "chart-section"}}).newline();
  out.element("h2", i18n::tr("Scores by {}", text::period_noun(s.periods().word()))).newline();
  std::vector<std::string> points;
  for (const auto& m : result.periods) points.push_back(s.period_text(m.period));
  std::vector<series> all;
  for (std::uint32_t u = 0; u < s.run.people.units.size(); ++u) {
    series one{s.unit_id(u), {}};
    for (const auto& m : result.periods) one.values.push_back(m.units[u].score);
    all.push_back(std::move(one));
  }
  small_multiples(out, i18n::tr("Scores by {}", text::period_noun(s.periods().word())), points, all);
  // The same figures as a table, for print and for exact values.
  out.open("div", {{"class", "scroll"}}).open("table", {{"class", "monthly"}});
  out.open("thead").open("tr").element("th", i18n::text("unit"), {{"scope", "col"}});
  for (const auto& p : points) out.element("th", p, {{"scope", "col"}});
  out.close().close().open("tbody").newline();
  for (std::uint32_t u = 0; u < s.run.people.units.size(); ++u) {
    out.open("tr").element("th", s.unit_id(u), {{"scope", "row"}});
    for (const auto& m : result.periods) {
      out.open("td", {{"class", "number"}});
      if (s.has_story(u, m.period)) {
        out.element("a", m.units[u].score.to_string(), {{"href", s.unit_path(u, m.period)}});
      } else {
        out.text(m.units[u].score.to_string());
      }
      out.close();
    }
    out.close().newline();
  }
  out.close().close().close().newline();
  out.close().newline();
  page_end(out, s);
}


// One version stated in plain words (lang/describe): each rule as a sentence, by labels.
void version_document(html_writer& out, const site& s, const lang::checked_version& version, bool in_force) {
  lang::version_description d = lang::describe(version);
  out.open("section", {{"class", in_force ? "version in-force" : "version"}, {"id", "version-" + file_name_of(d.version)}})
      .newline();
  out.element("h2", in_force ? i18n::tr("Version {}, in force from {}", d.version, d.effective)
                             : i18n::tr("Version {}, from {}", d.version, d.effective))
      .newline();
  for (const auto& compiled : s.run.compiled.versions) {
    if (compiled.id == d.version) {
      out.open("p", {{"class", "version"}}).text(i18n::text("SHA-256 of its text: "));
      out.element("code", compiled.sha256, {{"class", "hash"}}).close().newline();
    }
  }
  if (!d.scoring.empty()) out.element("p", d.scoring).newline();
  out.element("h3", i18n::text("Rules")).newline();
  for (const auto& area : d.areas) {
    out.element("h4", area.sentence).newline();
    out.open("ol", {{"class", "rules"}}).newline();
    for (const auto& rule : d.rules) {
      if (rule.area_id != area.id) continue;
      out.open("li", {{"class", "rule"}});
      out.text(rule.sentence);  // its label, amounts, caps and exemptions, as describe words them
      out.close().newline();
    }
    out.close().newline();
  }
  auto list = [&](const std::string& heading, const std::vector<std::string>& items) {
    if (items.empty()) return;
    out.element("h3", heading).newline();
    out.open("ul", {{"class", "plain"}}).newline();
    for (const auto& item : items) out.element("li", item).newline();
    out.close().newline();
  };
  std::vector<std::string> vetoes;
  for (const auto& v : d.vetoes) vetoes.push_back(v.sentence);
  list(i18n::text("Vetoes"), vetoes);
  list(i18n::text("Grades"), d.grades);
  list(i18n::text("Ranking"), d.ranking);
  list(i18n::text("Awards"), d.awards);
  if (!d.role_subsidy.empty()) list(i18n::text("Role-holder subsidy"), {d.role_subsidy});
  std::vector<std::string> kinds;
  for (const auto& k : d.kinds) kinds.push_back(k.sentence);
  list(i18n::text("What is recorded"), kinds);
  out.close().newline();
}

// The rubric in force, then each earlier version, with what each amendment changed (lang/diff).
void rubric_page(html_writer& out, const site& s) {
  const auto& versions = s.run.rubric.versions;
  const version_plan& latest = s.run.compiled.versions[s.run.result->periods.back().version];
  std::string title = i18n::tr("{} — the rules", latest.title);
  page_start(out, title, 0);
  out.open("header").newline();
  out.element("a", i18n::text("← back to the bulletin"), {{"href", "index.html"}, {"class", "back"}});
  out.element("h1", latest.title).newline();
  out.element("p", i18n::text("The rules in force, in plain words, and how they were amended."), {{"class", "period"}}).newline();
  out.close().newline();
  std::size_t in_force = versions.size() - 1;
  for (std::size_t i = 0; i < versions.size(); ++i) {
    if (versions[i].version_id() == latest.id) in_force = i;
  }
  version_document(out, s, versions[in_force], true);
  if (versions.size() > 1) {
    out.open("section", {{"id", "amendments"}}).newline();
    out.element("h2", i18n::text("Amendments")).newline();
    for (std::size_t i = versions.size() - 1; i > 0; --i) {
      const auto& older = versions[i - 1];
      const auto& newer = versions[i];
      auto changes = lang::diff_versions(older, newer);
      out.element("h3", i18n::tr("From version {} to version {}", older.version_id(), newer.version_id())).newline();
      if (changes.empty()) {
        out.element("p", i18n::text("No rule changed.")).newline();
        continue;
      }
      out.open("ul", {{"class", "plain"}}).newline();
      for (const auto& c : changes) {
        out.element("li", i18n::tr("{}: {}", c.label.empty() ? c.subject : c.label, c.description)).newline();
      }
      out.close().newline();
    }
    out.close().newline();
    for (std::size_t i = versions.size(); i-- > 0;) {
      if (i != in_force) version_document(out, s, versions[i], false);
    }
  }
  page_end(out, s);
}

}  // namespace

std::vector<site_file> build_site(const score_run& run, const site_request& request) {
  site s{run, request, {}};
  for (const auto& story : request.stories) s.stories.emplace(std::make_pair(story.unit, story.period), &story);
  std::vector<site_file> files;
  files.push_back({"style.css", std::string(style_sheet())});
  for (const auto& m : run.result->periods) {
    html_writer out;
    bulletin(out, s, m);
    files.push_back({s.bulletin_path(m.period), out.finish()});
  }
  for (const auto& story : request.stories) {
    const period_result* m = nullptr;
    for (const auto& p : run.result->periods) {
      if (p.period == story.period) m = &p;
    }
    if (!m || !story.decisions) continue;
    html_writer out;
    unit_page(out, s, *m, story.unit, story);
    files.push_back({s.unit_path(story.unit, story.period), out.finish()});
  }
  {
    html_writer out;
    rubric_page(out, s);
    files.push_back({"rubric.html", out.finish()});
  }
  if (request.year) {
    html_writer out;
    year_page(out, s);
    files.push_back({"index.html", out.finish()});
  }
  std::stable_sort(files.begin(), files.end(), [](const site_file& a, const site_file& b) { return a.path < b.path; });
  return files;
}

}  // namespace rubric::engine::publish
