// The JSON contract of `rubric score --format json`, documented in docs/output.md. Numbers are
// written from exact decimals, never through binary floating point. One unit per line, so
// published results diff well.
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

void unit_month_json(const score_run& run, const month_result& m, std::uint32_t unit, std::string& out) {
  const version_plan& v = run.compiled.versions[m.version];
  const unit_month& um = m.units[unit];
  std::vector<std::string> distinctions, reasons, vetoes;
  for (std::size_t d = 0; d < v.distinctions.size(); ++d) {
    if (um.received(d)) distinctions.push_back(json_string(v.distinctions[d].id));
  }
  for (std::size_t veto = 0; veto < v.vetoes.size(); ++veto) {
    if (!((um.vetoes >> veto) & 1)) continue;
    vetoes.push_back(json_string(v.vetoes[veto].id));
    reasons.push_back(json_string(v.vetoes[veto].reason));
  }
  bool flag = !v.distinctions.empty() && um.received(0);
  fmt::format_to(std::back_inserter(out),
                 "{{\"unit\": {}, \"score\": {}, \"deductions\": {}, \"vetoed\": {}, \"rank\": {}, \"red_flag\": {}, "
                 "\"distinctions\": {}, \"vetoes\": {}, \"veto_reasons\": {}, \"areas\": {{",
                 json_string(run.people.units[unit]), um.score.to_string(), um.deductions,
                 um.vetoed() ? "true" : "false", um.has_rank() ? std::to_string(um.rank) : "null",
                 flag ? "true" : "false", list(distinctions), list(vetoes), list(reasons));
  for (std::size_t a = 0; a < v.areas.size(); ++a) {
    fmt::format_to(std::back_inserter(out), "{}{}: {}", a ? ", " : "", json_string(v.areas[a].id),
                   m.area_total(unit, a).to_string());
  }
  out += "}}";
}

}  // namespace

void render_json(const score_run& run, std::ostream& stream) {
  std::string out = "{\n";
  const auto& versions = run.compiled.versions;
  out += fmt::format("  \"rubric\": {{\"name\": {}, \"versions\": [", json_string(versions.back().title));
  for (std::size_t i = 0; i < versions.size(); ++i) {
    out += fmt::format("{}{{\"version\": {}, \"effective\": \"{}-01\", \"sha256\": \"{}\"}}", i ? ", " : "",
                       json_string(versions[i].id), month_text(versions[i].effective_month_key), versions[i].sha256);
  }
  out += "]},\n  \"months\": [";
  const score_result& result = *run.result;
  for (std::size_t i = 0; i < result.months.size(); ++i) {
    const month_result& m = result.months[i];
    const version_plan& v = versions[m.version];
    out += fmt::format("{}\n    {{\"month\": \"{}\", \"version\": {}, \"version_sha256\": \"{}\",\n     \"units\": [",
                       i ? "," : "", month_text(m.month), json_string(v.id), v.sha256);
    for (std::size_t k = 0; k < m.order.size(); ++k) {
      out += k ? ",\n      " : "\n      ";
      unit_month_json(run, m, m.order[k], out);
      if (out.size() > (1u << 16)) {  // stream: the whole document can be large
        stream << out;
        out.clear();
      }
    }
    out += "]}";
  }
  out += result.months.empty() ? "],\n" : "\n  ],\n";
  out += "  \"years\": [";
  if (result.year) {
    const year_result& y = *result.year;
    const version_plan& v = versions[y.version];
    std::vector<std::string> months;
    for (int m : y.months) months.push_back(fmt::format("\"{}\"", month_text(m)));
    out += fmt::format("\n    {{\"year\": {}, \"version\": {}, \"version_sha256\": \"{}\", \"months\": {},\n     \"units\": [",
                       y.year, json_string(v.id), v.sha256, list(months));
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
      out += fmt::format(
          "{}\n      {{\"unit\": {}, \"red_flags\": {}, \"distinction_counts\": {}, \"total_score\": {}, \"rank\": {}, "
          "\"subsidy_percent\": {}}}",
          k ? "," : "", json_string(run.people.units[yu.unit]),
          yu.distinction_counts.empty() ? 0 : yu.distinction_counts[0], counts, yu.total_score.to_string(), yu.rank,
          yu.subsidy_percent.to_string());
    }
    out += "],\n     \"role_holders\": [";
    for (std::size_t p = 0; p < y.people.size(); ++p) {
      const role_holder& h = y.people[p];
      const person_entry& person = run.people.people[h.person];
      out += fmt::format("{}\n      {{\"person\": {}, \"role\": {}, \"unit\": {}, \"qualified\": {}, \"subsidy_percent\": {}}}",
                         p ? "," : "", json_string(person.id), json_string(person.role),
                         json_string(run.people.units[person.unit]), h.qualified ? "true" : "false",
                         h.subsidy_percent.to_string());
    }
    out += "]}\n  ";
  }
  out += "],\n";
  out += fmt::format(
      "  \"counts\": {{\"events_scored\": {}, \"events_outside_period\": {}, \"rows_rejected\": {}, "
      "\"events_not_scored\": {}}}\n}}\n",
      run.counts.scored, run.counts.outside, run.counts.rejected, run.counts.not_scored);
  stream << out;
}

}  // namespace rubric::engine
