// The JSON contract of `rubric score --format json`, documented in docs/output.md. Numbers are
// written from exact decimals, never through binary floating point. One unit per line, so
// published results diff well.
#include <charconv>
#include <cstring>
#include <map>
#include <thread>

#include <fmt/format.h>

#include "engine/consequences.hpp"
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

// An integer in decimal, appended without a temporary string.
void append_integer(std::string& out, std::uint64_t value) {
  char buffer[20];
  out.append(buffer, std::to_chars(buffer, buffer + sizeof buffer, value).ptr);
}

// What every unit line of a version repeats, escaped once.
struct version_strings {
  std::vector<std::string> distinction_ids, veto_ids, veto_reasons, area_keys, grade_ids;
  bool has_consequences = false;
  const version_plan* plan = nullptr;
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
  out.has_consequences = v.has_consequences;
  out.plan = &v;
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

// Parts of a line written at `at`, where room was made for them; each returns the end.
char* put(char* at, std::string_view part) {
  std::memcpy(at, part.data(), part.size());
  return at + part.size();
}
char* put(char* at, std::uint64_t number) { return std::to_chars(at, at + 20, number).ptr; }
// The text of decimal::to_string (golden files hold it), written in place.
constexpr std::size_t decimal_room = 24;  // '-', 14 digits (2^64 / 10^6), '.', 6 digits
char* put(char* at, decimal value) {
  const std::int64_t units = value.units();
  const std::uint64_t magnitude = units < 0 ? 0 - static_cast<std::uint64_t>(units) : static_cast<std::uint64_t>(units);
  if (units < 0) *at++ = '-';
  at = put(at, magnitude / decimal::scale);
  std::uint64_t fraction = magnitude % decimal::scale;
  if (fraction != 0) {
    *at++ = '.';
    for (std::uint64_t place = decimal::scale / 10; place > 0 && fraction != 0; place /= 10) {
      *at++ = static_cast<char>('0' + fraction / place);
      fraction %= place;
    }
  }
  return at;
}

// The periods' text, written straight into one buffer: a year of 30,000 units is 360,000 lines,
// each of some twenty parts. Each line makes room for its longest possible text once, then its
// parts are copied in and its numbers written in place, with no temporary string and no check
// per part. Streamed in pieces of 64 KiB when it has somewhere to go, else kept whole.
class text_buffer {
 public:
  // A place to write up to `bytes` bytes; `done` takes the end of what was written.
  char* room(std::size_t bytes) {
    if (used_ + bytes > text_.size()) text_.resize(std::max(2 * text_.size(), used_ + bytes + (1u << 16)));
    return text_.data() + used_;
  }
  void append(std::string_view part) {
    std::memcpy(room(part.size()), part.data(), part.size());
    used_ += part.size();
  }
  std::size_t size() const { return used_; }
  void write_to(std::ostream& stream) {
    stream.write(text_.data(), static_cast<std::streamsize>(used_));
    used_ = 0;
  }

  void done(char* end) { used_ = static_cast<std::size_t>(end - text_.data()); }

 private:
  std::string text_;  // text_[0, used_) is written; the rest is room
  std::size_t used_ = 0;
};

// What every unit line of a version repeats, escaped once, and the most room a line can take.
struct version_lines {
  version_strings strings;
  std::size_t room = 0;  // without the unit's name
};

version_lines lines_of(const version_plan& v) {
  version_lines out{strings_of(v), 0};
  // Every literal part of a line, with numbers at their widest and every list in full.
  out.room = 256 + (v.areas.size() + 1) * (decimal_room + 2) + 3 * 20;
  for (const auto* list : {&out.strings.distinction_ids, &out.strings.veto_ids, &out.strings.veto_reasons,
                           &out.strings.area_keys, &out.strings.grade_ids}) {
    for (const auto& item : *list) out.room += item.size() + 2;
  }
  return out;
}

char* put_list(char* at, const std::vector<std::string>& items, std::uint64_t bits) {
  *at++ = '[';
  bool first = true;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!((bits >> i) & 1)) continue;
    if (!first) at = put(at, ", ");
    at = put(at, items[i]);
    first = false;
  }
  *at++ = ']';
  return at;
}

// `, "consequences": [{"action": "限期整改", "within_days": 7, "due": "2024-02-07", "because": "不合格"}]`, in the
// rubric's order: only in versions that state consequences.
void append_consequences(const lang::calendar& periods, const version_plan& v, const period_result& m,
                         std::uint32_t unit, text_buffer& out) {
  std::string list = ", \"consequences\": [";
  bool first = true;
  for (const auto& applied : consequences_of(v, m, unit)) {
    if (!first) list += ", ";
    first = false;
    list += "{\"action\": " + json_string(applied.what->action);
    list += ", \"within_days\": " +
            (applied.what->within_days ? std::to_string(*applied.what->within_days) : std::string("null"));
    std::string due = due_date(periods, m, *applied.what);
    list += ", \"due\": " + (due.empty() ? std::string("null") : "\"" + due + "\"");
    list += ", \"because\": " + json_string(applied.because) + "}";
  }
  list += ']';
  out.append(list);
}

constexpr std::size_t prefetch_distance = 16;  // lines

// One unit line.
void unit_period_json(const version_lines& lines, const lang::calendar& periods, const std::string& unit_name,
                      const period_result& m, std::uint32_t unit, text_buffer& out) {
  const version_strings& v = lines.strings;
  const unit_period& um = m.units[unit];
  char* at = out.room(lines.room + unit_name.size());
  at = put(at, "{\"unit\": ");
  at = put(at, unit_name);
  at = put(at, ", \"score\": ");
  at = put(at, um.score);
  at = put(at, ", \"deductions\": ");
  at = put(at, std::uint64_t{um.deductions});
  at = put(at, um.vetoed() ? ", \"vetoed\": true, \"rank\": " : ", \"vetoed\": false, \"rank\": ");
  at = um.has_rank() ? put(at, std::uint64_t{um.rank}) : put(at, "null");
  at = put(at, !v.distinction_ids.empty() && um.received(0) ? ", \"red_flag\": true, \"distinctions\": "
                                                            : ", \"red_flag\": false, \"distinctions\": ");
  at = put_list(at, v.distinction_ids, um.distinctions);
  at = put(at, ", \"vetoes\": ");
  at = put_list(at, v.veto_ids, um.vetoes);
  at = put(at, ", \"veto_reasons\": ");
  at = put_list(at, v.veto_reasons, um.vetoes);
  at = put(at, ", \"areas\": {");
  for (std::size_t a = 0; a < v.area_keys.size(); ++a) {
    if (a) at = put(at, ", ");
    at = put(at, v.area_keys[a]);
    at = put(at, m.area_total(unit, a));
  }
  *at++ = '}';
  if (um.grade) {
    at = put(at, ", \"grade\": ");
    at = put(at, v.grade_ids[um.grade - 1u]);
  }
  if (v.has_consequences) {
    // Their length is not known ahead: the line so far is closed off and the list appended.
    out.done(at);
    append_consequences(periods, *v.plan, m, unit, out);
    at = out.room(1);
  }
  if (!m.balances.empty()) {
    // A points bank: `"balance": {"opening": 40, "earned": 12, "spent": 30, "closing": 22, ...}`.
    out.done(at);
    const balance_entry& b = m.balances[unit];
    at = out.room(8 * decimal_room + 160);
    at = put(at, ", \"balance\": {\"opening\": ");
    at = put(at, b.opening);
    at = put(at, ", \"earned\": ");
    at = put(at, b.earned);
    at = put(at, ", \"spent\": ");
    at = put(at, b.spent);
    at = put(at, ", \"closing\": ");
    at = put(at, b.closing);
    at = put(at, ", \"redemptions\": ");
    at = put(at, std::uint64_t{b.redemptions});
    at = put(at, ", \"refused\": ");
    at = put(at, std::uint64_t{b.refused});
    at = put(at, b.reset ? ", \"reset\": true}" : ", \"reset\": false}");
  }
  *at++ = '}';
  out.done(at);
}

}  // namespace

void render_json(const score_run& run, std::ostream& stream, unsigned jobs) {
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
  std::vector<version_lines> lines;
  for (const auto& v : versions) lines.push_back(lines_of(v));
  // One period's text, appended to `text`; streamed to `flush_to` as it grows, when given.
  auto render_period = [&](std::size_t i, text_buffer& text, std::ostream* flush_to) {
    const period_result& m = result.periods[i];
    const version_plan& v = versions[m.version];
    text.append(fmt::format("{}\n    {{\"{}\": \"{}\", \"version\": {}, \"version_sha256\": \"{}\", \"events_recorded\": {},\n     \"units\": [",
                       i ? "," : "", word, run.compiled.periods.text(m.period), json_string(v.id), v.sha256,
                       m.events_recorded));
    for (std::size_t k = 0; k < m.order.size(); ++k) {
      // Units come in rank order, their records in roster order: fetch a few lines ahead.
      if (k + prefetch_distance < m.order.size()) {
        const std::uint32_t ahead = m.order[k + prefetch_distance];
        __builtin_prefetch(&m.units[ahead]);
        if (m.areas) __builtin_prefetch(&m.area_totals[ahead * m.areas]);
        __builtin_prefetch(unit_names[ahead].data());
      }
      text.append(k ? ",\n      " : "\n      ");
      unit_period_json(lines[m.version], run.compiled.periods, unit_names[m.order[k]], m, m.order[k], text);
      if (flush_to && text.size() > (1u << 16)) text.write_to(*flush_to);  // the whole document can be large
    }
    text.append("]");
    if (!m.groups.empty()) {
      std::string groups = ",\n     \"groups\": [";
      for (std::size_t g = 0; g < m.groups.size(); ++g) {
        const group_result& group = m.groups[g];
        groups += fmt::format("{}\n      {{\"group\": {}, \"members\": {}, \"score\": {}, \"deductions\": {}, \"rank\": {}, "
                           "\"distinctions\": ",
                           g ? "," : "", json_string(group.value), group.members,
                           group.members ? group.score.to_string() : "null", group.deductions,
                           group.rank ? std::to_string(group.rank) : "null");
        append_list(groups, lines[m.version].strings.distinction_ids, group.distinctions);
        groups += '}';
      }
      groups += ']';
      text.append(groups);
    }
    text.append("}");
  };
  stream << out;
  out.clear();
  if (jobs <= 1 || result.periods.size() <= 1) {
    text_buffer text;
    for (std::size_t i = 0; i < result.periods.size(); ++i) render_period(i, text, &stream);
    text.write_to(stream);
  } else {
    // Periods rendered side by side, `jobs` at a time (each ~9 MB for 30,000 units, so memory
    // stays bounded), and written in order: the same bytes as one thread.
    std::vector<text_buffer> texts(jobs);
    for (std::size_t first = 0; first < result.periods.size(); first += jobs) {
      std::size_t count = std::min<std::size_t>(jobs, result.periods.size() - first);
      std::vector<std::thread> threads;
      for (std::size_t t = 1; t < count; ++t) {
        threads.emplace_back([&, t] { render_period(first + t, texts[t], nullptr); });
      }
      render_period(first, texts[0], nullptr);
      for (auto& thread : threads) thread.join();
      for (std::size_t t = 0; t < count; ++t) texts[t].write_to(stream);
    }
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
    std::vector<std::string> count_keys;  // `"red_flag": `, escaped once
    for (const auto& d : y.distinctions) count_keys.push_back(json_string(d) + ": ");
    // One line per unit and per role holder, appended in place: 30,000 units and 66,000 people.
    for (std::size_t k = 0; k < y.order.size(); ++k) {
      const year_unit& yu = y.units[y.order[k]];
      if (out.size() > (1u << 16)) {
        stream << out;
        out.clear();
      }
      out += k ? ",\n      {\"unit\": " : "\n      {\"unit\": ";
      out += unit_names[yu.unit];
      out += ", \"red_flags\": ";
      append_integer(out, yu.distinction_counts.empty() ? 0 : yu.distinction_counts[0]);
      out += ", \"distinction_counts\": {";
      for (std::size_t d = 0; d < y.distinctions.size(); ++d) {
        if (d) out += ", ";
        out += count_keys[d];
        append_integer(out, yu.distinction_counts[d]);
      }
      out += "}, \"total_score\": ";
      yu.total_score.append_to(out);
      out += ", \"rank\": ";
      if (yu.rank) append_integer(out, yu.rank);
      else out += "null";
      out += ", \"subsidy_percent\": ";
      yu.subsidy_percent.append_to(out);
      if (!titles.empty()) {
        out += ", \"titles\": ";
        append_list(out, titles, yu.titles);
      }
      if (!v.awards_filters.empty()) out += yu.eligible ? ", \"eligible\": true" : ", \"eligible\": false";
      out += '}';
    }
    out += "],\n     \"role_holders\": [";
    std::map<std::string_view, std::string> role_names;  // a handful of roles, escaped once
    for (std::size_t p = 0; p < y.people.size(); ++p) {
      const role_holder& h = y.people[p];
      const person_entry& person = run.people.people[h.person];
      if (out.size() > (1u << 16)) {
        stream << out;
        out.clear();
      }
      auto role = role_names.find(person.role);
      if (role == role_names.end()) role = role_names.emplace(person.role, json_string(person.role)).first;
      out += p ? ",\n      {\"person\": " : "\n      {\"person\": ";
      out += json_string(person.id);
      out += ", \"role\": ";
      out += role->second;
      out += ", \"unit\": ";
      out += unit_names[person.unit];
      out += h.qualified ? ", \"qualified\": true, \"subsidy_percent\": " : ", \"qualified\": false, \"subsidy_percent\": ";
      h.subsidy_percent.append_to(out);
      if (!titles.empty()) {
        out += ", \"titles\": ";
        append_list(out, titles, h.titles);
      }
      out += '}';
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
