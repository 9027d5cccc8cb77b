#include "lang/diff.hpp"

#include <algorithm>
#include <map>
#include <functional>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "lang/check/outcomes.hpp"
#include "lang/diag/render.hpp"
#include "lang/calendar.hpp"
#include "lang/format.hpp"
#include "lang/i18n.hpp"
#include "lang/json_text.hpp"

namespace rubric::lang {

namespace {

// In Chinese a thing is named by the label the rubric gives it (楼道杂物, not corridor_clutter);
// in English by its name, as the English surface writes it.
bool chinese() { return i18n::current_language() == i18n::language::zh; }
std::string named(const std::string& id, const std::string& label) { return chinese() && !label.empty() ? label : id; }

// The labels of one version, for naming what a change is about.
struct version_names {
  const checked_version* version = nullptr;

  const kind_info* kind(std::string_view id) const {
    auto index = version->symbols.kind_index(id);
    return index ? &version->symbols.kinds[*index] : nullptr;
  }
  std::string kind_named(const std::string& id) const {
    const kind_info* k = kind(id);
    return named(id, k && k->decl && k->decl->title ? k->decl->title->text : "");
  }
  std::string area_named(const std::string& id) const {
    for (const auto* a : version->symbols.areas) {
      if (a->id.text == id) return named(id, a->title.text);
    }
    return id;
  }
  std::string distinction_named(const std::string& id) const {
    const auto* d = version->symbols.distinction(id);
    return named(id, d ? d->title.text : "");
  }
  std::string grade_named(const std::string& id) const {
    const auto* g = version->symbols.grade(id);
    return named(id, g ? g->title.text : "");
  }
  // The kind (or the roster) a statement key names: "event clutter", "roster".
  const kind_info* kind_of_statement(const std::string& key) const {
    if (key == "roster") return version->symbols.roster ? &*version->symbols.roster : nullptr;
    if (key.rfind("event ", 0) == 0) return kind(key.substr(6));
    return nullptr;
  }
  std::string attribute_named(const std::string& key, const std::string& id) const {
    const kind_info* k = kind_of_statement(key);
    auto index = k ? k->attribute_index(id) : std::nullopt;
    return named(id, index ? k->attributes[*index].label : "");
  }
};

// A topic as the reader sees it: "attribute item", "award top3", in the reader's language.
std::string topic_text(const std::string& key, const std::string& topic, const version_names& names) {
  auto space = topic.find(' ');
  std::string word = topic.substr(0, space), rest = space == std::string::npos ? "" : topic.substr(space + 1);
  if (word == "attribute") return i18n::tr("attribute {}", names.attribute_named(key, rest));
  if (word == "award") return i18n::tr("award {}", names.distinction_named(rest));
  if (word == "subsidy") return i18n::tr("subsidy {}", rest);
  if (word == "grade") return i18n::tr("grade {}", names.grade_named(rest));
  if (word == "within") return i18n::text("ranking within groups");
  if (word == "rank") return i18n::text("ranking of groups");
  return topic;
}

// "amount changed", "cap added": the thing, then what happened to it (Chinese says it first).
std::string happened(change::what kind, const std::string& thing) {
  return kind == change::what::added     ? i18n::tr("{} added", thing)
         : kind == change::what::removed ? i18n::tr("{} removed", thing)
                                         : i18n::tr("{} changed", thing);
}

std::string describe(const std::string& subject, const std::string& topic, change::what kind, const version_names& names) {
  if (topic == "header") {
    if (subject.rfind("rule ", 0) == 0) return happened(kind, i18n::text("label or area"));
    return kind == change::what::added     ? i18n::text("added")
           : kind == change::what::removed ? i18n::text("removed")
                                           : i18n::text("changed");
  }
  if (topic == "amount") return happened(kind, i18n::text("amount"));
  if (topic == "capped") return happened(kind, i18n::text("cap"));
  if (topic == "counted") return happened(kind, i18n::text("count limit"));
  if (topic == "exempt") return happened(kind, i18n::text("exemption"));
  if (topic == "order") return happened(kind, i18n::text("ordering"));
  if (topic == "ties") return happened(kind, i18n::text("tie rule"));
  if (topic == "only") return happened(kind, i18n::text("eligibility"));
  if (topic == "when" || topic == "unless") return happened(kind, i18n::text("condition"));
  if (topic == "effect") return happened(kind, i18n::text("effect"));
  return happened(kind, topic_text(subject, topic, names));
}

// The role-holder subsidy's share: "10%".
std::string percent_of(const checked_version& v) {
  const auto* award = v.symbols.role_award;
  return award ? award->percent.text + "%" : "";
}

// "choices added: x; removed: y", or "" when the choices are the same: from the checked model.
std::string choice_changes(const std::string& key, const std::string& attribute, const version_names& was,
                           const version_names& is) {
  auto choices = [&](const version_names& names) -> const attribute_info* {
    const kind_info* k = names.kind_of_statement(key);
    auto index = k ? k->attribute_index(attribute) : std::nullopt;
    return index && k->attributes[*index].type == ast::type_kind::choice ? &k->attributes[*index] : nullptr;
  };
  const attribute_info* before = choices(was);
  const attribute_info* after = choices(is);
  if (!before || !after) return "";
  auto label_of = [](const attribute_info& a, std::size_t i) {
    return named(a.choices[i], i < a.choice_labels.size() ? a.choice_labels[i] : "");
  };
  std::vector<std::string> added, removed;
  for (std::size_t i = 0; i < after->choices.size(); ++i) {
    if (!before->choice_index(after->choices[i])) added.push_back(label_of(*after, i));
  }
  for (std::size_t i = 0; i < before->choices.size(); ++i) {
    if (!after->choice_index(before->choices[i])) removed.push_back(label_of(*before, i));
  }
  std::vector<std::string> parts;
  if (!added.empty()) parts.push_back(i18n::tr("choices added: {}", fmt::join(added, i18n::text(", "))));
  if (!removed.empty()) parts.push_back(i18n::tr("choices removed: {}", fmt::join(removed, i18n::text(", "))));
  return fmt::format("{}", fmt::join(parts, i18n::text("; ")));
}

// What a statement is, for the reader: "rule corridor_clutter", "role-holder subsidy"; in
// Chinese by its label alone when it has one (规则“楼道杂物”).
std::string plain_subject(const std::string& key, const std::string& label) {
  if (key == "role_subsidy") return i18n::text("role-holder subsidy");
  if (key == "scoring") return i18n::text("scoring");
  if (key == "ranking") return i18n::text("ranking");
  if (key == "awards") return i18n::text("awards");
  if (key == "grades") return i18n::text("grades");
  if (key == "roster") return i18n::text("roster");
  auto space = key.find(' ');
  if (space == std::string::npos) return key;
  std::string word = key.substr(0, space), id = key.substr(space + 1);
  if (chinese() && !label.empty()) {
    if (word == "rule") return i18n::text("rule");
    if (word == "event") return i18n::text("event");
    if (word == "area") return i18n::text("area");
    if (word == "veto") return i18n::text("veto");
    if (word == "role") return i18n::text("role");
  }
  if (word == "rule") return i18n::tr("rule {}", id);
  if (word == "event") return i18n::tr("event {}", id);
  if (word == "area") return i18n::tr("area {}", id);
  if (word == "veto") return i18n::tr("veto {}", id);
  if (word == "role") return i18n::tr("role {}", id);
  return key;
}

// ---- rules, in the council's terms -----------------------------------------------------------

// One version's side of a rule: the rule, the kind it counts, and the version's labels.
struct rule_side {
  const ast::rule_decl* rule = nullptr;
  const kind_info* kind = nullptr;
  version_names names;
  std::string kind_named() const { return names.kind_named(ast::counted_kind(rule->amount).text); }
};

rule_side find_rule(const checked_version& v, std::string_view id) {
  for (const auto* rule : v.symbols.rules) {
    if (rule->id.text != id) continue;
    auto kind = v.symbols.kind_index(ast::counted_kind(rule->amount).text);
    return {rule, kind ? &v.symbols.kinds[*kind] : nullptr, version_names{&v}};
  }
  return {};
}

// Whether an event with these values counts, in three-valued logic.
using counting = std::function<tri(const value_assignment&)>;

tri all_of(tri a, tri b) {
  if (a == tri::no || b == tri::no) return tri::no;
  return a == tri::yes && b == tri::yes ? tri::yes : tri::maybe;
}
tri negated(tri a) { return a == tri::yes ? tri::no : a == tri::no ? tri::yes : tri::maybe; }

counting counts_where(const std::optional<ast::condition>& filter, const kind_info& kind) {
  if (!filter) return [](const value_assignment&) { return tri::yes; };
  return [&filter, &kind](const value_assignment& values) { return evaluate(*filter, kind, values); };
}

// The choice and yes/no attributes that `conditions` mention, each with the values it can take.
// Nothing when one attribute takes different values in the two kinds: codes would not compare.
std::optional<std::vector<value_domain>> shared_domains(
    const std::vector<std::pair<const ast::condition*, const kind_info*>>& conditions) {
  std::vector<value_domain> domains;
  for (const auto& [cond, kind] : conditions) {
    if (cond) collect_domains(*cond, *kind, domains);
  }
  for (const auto& [cond, kind] : conditions) {
    for (const auto& d : domains) {
      auto index = kind->attribute_index(d.attribute);
      if (!index) continue;
      auto own = domain_of(kind->attributes[*index]);
      if (!own || own->values != d.values) return std::nullopt;
    }
  }
  return domains;
}

// An attribute and a value as the reader knows them: in Chinese, the labels the rubric gives
// (物品 轮椅 for item wheelchair), else the names as written.
struct value_words {
  const kind_info* kind = nullptr;
  std::string attribute(const value_domain& d) const {
    const attribute_info* a = find(d);
    return a && chinese() && !a->label.empty() ? a->label : d.attribute;
  }
  std::string value(const value_domain& d, std::size_t code) const {
    const attribute_info* a = find(d);
    if (a && chinese() && code < a->choice_labels.size() && !a->choice_labels[code].empty()) return a->choice_labels[code];
    return d.values[code];
  }

 private:
  static bool chinese() { return i18n::current_language() == i18n::language::zh; }
  const attribute_info* find(const value_domain& d) const {
    if (!kind) return nullptr;
    auto index = kind->attribute_index(d.attribute);
    return index ? &kind->attributes[*index] : nullptr;
  }
};

// "level university, junior_college"; several attributes: "act littering and resolved true; ...".
// Attributes whose every value is in the set are left out; empty when every event is.
std::string describe_values(const std::vector<value_domain>& domains, const std::vector<value_assignment>& set,
                            const value_words& words) {
  std::set<std::vector<std::size_t>> rows;
  for (const auto& values : set) {
    std::vector<std::size_t> row;
    for (const auto& d : domains) row.push_back(values.at(d.attribute));
    rows.insert(std::move(row));
  }
  std::vector<bool> shown(domains.size(), true);
  for (std::size_t j = 0; j < domains.size(); ++j) {
    bool free = std::all_of(rows.begin(), rows.end(), [&](std::vector<std::size_t> row) {
      for (std::size_t v = 0; v < domains[j].values.size(); ++v) {
        row[j] = v;
        if (!rows.count(row)) return false;
      }
      return true;
    });
    if (!free) continue;
    shown[j] = false;
    std::set<std::vector<std::size_t>> projected;
    for (auto row : rows) {
      row[j] = 0;
      projected.insert(std::move(row));
    }
    rows = std::move(projected);
  }
  std::vector<std::size_t> kept;
  for (std::size_t j = 0; j < domains.size(); ++j) {
    if (shown[j]) kept.push_back(j);
  }
  if (kept.empty()) return "";
  if (kept.size() == 1) {
    std::vector<std::string> values;
    for (const auto& row : rows) values.push_back(words.value(domains[kept[0]], row[kept[0]]));
    return i18n::tr("{} {}", words.attribute(domains[kept[0]]), fmt::join(values, i18n::text(", ")));
  }
  constexpr std::size_t most_shown = 6;
  std::vector<std::string> combinations;
  for (const auto& row : rows) {
    if (combinations.size() == most_shown) break;
    std::vector<std::string> parts;
    for (std::size_t j : kept) parts.push_back(i18n::tr("{} {}", words.attribute(domains[j]), words.value(domains[j], row[j])));
    combinations.push_back(fmt::format("{}", fmt::join(parts, i18n::text(" and "))));
  }
  std::string out = fmt::format("{}", fmt::join(combinations, "; "));
  if (rows.size() > most_shown) out += i18n::tr("; and {} more", rows.size() - most_shown);
  return out;
}

// Which values newly count and which stop counting, as sentences; nothing when some event's
// fate depends on a number (or there are too many combinations to say).
std::optional<std::vector<std::string>> counting_changes(const std::vector<value_domain>& domains,
                                                         const counting& before, const counting& after,
                                                         std::string_view kind, std::string_view prefix,
                                                         const value_words& words) {
  auto every = combinations(domains);
  if (!every) return std::nullopt;
  std::vector<value_assignment> gained, lost;
  for (const auto& values : *every) {
    tri was = before(values), is = after(values);
    if (was == tri::maybe || is == tri::maybe) return std::nullopt;
    if (was == tri::no && is == tri::yes) gained.push_back(values);
    if (was == tri::yes && is == tri::no) lost.push_back(values);
  }
  std::vector<std::string> out;
  if (!gained.empty()) {
    std::string values = describe_values(domains, gained, words);
    out.push_back(values.empty() ? i18n::tr("{}now counts every {}", prefix, kind)
                                 : i18n::tr("{}now also counts {}", prefix, values));
  }
  if (!lost.empty()) {
    std::string values = describe_values(domains, lost, words);
    out.push_back(values.empty() ? i18n::tr("{}no longer counts any {}", prefix, kind)
                                 : i18n::tr("{}no longer counts {}", prefix, values));
  }
  return out;
}

std::optional<std::string> filter_text(const std::optional<ast::condition>& filter) {
  if (!filter) return std::nullopt;
  return condition_text(*filter);
}

// The amount clause of a rule changed: what it counts (kind, condition) and what it gives.
// In Chinese a condition or amount is quoted as the whole clause the file writes (the surface has
// no words for a condition alone); in English as the condition or amount itself.
std::vector<std::string> amount_sentences(const rule_side& was, const rule_side& is, const printed_line& old_line,
                                          const printed_line& new_line) {
  std::vector<std::string> out;
  std::string old_kind = was.kind_named(), new_kind = is.kind_named();
  auto condition = [](const ast::condition& c, const printed_line& line) {
    return chinese() ? fmt::format("“{}”", line.shown) : condition_text(c);
  };
  const auto& old_filter = ast::amount_filter(was.rule->amount);
  const auto& new_filter = ast::amount_filter(is.rule->amount);
  if (ast::counted_kind(was.rule->amount).text != ast::counted_kind(is.rule->amount).text) {
    out.push_back(i18n::tr("now counts {} instead of {}", new_kind, old_kind));
    if (new_filter) out.push_back(i18n::tr("counts only {} where {}", new_kind, condition(*new_filter, new_line)));
  } else if (filter_text(old_filter) != filter_text(new_filter)) {
    std::optional<std::vector<std::string>> told;
    if (auto domains = shared_domains({{old_filter ? &*old_filter : nullptr, was.kind},
                                       {new_filter ? &*new_filter : nullptr, is.kind}})) {
      told = counting_changes(*domains, counts_where(old_filter, *was.kind), counts_where(new_filter, *is.kind),
                              new_kind, "", value_words{is.kind});
      if (told && told->empty()) told->push_back(i18n::text("condition reworded; it counts the same events"));
    }
    if (told) {
      out.insert(out.end(), told->begin(), told->end());
    } else if (!old_filter) {
      out.push_back(i18n::tr("now counts only {} where {}", new_kind, condition(*new_filter, new_line)));
    } else if (!new_filter) {
      out.push_back(i18n::tr("now counts every {}, not only where {}", new_kind, condition(*old_filter, old_line)));
    } else {
      out.push_back(i18n::tr("condition changed: {} where {} → where {}", new_kind, condition(*old_filter, old_line),
                             condition(*new_filter, new_line)));
    }
  }
  std::string old_worth = worth_text(was.rule->amount), new_worth = worth_text(is.rule->amount);
  if (old_worth != new_worth) {
    out.push_back(chinese() ? i18n::tr("amount changed: {} → {}", fmt::format("“{}”", old_line.shown),
                                       fmt::format("“{}”", new_line.shown))
                            : i18n::tr("amount changed: {} → {}", old_worth, new_worth));
  }
  return out;
}

const ast::exemption* exemption_at(const rule_side& side, span where) {
  for (const auto& e : side.rule->exemptions) {
    if (e.where.begin == where.begin && e.where.end == where.end) return &e;
  }
  return nullptr;
}

// An exemption added, removed or changed: which values it stops or starts counting.
std::vector<std::string> exemption_sentences(change::what kind, const rule_side& was, const rule_side& is,
                                             const ast::exemption* old_exemption, const ast::exemption* new_exemption) {
  std::string prefix = kind == change::what::added     ? i18n::text("exemption added: ")
                       : kind == change::what::removed ? i18n::text("exemption removed: ")
                                                       : i18n::text("exemption changed: ");
  // Counted by the version the exemption is in: its filter, less what the exemption spares.
  const rule_side& side = new_exemption ? is : was;
  const auto& filter = ast::amount_filter(side.rule->amount);
  counting counted = counts_where(filter, *side.kind);
  auto spared_by = [](const ast::exemption* e, const kind_info& k) -> counting {
    if (!e) return [](const value_assignment&) { return tri::no; };
    return [e, &k](const value_assignment& values) { return evaluate(e->when, k, values); };
  };
  counting spared_before = spared_by(old_exemption, *was.kind), spared_after = spared_by(new_exemption, *is.kind);
  auto domains = shared_domains({{filter ? &*filter : nullptr, side.kind},
                                 {old_exemption ? &old_exemption->when : nullptr, was.kind},
                                 {new_exemption ? &new_exemption->when : nullptr, is.kind}});
  std::optional<std::vector<std::string>> told;
  if (domains) {
    told = counting_changes(
        *domains, [&](const value_assignment& v) { return all_of(counted(v), negated(spared_before(v))); },
        [&](const value_assignment& v) { return all_of(counted(v), negated(spared_after(v))); },
        side.kind_named(), prefix, value_words{side.kind});
  }
  if (!told || told->empty()) return {happened(kind, i18n::text("exemption"))};
  return *told;
}

// "at most 10 deducted per month"
std::string cap_text(const ast::cap_clause& cap) {
  std::string points = cap.limit.text;
  if (!points.empty() && (points[0] == '-' || points[0] == '+')) points.erase(0, 1);
  std::string period = period_noun(ast::to_string(cap.period.value));
  return cap.limit.value.is_negative() ? i18n::tr("at most {} deducted per {}", points, period)
                                       : i18n::tr("at most {} awarded per {}", points, period);
}

const ast::cap_clause* cap_at(const rule_side& side, span where) {
  for (const auto& c : side.rule->caps) {
    if (c.where.begin == where.begin && c.where.end == where.end) return &c;
  }
  return nullptr;
}

// The sentences for one clause line of a rule that changed; empty when the line says nothing new
// (a renamed rule's first line).
std::vector<std::string> rule_sentences(const std::string& topic, change::what kind, const rule_side& was,
                                        const rule_side& is, const printed_line* old_line, const printed_line* new_line) {
  if (topic == "header") {
    std::vector<std::string> out;
    if (was.rule->title.text != is.rule->title.text) {
      out.push_back(i18n::tr("label changed: \"{}\" → \"{}\"", was.rule->title.text, is.rule->title.text));
    }
    if (was.rule->area.text != is.rule->area.text) {
      out.push_back(i18n::tr("area changed: {} → {}", was.names.area_named(was.rule->area.text),
                             is.names.area_named(is.rule->area.text)));
    }
    return out;
  }
  if (topic == "amount" && kind == change::what::changed && old_line && new_line) {
    return amount_sentences(was, is, *old_line, *new_line);
  }
  if (topic == "exempt") {
    return exemption_sentences(kind, was, is, old_line ? exemption_at(was, old_line->source) : nullptr,
                               new_line ? exemption_at(is, new_line->source) : nullptr);
  }
  if (topic == "capped") {
    const ast::cap_clause* old_cap = old_line ? cap_at(was, old_line->source) : nullptr;
    const ast::cap_clause* new_cap = new_line ? cap_at(is, new_line->source) : nullptr;
    if (old_cap && new_cap) return {i18n::tr("cap changed: {} → {}", cap_text(*old_cap), cap_text(*new_cap))};
    if (new_cap) return {i18n::tr("cap added: {}", cap_text(*new_cap))};
    if (old_cap) return {i18n::tr("cap removed: was {}", cap_text(*old_cap))};
  }
  return {describe("rule", topic, kind, is.names)};
}

// Every line but the first: a rule with the same body under another name is the rule renamed.
bool same_body(const printed_statement& a, const printed_statement& b) {
  if (a.lines.size() != b.lines.size()) return false;
  for (std::size_t i = 1; i < a.lines.size(); ++i) {
    if (a.lines[i].text != b.lines[i].text || a.lines[i].indent != b.lines[i].indent) return false;
  }
  return true;
}

}  // namespace

std::vector<change> diff_versions(const checked_version& old_version, const checked_version& new_version) {
  // Compared in the canonical English layout, which two trees that mean the same print alike
  // whatever their surface; quoted in each file's own surface.
  auto old_statements = print_statements(*old_version.tree, old_version.tree->written_in);
  auto new_statements = print_statements(*new_version.tree, new_version.tree->written_in);
  const version_names old_names{&old_version}, new_names{&new_version};
  std::map<std::string, const printed_statement*> old_by_key, new_by_key;
  for (const auto& s : old_statements) old_by_key.emplace(s.key, &s);
  for (const auto& s : new_statements) new_by_key.emplace(s.key, &s);
  const source_file* old_file = old_version.file.get();
  const source_file* new_file = new_version.file.get();
  std::vector<change> out;

  auto whole = [](const printed_statement& s) {
    std::string text;
    for (const auto& l : s.lines) {
      if (!text.empty()) text += '\n';
      text.append(static_cast<std::size_t>(l.indent) * 2, ' ');
      text += l.shown;
    }
    return text;
  };
  auto compare = [&](const printed_statement& o, const printed_statement& n) {
    struct entry {
      std::string topic;
      const printed_line* line;
    };
    std::vector<entry> removed, added;
    for (std::size_t i = 0; i < o.lines.size(); ++i) {
      bool kept = std::any_of(n.lines.begin(), n.lines.end(), [&](const auto& l) { return l.text == o.lines[i].text; });
      if (!kept) removed.push_back({o.lines[i].topic, &o.lines[i]});
    }
    for (std::size_t i = 0; i < n.lines.size(); ++i) {
      bool kept = std::any_of(o.lines.begin(), o.lines.end(), [&](const auto& l) { return l.text == n.lines[i].text; });
      if (!kept) added.push_back({n.lines[i].topic, &n.lines[i]});
    }
    // Rules are told in the council's terms: what newly counts, what a cap or exemption does.
    rule_side old_rule, new_rule;
    if (n.key.rfind("rule ", 0) == 0) {
      old_rule = find_rule(old_version, o.key.substr(5));
      new_rule = find_rule(new_version, n.key.substr(5));
    }
    auto sentences = [&](const std::string& topic, change::what kind, const printed_line* old_line,
                         const printed_line* new_line) -> std::vector<std::string> {
      if (old_rule.kind && new_rule.kind) return rule_sentences(topic, kind, old_rule, new_rule, old_line, new_line);
      return {describe(n.key, topic, kind, new_names)};
    };
    for (auto& a : added) {
      auto match = std::find_if(removed.begin(), removed.end(), [&](const entry& r) { return r.line && r.topic == a.topic; });
      change c;
      c.subject = n.key;
      c.label = n.label;
      c.new_text = a.line->shown;
      c.new_file = new_file;
      c.new_where = a.line->source;
      const printed_line* old_line = nullptr;
      if (match != removed.end()) {
        c.kind = change::what::changed;
        c.old_text = match->line->shown;
        c.old_file = old_file;
        c.old_where = match->line->source;
        old_line = match->line;
        match->line = nullptr;
      } else {
        c.kind = change::what::added;
      }
      if (a.topic.rfind("attribute ", 0) == 0 && c.kind == change::what::changed) {
        std::string choices = choice_changes(n.key, a.topic.substr(10), old_names, new_names);
        c.description = choices.empty() ? describe(n.key, a.topic, c.kind, new_names)
                                        : i18n::tr("{}: {}", topic_text(n.key, a.topic, new_names), choices);
      } else if (n.key == "role_subsidy" && a.topic == "header" && c.kind == change::what::changed) {
        c.description = fmt::format("{} → {}", percent_of(old_version), percent_of(new_version));
      } else {
        // One change per thing said, each in its own sentence.
        for (auto& sentence : sentences(a.topic, c.kind, old_line, a.line)) {
          change said = c;
          said.description = std::move(sentence);
          out.push_back(std::move(said));
        }
        continue;
      }
      out.push_back(std::move(c));
    }
    for (const auto& r : removed) {
      if (!r.line) continue;
      change c;
      c.kind = change::what::removed;
      c.subject = n.key;
      c.label = o.label;
      c.old_text = r.line->shown;
      c.old_file = old_file;
      c.old_where = r.line->source;
      for (auto& sentence : sentences(r.topic, c.kind, r.line, nullptr)) {
        change said = c;
        said.description = std::move(sentence);
        out.push_back(std::move(said));
      }
    }
  };

  // A statement only one version has.
  auto whole_change = [&](change::what kind, const printed_statement& s) {
    change c;
    c.kind = kind;
    c.subject = s.key;
    c.label = s.label;
    c.description = kind == change::what::added ? i18n::text("added") : i18n::text("removed");
    span where{s.lines.front().source.begin, s.lines.back().source.end};
    if (kind == change::what::added) {
      c.new_text = whole(s);
      c.new_file = new_file;
      c.new_where = where;
    } else {
      c.old_text = whole(s);
      c.old_file = old_file;
      c.old_where = where;
    }
    return c;
  };
  // A rule only one version has, with the same body as a rule only the other has: renamed.
  std::map<std::string, const printed_statement*> renamed_from;  // new key -> old statement
  std::set<std::string> renamed;                                  // old keys
  for (const auto& o : old_statements) {
    if (o.key.rfind("rule ", 0) != 0 || new_by_key.count(o.key)) continue;
    for (const auto& n : new_statements) {
      if (n.key.rfind("rule ", 0) != 0 || old_by_key.count(n.key) || renamed_from.count(n.key)) continue;
      if (!same_body(o, n)) continue;
      renamed_from.emplace(n.key, &o);
      renamed.insert(o.key);
      break;
    }
  }
  for (const auto& o : old_statements) {
    if (!new_by_key.count(o.key) && !renamed.count(o.key)) out.push_back(whole_change(change::what::removed, o));
  }
  for (const auto& n : new_statements) {
    if (auto from = renamed_from.find(n.key); from != renamed_from.end()) {
      const printed_statement& o = *from->second;
      change c;
      c.kind = change::what::renamed;
      c.subject = n.key;
      c.label = n.label;
      // In Chinese as the Chinese surface declares it: its label, then its name (楼道杂物（corridor）).
      std::string old_id = o.key.substr(5);
      c.description = i18n::tr("renamed from {}", chinese() && !o.label.empty() ? fmt::format("{}（{}）", o.label, old_id)
                                                                                : old_id);
      c.old_text = o.lines.front().shown;
      c.old_file = old_file;
      c.old_where = o.lines.front().source;
      c.new_text = n.lines.front().shown;
      c.new_file = new_file;
      c.new_where = n.lines.front().source;
      out.push_back(std::move(c));
      compare(o, n);
      continue;
    }
    auto it = old_by_key.find(n.key);
    if (it == old_by_key.end()) {
      out.push_back(whole_change(change::what::added, n));
      continue;
    }
    compare(*it->second, n);
  }
  return out;
}

namespace {

std::string location(const source_file* file, span where) {
  if (!file) return "";
  auto at = file->locate(where.begin);
  return fmt::format("{}:{}:{}", file->path(), at.line, character_column(*file, where.begin));
}

std::string version_line(const checked_version& v) {
  const auto& d = v.effective();
  return i18n::tr("\"{}\" (effective {:04}-{:02}-{:02}, {})", v.version_id(), d.year, d.month, d.day, v.file->path());
}

}  // namespace

std::string render_diff_text(const checked_version& old_version, const checked_version& new_version,
                             const std::vector<change>& changes) {
  std::string out = i18n::tr("from version {}\n  to version {}\n", version_line(old_version), version_line(new_version));
  if (changes.empty()) return out + i18n::text("\nthe two versions mean the same\n");
  out += i18n::trn("\n{} difference:\n", "\n{} differences:\n", changes.size(), changes.size());
  for (const auto& c : changes) {
    std::string subject = plain_subject(c.subject, c.label);
    std::string label = c.label.empty() ? "" : i18n::tr(" \"{}\"", c.label);
    out += i18n::tr("\n* {}{}: {}\n", subject, label, c.description);
    auto indent = [](const std::string& text) {
      std::string r;
      std::size_t start = 0;
      while (start <= text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        r += fmt::format("      {}\n", text.substr(start, end - start));
        start = end + 1;
      }
      return r;
    };
    if (!c.old_text.empty()) out += i18n::tr("    was  ({})\n{}", location(c.old_file, c.old_where), indent(c.old_text));
    if (!c.new_text.empty()) out += i18n::tr("    now  ({})\n{}", location(c.new_file, c.new_where), indent(c.new_text));
  }
  return out;
}

std::string render_diff_json(const checked_version& old_version, const checked_version& new_version,
                             const std::vector<change>& changes) {
  nlohmann::ordered_json root;
  auto version = [](const checked_version& v) {
    nlohmann::ordered_json j;
    j["version"] = v.version_id();
    const auto& d = v.effective();
    j["effective"] = fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day);
    j["file"] = v.file->path();
    return j;
  };
  root["from"] = version(old_version);
  root["to"] = version(new_version);
  root["same"] = changes.empty();
  auto items = nlohmann::ordered_json::array();
  for (const auto& c : changes) {
    nlohmann::ordered_json j;
    j["change"] = c.kind == change::what::added     ? "added"
                  : c.kind == change::what::removed ? "removed"
                  : c.kind == change::what::renamed ? "renamed"
                                                    : "changed";
    j["subject"] = c.subject;
    j["label"] = c.label;
    j["description"] = c.description;
    j["old"] = c.old_text.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(c.old_text);
    j["new"] = c.new_text.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(c.new_text);
    j["old_location"] = c.old_file ? nlohmann::ordered_json(location(c.old_file, c.old_where)) : nlohmann::ordered_json();
    j["new_location"] = c.new_file ? nlohmann::ordered_json(location(c.new_file, c.new_where)) : nlohmann::ordered_json();
    items.push_back(std::move(j));
  }
  root["changes"] = std::move(items);
  return json_text(root);
}

}  // namespace rubric::lang
