#include "engine/publish/site.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "engine/publish/chart.hpp"
#include "engine/publish/html.hpp"
#include "engine/report/text.hpp"
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
    for (const auto& s : request.stories) {
      if (s.unit == unit && s.period == key) return &s;
    }
    return nullptr;
  }

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
    if (um.received(d)) out.push_back(text::reader_name(v.distinctions[d].id, v.distinctions[d].title));
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
  out.text(i18n::tr("Rules in force: version {}, effective {}. ", v.id, s.period_text(v.effective_period)));
  out.text(i18n::text("SHA-256 of its text: "));
  out.element("code", v.sha256, {{"class", "hash"}});
  out.text(" ");
  out.element("a", i18n::text("read the rules"), {{"href", s.request.year ? "rubric.html" : "rubric.html"}});
  out.close().newline();
}

std::string bulletin_title(const site& s, const period_result& m) {
  const version_plan& v = s.run.compiled.versions[m.version];
  return i18n::tr("{} — bulletin for {}", v.title, s.period_text(m.period));
}

void bulletin(html_writer& out, const site& s, const period_result& m) {
  const version_plan& v = s.run.compiled.versions[m.version];
  page_start(out, bulletin_title(s, m), 0);
  out.open("header").newline();
  if (s.request.year) out.element("a", i18n::tr("← the year {}", *s.request.year), {{"href", "index.html"}, {"class", "back"}});
  out.element("h1", v.title).newline();
  out.element("p", i18n::tr("Bulletin (公示) for {}", s.period_text(m.period)), {{"class", "period"}}).newline();
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
  const period_result* before = s.previous_of(m.period);
  int grouping = v.ranking_within >= 0 ? v.ranking_within : v.ranking_groups;
  out.open("div", {{"class", "scroll"}});
  out.open("table", {{"class", "ranking cards"}});
  out.open("thead").open("tr");
  std::vector<std::string> headers;
  if (grouping >= 0) {
    const auto& column = s.run.compiled.roster_columns.attributes[static_cast<std::size_t>(grouping)];
    headers.push_back(text::reader_name(column.name, column.label));
  }
  headers.insert(headers.end(), {i18n::text("rank"), i18n::text("unit"), i18n::text("score")});
  for (const auto& a : v.areas) headers.push_back(text::reader_name(a.id, a.title));
  headers.insert(headers.end(), {i18n::text("deductions"), i18n::text("flag"), i18n::text("veto")});
  if (!v.grades.empty()) headers.push_back(i18n::text("grade"));
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
      cell(present ? text::reader_name(attribute.choices[choice],
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
    if (!v.grades.empty()) cell(um.grade ? text::reader_name(v.grades[um.grade - 1u].id, v.grades[um.grade - 1u].title) : "");
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
    out.element("h2", i18n::tr("Since {}", s.period_text(before->period))).newline();
    if (rose.empty() && fell.empty()) out.element("p", i18n::text("No unit changed its rank."));
    if (!rose.empty()) out.element("p", i18n::tr("Rose: {}", names(rose))).newline();
    if (!fell.empty()) out.element("p", i18n::tr("Fell: {}", names(fell))).newline();
    out.close().newline();
  }

  out.open("section", {{"id", "chart"}, {"class", "chart-section"}}).newline();
  out.element("h2", i18n::text("Scores")).newline();
  std::vector<bar> bars;
  for (auto u : m.order) bars.push_back({s.unit_id(u), m.units[u].score, !flags_of(v, m.units[u]).empty()});
  bar_chart(out, i18n::tr("Scores for {}", s.period_text(m.period)), bars);
  out.newline().close().newline();
  page_end(out, s);
}

}  // namespace

std::vector<site_file> build_site(const score_run& run, const site_request& request) {
  site s{run, request};
  std::vector<site_file> files;
  files.push_back({"style.css", std::string(style_sheet())});
  for (const auto& m : run.result->periods) {
    html_writer out;
    bulletin(out, s, m);
    files.push_back({s.bulletin_path(m.period), out.finish()});
  }
  std::stable_sort(files.begin(), files.end(), [](const site_file& a, const site_file& b) { return a.path < b.path; });
  return files;
}

}  // namespace rubric::engine::publish
