// The JSON contract of `rubric score --format json`, documented in docs/output.md. Numbers are
// written from exact decimals, never through binary floating point. One unit per line, so
// published results diff well.
#include <map>

#include <fmt/format.h>

#include "engine/report/report.hpp"
#include "engine/report/text.hpp"

namespace rubric::engine {

namespace {

using text::json_string;

std::string list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i];
  return out + "]";
}

// What every unit line of a version repeats, escaped once.
struct version_strings {
  std::vector<std::string> distinction_ids, veto_ids, veto_reasons, area_keys, grade_ids;
};

version_strings strings_of(const version_plan& v) {
  version_strings out;
  for (const auto& d : v.distinctions) out.distinction_ids.push_back(json_string(d.id));
  for (const auto& veto : v.vetoes) {
    out.veto_ids.push_back(json_string(veto.id));
    out.veto_reasons.push_back(json_string(veto.reason));
  }
  for (const auto& a : v.areas) out.area_keys.push_back(json_string(a.id) + ": ");
  for (const auto& g : v.grades) out.grade_ids.push_back(json_string(g.id));
  return out;
}

void append_list(std::string& out, const std::vector<std::string>& items, std::uint64_t bits) {
  out += '[';
  bool first = true;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!((bits >> i) & 1)) continue;
    if (!first) out += ", ";
    out += items[i];
    first = false;
  }
  out += ']';
}

// `"area_labels": {"disputes": "矛盾纠纷", ...}`: every id any version declares, in the order first
// declared (earliest version first), with the label of the latest version that declares it, so
// tools can show the council's words without parsing the rubric.
template <typename Declared>
std::string labels_json(const std::vector<version_plan>& versions, Declared declared) {
  std::vector<std::string> order;
  std::map<std::string, std::string> label_of;
  for (const auto& v : versions) {
    for (const auto& item : declared(v)) {
      if (label_of.insert_or_assign(item.id, item.title).second) order.push_back(item.id);
    }
  }
  std::string out = "{";
  for (std::size_t i = 0; i < order.size(); ++i) {
    out += (i ? ", " : "") + json_string(order[i]) + ": " + json_string(label_of[order[i]]);
  }
  return out + "}";
}

// One unit line, appended with plain string operations: a year of 30,000 units is 360,000 lines.
void unit_period_json(const version_strings& v, const std::string& unit_name, const period_result& m,
                     std::uint32_t unit, std::string& out) {
  const unit_period& um = m.units[unit];
  out += "{\"unit\": ";
  out += unit_name;
  out += ", \"score\": ";
  um.score.append_to(out);
  out += ", \"deductions\": ";
  out += std::to_string(um.deductions);
  out += um.vetoed() ? ", \"vetoed\": true, \"rank\": " : ", \"vetoed\": false, \"rank\": ";
  out += um.has_rank() ? std::to_string(um.rank) : "null";
  out += !v.distinction_ids.empty() && um.received(0) ? ", \"red_flag\": true, \"distinctions\": "
                                                      : ", \"red_flag\": false, \"distinctions\": ";
  append_list(out, v.distinction_ids, um.distinctions);
  out += ", \"vetoes\": ";
  append_list(out, v.veto_ids, um.vetoes);
  out += ", \"veto_reasons\": ";
  append_list(out, v.veto_reasons, um.vetoes);
  out += ", \"areas\": {";
  for (std::size_t a = 0; a < v.area_keys.size(); ++a) {
    if (a) out += ", ";
    out += v.area_keys[a];
    m.area_total(unit, a).append_to(out);
  }
  out += '}';
  if (um.grade) {
    out += ", \"grade\": ";
    out += v.grade_ids[um.grade - 1u];
  }
  out += '}';
}

}  // namespace

void render_json(const score_run& run, std::ostream& stream) {
  std::string out = "{\n";
  const auto& versions = run.compiled.versions;
  out += fmt::format("  \"rubric\": {{\"name\": {}, \"versions\": [", json_string(versions.back().title));
  for (std::size_t i = 0; i < versions.size(); ++i) {
    auto effective = run.compiled.periods.first_day(versions[i].effective_period);
    out += fmt::format("{}{{\"version\": {}, \"effective\": \"{:04}-{:02}-{:02}\", \"sha256\": \"{}\"}}", i ? ", " : "",
                       json_string(versions[i].id), effective.year, effective.month, effective.day, versions[i].sha256);
  }
  out += "]},\n  \"inputs\": [";
  // What the figures were computed from: a reader can check a published file is the one scored.
  for (std::size_t i = 0; i < run.inputs.size(); ++i) {
    const input_file& input = run.inputs[i];
    out += fmt::format("{}\n    {{\"role\": \"{}\", \"path\": {}, \"sha256\": \"{}\", \"rows\": {}}}", i ? "," : "",
                       input.role, json_string(input.path), input.sha256, input.rows);
  }
  out += run.inputs.empty() ? "]," : "\n  ],";
  out += fmt::format("\n  \"area_labels\": {},\n  \"distinction_labels\": {},",
                     labels_json(versions, [](const version_plan& v) -> const auto& { return v.areas; }),
                     labels_json(versions, [](const version_plan& v) -> const auto& { return v.distinctions; }));
  // Named after the cadence: "months" and "month" for a monthly rubric, "weeks" and "week" ...
  const std::string word(run.compiled.periods.word()), plural = run.compiled.periods.plural();
  out += fmt::format("\n  \"{}\": [", plural);
  const score_result& result = *run.result;
  std::vector<std::string> unit_names;
  for (const auto& u : run.people.units) unit_names.push_back(json_string(u));
  std::vector<version_strings> strings;
  for (const auto& v : versions) strings.push_back(strings_of(v));
  for (std::size_t i = 0; i < result.periods.size(); ++i) {
    const period_result& m = result.periods[i];
    const version_plan& v = versions[m.version];
    out += fmt::format("{}\n    {{\"{}\": \"{}\", \"version\": {}, \"version_sha256\": \"{}\", \"events_recorded\": {},\n     \"units\": [",
                       i ? "," : "", word, run.compiled.periods.text(m.period), json_string(v.id), v.sha256,
                       m.events_recorded);
    for (std::size_t k = 0; k < m.order.size(); ++k) {
      out += k ? ",\n      " : "\n      ";
      unit_period_json(strings[m.version], unit_names[m.order[k]], m, m.order[k], out);
      if (out.size() > (1u << 16)) {  // stream: the whole document can be large
        stream << out;
        out.clear();
      }
    }
    out += ']';
    if (!m.groups.empty()) {
      out += ",\n     \"groups\": [";
      for (std::size_t g = 0; g < m.groups.size(); ++g) {
        const group_result& group = m.groups[g];
        out += fmt::format("{}\n      {{\"group\": {}, \"members\": {}, \"score\": {}, \"deductions\": {}, \"rank\": {}, "
                           "\"distinctions\": ",
                           g ? "," : "", json_string(group.value), group.members,
                           group.members ? group.score.to_string() : "null", group.deductions,
                           group.rank ? std::to_string(group.rank) : "null");
        append_list(out, strings[m.version].distinction_ids, group.distinctions);
        out += '}';
      }
      out += ']';
    }
    out += '}';
  }
  out += result.periods.empty() ? "],\n" : "\n  ],\n";
  out += "  \"years\": [";
  for (std::size_t w = 0; w < result.windows.size(); ++w) {
    const year_result& y = result.windows[w];
    const version_plan& v = versions[y.version];
    std::vector<std::string> months;
    for (int m : y.periods) months.push_back(fmt::format("\"{}\"", run.compiled.periods.text(m)));
    lang::calendar window(y.window_period);
    std::string window_key = y.window_period == lang::ast::period::year
                                 ? std::string()
                                 : fmt::format(", \"{}\": \"{}\"", window.word(), window.text(y.window));
    std::vector<std::string> titles;
    for (const auto& t : y.titles) titles.push_back(json_string(t));
    out += fmt::format("{}\n    {{\"year\": {}{}, \"version\": {}, \"version_sha256\": \"{}\", \"{}\": {},\n     \"units\": [",
                       w ? "," : "", y.year, window_key, json_string(v.id), v.sha256, plural, list(months));
    for (std::size_t k = 0; k < y.order.size(); ++k) {
      const year_unit& yu = y.units[y.order[k]];
      if (out.size() > (1u << 16)) {
        stream << out;
        out.clear();
      }
      std::string counts = "{";
      for (std::size_t d = 0; d < y.distinctions.size(); ++d) {
        counts += fmt::format("{}{}: {}", d ? ", " : "", json_string(y.distinctions[d]), yu.distinction_counts[d]);
      }
      counts += "}";
      std::string extra;
      if (!titles.empty()) {
        extra += ", \"titles\": ";
        append_list(extra, titles, yu.titles);
      }
      if (!v.awards_filters.empty()) extra += yu.eligible ? ", \"eligible\": true" : ", \"eligible\": false";
      out += fmt::format(
          "{}\n      {{\"unit\": {}, \"red_flags\": {}, \"distinction_counts\": {}, \"total_score\": {}, \"rank\": {}, "
          "\"subsidy_percent\": {}{}}}",
          k ? "," : "", json_string(run.people.units[yu.unit]),
          yu.distinction_counts.empty() ? 0 : yu.distinction_counts[0], counts, yu.total_score.to_string(),
          yu.rank ? std::to_string(yu.rank) : "null", yu.subsidy_percent.to_string(), extra);
    }
    out += "],\n     \"role_holders\": [";
    for (std::size_t p = 0; p < y.people.size(); ++p) {
      const role_holder& h = y.people[p];
      const person_entry& person = run.people.people[h.person];
      std::string extra;
      if (!titles.empty()) {
        extra += ", \"titles\": ";
        append_list(extra, titles, h.titles);
      }
      out += fmt::format("{}\n      {{\"person\": {}, \"role\": {}, \"unit\": {}, \"qualified\": {}, \"subsidy_percent\": {}{}}}",
                         p ? "," : "", json_string(person.id), json_string(person.role),
                         json_string(run.people.units[person.unit]), h.qualified ? "true" : "false",
                         h.subsidy_percent.to_string(), extra);
    }
    out += "]}";
  }
  if (!result.windows.empty()) out += "\n  ";
  out += "],\n";
  // How files were read (a CSV converted from GB18030 or UTF-16): only when there is something to say.
  std::string notes;
  for (const finding& f : run.findings) {
    if (!is_note(f.code)) continue;
    notes += fmt::format("{}\n    {{\"file\": {}, \"code\": \"{}\", \"message\": {}}}", notes.empty() ? "" : ",",
                         json_string(f.file), code_of(f.code), json_string(f.message));
  }
  if (!notes.empty()) out += fmt::format("  \"notes\": [{}\n  ],\n", notes);
  out += fmt::format(
      "  \"counts\": {{\"events_scored\": {}, \"events_outside_period\": {}, \"rows_rejected\": {}, "
      "\"events_not_scored\": {}}}\n}}\n",
      run.counts.scored, run.counts.outside, run.counts.rejected, run.counts.not_scored);
  stream << out;
}

}  // namespace rubric::engine
