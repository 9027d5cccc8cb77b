#include "lang/workspace.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include <fmt/format.h>

#include "lang/describe.hpp"
#include "lang/format.hpp"
#include "lang/grammar.hpp"
#include "lang/grammar_zh.hpp"
#include "lang/overloaded.hpp"
#include "lang/parse.hpp"
#include "lang/surface/identifier.hpp"
#include "lang/surface/surface.hpp"

namespace rubric::lang::workspace {

namespace {

// The message language for the duration of one call, restored after it: the choice is global
// (lang/i18n.hpp) and the command line made it for the whole program.
class language_scope {
 public:
  explicit language_scope(i18n::language lang) : previous_(i18n::current_language()) { i18n::set_language(lang); }
  ~language_scope() { i18n::set_language(previous_); }
  language_scope(const language_scope&) = delete;
  language_scope& operator=(const language_scope&) = delete;

 private:
  i18n::language previous_;
};

// The length of the UTF-8 sequence a lead byte starts (1 for a stray continuation byte, so that
// invalid text still advances).
std::uint32_t sequence_length(unsigned char lead) {
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
}

// One code point decoded at `offset`; invalid bytes read as themselves.
char32_t decode_at(std::string_view text, std::size_t offset, std::size_t& length) {
  auto lead = static_cast<unsigned char>(text[offset]);
  length = std::min<std::size_t>(sequence_length(lead), text.size() - offset);
  if (length == 1) return lead;
  char32_t cp = lead & (0xFF >> (length + 1));
  for (std::size_t i = 1; i < length; ++i) cp = (cp << 6) | (static_cast<unsigned char>(text[offset + i]) & 0x3F);
  return cp;
}

// The offset where the name ending at `end` begins (== end when none ends there).
std::size_t name_start_before(std::string_view text, std::size_t end) {
  std::size_t start = end;
  while (start > 0) {
    std::size_t lead = start - 1;
    while (lead > 0 && (static_cast<unsigned char>(text[lead]) & 0xC0) == 0x80) --lead;
    std::size_t length = 0;
    char32_t cp = decode_at(text, lead, length);
    if (!(surface::is_identifier_continue(cp) || cp == '_')) break;
    start = lead;
  }
  return start;
}

bool is_blank_before(std::string_view text, std::size_t end, std::size_t& start) {
  start = end;
  while (start > 0) {
    if (text[start - 1] == ' ' || text[start - 1] == '\t') {
      --start;
    } else if (start >= 3 && text.substr(start - 3, 3) == "\u3000") {
      start -= 3;
    } else {
      break;
    }
  }
  return start != end;
}

std::string_view span_text(std::string_view text, span s) {
  if (s.begin > text.size() || s.end > text.size() || s.end < s.begin) return {};
  return text.substr(s.begin, s.end - s.begin);
}

bool contains(span s, std::uint32_t offset) { return s.begin <= offset && offset <= s.end && s.end > s.begin; }

// ---- the index -----------------------------------------------------------------------------------

class indexer {
 public:
  indexer(analysis& a) : a_(a), text_(a.file->text()) {}

  void run(const ast::rubric_file& tree) {
    for (const auto& statement : tree.statements) declare(statement);
    for (const auto& statement : tree.statements) refer(statement);
    std::stable_sort(a_.references.begin(), a_.references.end(),
                     [](const reference& x, const reference& y) { return x.where.begin < y.where.begin; });
  }

 private:
  using key = std::tuple<symbol_sort, std::string, std::string>;

  std::size_t add(symbol_sort sort, const ast::name& id, const ast::label* title, std::string scope, span whole,
                  std::optional<std::size_t> parent = std::nullopt) {
    symbol s;
    s.sort = sort;
    s.name = id.text;
    s.name_span = id.where;
    if (title) {
      s.label = title->text;
      s.label_span = title->where;
    }
    s.scope = std::move(scope);
    s.declaration = whole;
    s.parent = parent;
    a_.symbols.push_back(std::move(s));
    std::size_t index = a_.symbols.size() - 1;
    const symbol& added = a_.symbols.back();
    by_name_.try_emplace(key{sort, added.scope, added.name}, index);
    return index;
  }
  std::size_t add(symbol_sort sort, const ast::name& id, const std::optional<ast::label>& title, std::string scope,
                  span whole, std::optional<std::size_t> parent = std::nullopt) {
    return add(sort, id, title ? &*title : nullptr, std::move(scope), whole, parent);
  }

  void attributes(const std::vector<ast::attribute_decl>& list, const std::string& kind, symbol_sort sort,
                  std::optional<std::size_t> parent) {
    for (const auto& attribute : list) {
      std::size_t index = add(sort, attribute.id, attribute.title, kind, attribute.where, parent);
      for (const auto& choice : attribute.type.choices) {
        add(symbol_sort::choice, choice.id, choice.title, kind + "." + attribute.id.text, choice.where, index);
      }
    }
  }

  void distinctions(const std::vector<ast::distinction_decl>& list) {
    for (const auto& d : list) add(symbol_sort::distinction, d.id, &d.title, "", d.where);
  }

  void declare(const ast::statement& statement) {
    std::visit(overloaded{
                   [&](const ast::role_decl& r) { add(symbol_sort::role, r.id, &r.title, "", r.where); },
                   [&](const ast::event_decl& e) {
                     std::size_t kind = add(symbol_sort::kind, e.id, e.title, "", e.where);
                     attributes(e.attributes, e.id.text, symbol_sort::attribute, kind);
                   },
                   [&](const ast::roster_decl& r) { attributes(r.columns, "", symbol_sort::roster_column, std::nullopt); },
                   [&](const ast::area_decl& area) { add(symbol_sort::area, area.id, &area.title, "", area.where); },
                   [&](const ast::rule_decl& r) { add(symbol_sort::rule, r.id, &r.title, "", r.where); },
                   [&](const ast::veto_decl& v) { add(symbol_sort::veto, v.id, &v.reason, "", v.where); },
                   [&](const ast::ranking_decl& r) { distinctions(r.distinctions); },
                   [&](const ast::awards_decl& r) { distinctions(r.distinctions); },
                   [&](const ast::grades_decl& g) {
                     for (const auto& grade : g.grades) add(symbol_sort::grade, grade.id, &grade.title, "", grade.where);
                   },
                   [&](const auto&) {},
               },
               statement);
  }

  // A reference to a declaration; one that names nothing declared is the checker's to report.
  bool refer_to(symbol_sort sort, const std::string& scope, const ast::name& n) {
    if (n.text.empty()) return false;
    auto found = by_name_.find(key{sort, scope, n.text});
    if (found == by_name_.end()) return false;
    const symbol& s = a_.symbols[found->second];
    // A declaration's own name is not a reference to it.
    if (s.name_span.begin == n.where.begin && s.name_span.end == n.where.end) return true;
    a_.references.push_back({found->second, n.where, span_text(text_, n.where) != s.name});
    return true;
  }

  // A condition over the attributes of `kind` (sort attribute), or over the roster's columns.
  void condition(const ast::condition& c, const std::string& kind, symbol_sort attribute_sort) {
    for (const auto& operand : c.operands) condition(operand, kind, attribute_sort);
    if (c.attribute.text.empty()) return;
    refer_to(attribute_sort, kind, c.attribute);
    for (const auto& value : c.values) {
      if (value.type == ast::literal::kind::word) refer_to(symbol_sort::choice, kind + "." + c.attribute.text, value.word);
    }
  }
  void filter(const std::optional<ast::condition>& c, const std::string& kind) {
    if (c) condition(*c, kind, symbol_sort::attribute);
  }
  void attribute_of(const std::string& kind, const ast::name& attribute) {
    refer_to(symbol_sort::attribute, kind, attribute);
  }

  void defaults(const std::vector<ast::attribute_decl>& list, const std::string& kind) {
    for (const auto& attribute : list) {
      if (attribute.default_value && attribute.default_value->type == ast::literal::kind::word) {
        refer_to(symbol_sort::choice, kind + "." + attribute.id.text, attribute.default_value->word);
      }
    }
  }

  void standing(const std::vector<std::vector<ast::order_term>>& orders, const std::vector<ast::distinction_decl>& list,
                const std::vector<ast::condition>& filters) {
    for (const auto& order : orders) {
      for (const auto& term : order) {
        if (!term.total && !refer_to(symbol_sort::distinction, "", term.key)) refer_to(symbol_sort::grade, "", term.key);
      }
    }
    for (const auto& d : list) {
      if (d.role) refer_to(symbol_sort::role, "", *d.role);
      if (d.run) refer_to(symbol_sort::distinction, "", d.run->distinction);
    }
    for (const auto& f : filters) condition(f, "", symbol_sort::roster_column);
  }

  void refer(const ast::statement& statement) {
    std::visit(overloaded{
                   [&](const ast::event_decl& e) { defaults(e.attributes, e.id.text); },
                   [&](const ast::roster_decl& r) { defaults(r.columns, ""); },
                   [&](const ast::rule_decl& r) {
                     refer_to(symbol_sort::area, "", r.area);
                     const std::string kind = ast::counted_kind(r.amount).text;
                     std::visit(overloaded{
                                    [&](const ast::each_clause& each) {
                                      refer_to(symbol_sort::kind, "", each.kind);
                                      filter(each.filter, kind);
                                      std::visit(overloaded{
                                                     [&](const ast::fixed_amounts& fixed) {
                                                       for (const auto& choice : fixed.choices) {
                                                         if (choice.value.per_attribute) attribute_of(kind, *choice.value.per_attribute);
                                                         filter(choice.when, kind);
                                                       }
                                                     },
                                                     [&](const ast::recorded_amount& recorded) { attribute_of(kind, recorded.attribute); },
                                                     [&](const ast::escalation&) {},
                                                     [&](const ast::daily_amount& daily) { attribute_of(kind, daily.until); },
                                                 },
                                                 each.amount);
                                    },
                                    [&](const ast::absence_clause& absence) {
                                      refer_to(symbol_sort::kind, "", absence.kind);
                                      filter(absence.filter, kind);
                                    },
                                    [&](const auto& clause) {  // total, distinct, average: ATTRIBUTE of KIND
                                      refer_to(symbol_sort::kind, "", clause.kind);
                                      attribute_of(kind, clause.attribute);
                                      filter(clause.filter, kind);
                                    },
                                },
                                r.amount);
                     for (const auto& exemption : r.exemptions) condition(exemption.when, kind, symbol_sort::attribute);
                   },
                   [&](const ast::veto_decl& v) {
                     refer_to(symbol_sort::kind, "", v.kind);
                     filter(v.filter, v.kind.text);
                     for (const auto& effect : v.effects) {
                       if (effect.what == ast::veto_effect::action::not_eligible) refer_to(symbol_sort::distinction, "", effect.distinction);
                     }
                   },
                   [&](const ast::ranking_decl& r) {
                     standing(r.orders, r.distinctions, r.filters);
                     for (const auto& g : r.min_grades) refer_to(symbol_sort::grade, "", g);
                     for (const auto& c : r.within) refer_to(symbol_sort::roster_column, "", c);
                     for (const auto& c : r.groups) refer_to(symbol_sort::roster_column, "", c);
                   },
                   [&](const ast::awards_decl& r) {
                     standing(r.orders, r.distinctions, r.filters);
                     for (const auto& e : r.eligibility) refer_to(symbol_sort::distinction, "", e.distinction);
                   },
                   [&](const ast::role_award_decl& r) {
                     for (const auto& test : r.tests) {
                       refer_to(symbol_sort::kind, "", test.kind);
                       filter(test.filter, test.kind.text);
                     }
                   },
                   [&](const ast::balance_decl& b) {
                     if (!b.redemption_kind) return;
                     refer_to(symbol_sort::kind, "", *b.redemption_kind);
                     attribute_of(b.redemption_kind->text, *b.redemption_attribute);
                   },
                   [&](const auto&) {},
               },
               statement);
  }

  analysis& a_;
  std::string_view text_;
  std::map<key, std::size_t> by_name_;
};

diagnostic_item item_of(const diagnostic& d, const text_positions& positions) {
  diagnostic_item item;
  item.code = std::string(d.code());
  item.level = d.level();
  item.message = d.message;
  item.help = d.help;
  item.bytes = d.where;
  item.where = positions.of(d.where);
  for (const auto& note : d.notes) {
    if (note.file && note.file != d.file) {
      auto place = note.file->locate(note.where.begin);
      item.notes.push_back(fmt::format("{}:{}:{}: {}", note.file->path(), place.line, place.column, note.message));
    } else if (note.file) {
      auto place = note.file->locate(note.where.begin);
      item.notes.push_back(fmt::format("{}:{}: {}", place.line, place.column, note.message));
    } else {
      item.notes.push_back(note.message);
    }
  }
  return item;
}

}  // namespace

// ---- positions ---------------------------------------------------------------------------------

text_positions::text_positions(std::string_view text) : text_(text) {
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') line_starts_.push_back(static_cast<std::uint32_t>(i + 1));
  }
}

position text_positions::at(std::uint32_t offset) const {
  offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(text_.size()));
  auto after = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  auto line = static_cast<std::uint32_t>(after - line_starts_.begin() - 1);
  std::uint32_t units = 0;
  for (std::size_t i = line_starts_[line]; i < offset;) {
    std::size_t length = 0;
    char32_t cp = decode_at(text_, i, length);
    units += cp > 0xFFFF ? 2 : 1;
    i += length;
  }
  return {line, units};
}

std::uint32_t utf16_units(std::string_view text, std::uint32_t byte_offset) {
  byte_offset = std::min<std::uint32_t>(byte_offset, static_cast<std::uint32_t>(text.size()));
  std::uint32_t units = 0;
  for (std::size_t i = 0; i < byte_offset;) {
    std::size_t length = 0;
    char32_t cp = decode_at(text, i, length);
    units += cp > 0xFFFF ? 2 : 1;
    i += length;
  }
  return units;
}

std::uint32_t text_positions::offset(position where) const {
  if (where.line >= line_starts_.size()) return static_cast<std::uint32_t>(text_.size());
  std::size_t i = line_starts_[where.line];
  std::size_t line_end = where.line + 1 < line_starts_.size() ? line_starts_[where.line + 1] - 1 : text_.size();
  std::uint32_t units = 0;
  while (i < line_end && units < where.character) {
    std::size_t length = 0;
    char32_t cp = decode_at(text_, i, length);
    units += cp > 0xFFFF ? 2 : 1;
    i += length;
  }
  return static_cast<std::uint32_t>(i);
}

void apply_change(std::string& text, range where, std::string_view replacement) {
  text_positions positions(text);
  std::uint32_t begin = positions.offset(where.start), end = positions.offset(where.end);
  if (end < begin) std::swap(begin, end);
  text.replace(begin, end - begin, replacement);
}

// ---- analysis ----------------------------------------------------------------------------------

analysis analyse(options opts, const analysis* previous) {
  analysis a;
  a.written_in = surface::detect(opts.text);
  a.messages = opts.messages.value_or(a.written_in == ast::surface::zh ? i18n::language::zh : i18n::language::en);
  language_scope in_language(a.messages);
  auto file = std::make_shared<const source_file>(opts.path, std::move(opts.text));
  a.file = file;

  diagnostics found;
  std::vector<std::shared_ptr<const source_file>> versions;
  for (auto& sibling : opts.siblings) {
    if (sibling && sibling->path() != file->path()) versions.push_back(sibling);
  }
  if (versions.empty()) {
    version_result checked = check_version(file);
    found = std::move(checked.diags);
    if (checked.version) a.checked = std::move(*checked.version);
  } else {
    versions.push_back(file);
    folder_result folder = check_versions(versions, true);
    found = std::move(folder.diags);
    for (auto& version : folder.versions) {
      if (version.file == file) a.checked = std::move(version);
    }
    if (a.checked && has_errors(found)) {
      // A folder error in this file (its id against its name, its date against another's) still
      // leaves the version itself checked: keep it for hover.
    }
  }

  text_positions positions(file->text());
  for (const auto& d : found) {
    if (d.file == file.get()) a.diagnostics.push_back(item_of(d, positions));
  }

  if (a.checked) {
    // Shares the checked tree: aliasing keeps the checked version, which owns it, the owner.
    a.tree = std::shared_ptr<const ast::rubric_file>(std::shared_ptr<void>(), a.checked->tree.get());
  } else if (auto parsed = parse(*file); parsed.tree) {
    a.tree = std::make_shared<const ast::rubric_file>(std::move(*parsed.tree));
  }
  if (a.tree) {
    indexer(a).run(*a.tree);
  } else if (previous) {
    a.symbols = previous->symbols;
    a.symbols_carried = true;
  }
  return a;
}

// ---- queries -------------------------------------------------------------------------------------

std::optional<span> name_span_at(const analysis& a, std::uint32_t offset) {
  if (a.symbols_carried) return std::nullopt;  // their spans are another text's
  for (const auto& r : a.references) {
    if (contains(r.where, offset)) return r.where;
  }
  for (const auto& s : a.symbols) {
    if (contains(s.name_span, offset)) return s.name_span;
    if (a.written_in == ast::surface::zh && s.label_span && contains(*s.label_span, offset)) return *s.label_span;
  }
  return std::nullopt;
}

std::optional<std::size_t> symbol_at(const analysis& a, std::uint32_t offset) {
  if (a.symbols_carried) return std::nullopt;
  for (const auto& r : a.references) {
    if (contains(r.where, offset)) return r.symbol;
  }
  for (std::size_t i = 0; i < a.symbols.size(); ++i) {
    const symbol& s = a.symbols[i];
    if (contains(s.name_span, offset)) return i;
    if (a.written_in == ast::surface::zh && s.label_span && contains(*s.label_span, offset)) return i;
  }
  return std::nullopt;
}

std::string sort_words(symbol_sort sort) {
  switch (sort) {
    case symbol_sort::kind: return i18n::text("event kind");
    case symbol_sort::attribute: return i18n::text("attribute");
    case symbol_sort::roster_column: return i18n::text("roster column");
    case symbol_sort::choice: return i18n::text("choice");
    case symbol_sort::area: return i18n::text("area");
    case symbol_sort::role: return i18n::text("role");
    case symbol_sort::rule: return i18n::text("rule");
    case symbol_sort::veto: return i18n::text("veto");
    case symbol_sort::distinction: return i18n::text("distinction");
    case symbol_sort::grade: return i18n::text("grade");
  }
  return {};
}

std::string hover(const analysis& a, std::uint32_t offset) {
  auto found = symbol_at(a, offset);
  if (!found) return {};
  language_scope in_language(a.messages);
  const symbol& s = a.symbols[*found];
  // The heading: what it is, by its label and its name ("规则 楼道杂物（corridor_clutter）").
  std::string heading = s.label.empty() || s.label == s.name
                            ? fmt::format("{} {}", sort_words(s.sort), s.name)
                            : i18n::tr("{} {} ({})", sort_words(s.sort), s.label, s.name);
  if (!a.checked) return heading;
  version_description d = describe(*a.checked);
  std::vector<std::string> lines{heading};
  switch (s.sort) {
    case symbol_sort::rule:
      for (const auto& r : d.rules) {
        if (r.id == s.name) lines.push_back(r.sentence);
      }
      break;
    case symbol_sort::kind:
      for (const auto& k : d.kinds) {
        if (k.name != s.name) continue;
        lines.push_back(k.sentence);
        for (const auto& attribute : k.attributes) lines.push_back("- " + attribute.sentence);
        if (!k.rules.empty()) lines.push_back(i18n::tr("counted by: {}", fmt::join(k.rules, i18n::text(", "))));
        if (!k.vetoes.empty()) lines.push_back(i18n::tr("vetoes: {}", fmt::join(k.vetoes, i18n::text(", "))));
      }
      break;
    case symbol_sort::attribute:
      for (const auto& k : d.kinds) {
        if (k.name != s.scope) continue;
        for (const auto& attribute : k.attributes) {
          if (attribute.name == s.name) lines.push_back(attribute.sentence);
        }
      }
      break;
    case symbol_sort::area:
      for (const auto& area : d.areas) {
        if (area.id == s.name) lines.push_back(area.sentence);
      }
      for (const auto& r : d.rules) {
        if (r.area_id == s.name) lines.push_back("- " + r.sentence);
      }
      break;
    case symbol_sort::veto:
      for (const auto& v : d.vetoes) {
        if (v.id == s.name) lines.push_back(v.sentence);
      }
      break;
    case symbol_sort::grade:
      // d.grades follows the grades' order: its sentence states the threshold and any consequence.
      if (const auto* grades = a.checked->symbols.grades) {
        for (std::size_t g = 0; g < grades->grades.size() && g < d.grades.size(); ++g) {
          if (grades->grades[g].id.text == s.name) lines.push_back(d.grades[g]);
        }
      }
      break;
    default: break;
  }
  return fmt::format("{}", fmt::join(lines, "\n"));
}

namespace {

// The last word of `text` before `end` (skipping blanks), and where it starts.
std::string_view word_before(std::string_view text, std::size_t end, std::size_t* start_out = nullptr) {
  std::size_t blank_start = end;
  is_blank_before(text, end, blank_start);
  std::size_t start = name_start_before(text, blank_start);
  if (start_out) *start_out = start;
  return text.substr(start, blank_start - start);
}

// The kind a clause on the line [line_begin, line_end) counts, as written: `each clutter`,
// `no X`, `of X`, `when any X`; Chinese `每次 楼道杂物`, `无 X`, `有 X`, or `X 的 …` first.
std::optional<std::string> kind_on_line(std::string_view line, ast::surface written_in) {
  auto after = [&](std::string_view word) -> std::optional<std::string> {
    std::optional<std::string> last;
    for (std::size_t at = line.find(word); at != std::string_view::npos; at = line.find(word, at + 1)) {
      bool starts_word = at == 0 || line[at - 1] == ' ' || line[at - 1] == '\t' || written_in == ast::surface::zh;
      std::size_t rest = at + word.size();
      while (rest < line.size() && (line[rest] == ' ' || line[rest] == '\t')) ++rest;
      if (!starts_word || (rest == at + word.size() && written_in == ast::surface::en)) continue;
      std::size_t length = surface::identifier_length(line.substr(rest));
      if (length > 0) last = std::string(line.substr(rest, length));
    }
    return last;
  };
  if (written_in == ast::surface::zh) {
    for (std::string_view word : {"每次", "无", "有"}) {
      if (auto k = after(word)) return k;
    }
    std::size_t first = line.find_first_not_of(" \t");
    if (first != std::string_view::npos) {
      std::string_view rest = line.substr(first);
      std::size_t length = surface::identifier_length(rest);
      std::string_view tail = rest.substr(length);
      std::size_t next = tail.find_first_not_of(' ');
      if (length > 0 && next != std::string_view::npos && tail.substr(next).starts_with("的")) return std::string(rest.substr(0, length));
    }
    return std::nullopt;
  }
  for (std::string_view word : {"each", "no", "any", "of"}) {
    if (auto k = after(word)) return k;
  }
  return std::nullopt;
}

// A symbol by its name or label.
std::optional<std::size_t> find_symbol(const analysis& a, symbol_sort sort, std::string_view scope, std::string_view written) {
  for (std::size_t i = 0; i < a.symbols.size(); ++i) {
    const symbol& s = a.symbols[i];
    if (s.sort == sort && s.scope == scope && (s.name == written || (!s.label.empty() && s.label == written))) return i;
  }
  return std::nullopt;
}

completion candidate(const analysis& a, const symbol& s, completion_kind kind) {
  bool by_label = a.written_in == ast::surface::zh && !s.label.empty();
  std::string text = by_label ? s.label : s.name;
  // A Chinese label that is not one word (or is a keyword) is written quoted.
  if (by_label && !surface::is_bare_word_zh(text)) text = "「" + text + "」";
  return {text, by_label ? s.name : s.label, kind};
}

std::vector<completion> of_sort(const analysis& a, symbol_sort sort, std::string_view scope, completion_kind kind) {
  std::vector<completion> out;
  for (const auto& s : a.symbols) {
    if (s.sort == sort && s.scope == scope) out.push_back(candidate(a, s, kind));
  }
  return out;
}

enum class wanted { keywords, kinds, areas, distinctions, attributes, choices };

}  // namespace

std::vector<completion> complete(const analysis& a, std::uint32_t offset) {
  std::string_view text = a.file->text();
  offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(text.size()));
  std::size_t line_begin = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  line_begin = line_begin == std::string_view::npos || offset == 0 ? 0 : line_begin + 1;
  if (offset > 0 && text[offset - 1] == '\n') line_begin = offset;
  // What is typed so far of the word being completed is not context.
  std::size_t typed = name_start_before(text, offset);
  std::string_view line = text.substr(line_begin, typed - line_begin);
  const bool zh = a.written_in == ast::surface::zh;

  std::size_t word_start = 0;
  std::string_view previous = word_before(line, line.size(), &word_start);
  std::size_t trimmed_end = line.size();
  is_blank_before(line, line.size(), trimmed_end);
  std::string_view before = line.substr(0, trimmed_end);
  std::string_view before_previous = word_before(line, word_start);

  wanted want = wanted::keywords;
  std::string attribute;  // for choices
  auto ends_with = [&](std::string_view suffix) { return before.ends_with(suffix); };
  if (!zh) {
    if (previous == "each" || previous == "no" || previous == "any") want = wanted::kinds;
    else if (previous == "of" && before_previous == "one") want = wanted::choices;
    else if (previous == "of") want = wanted::kinds;
    else if (previous == "in") want = wanted::areas;
    else if (previous == "for" || previous == "with") want = wanted::distinctions;
    else if (previous == "is" || (previous == "not" && before_previous == "is")) want = wanted::choices;
    else if (ends_with(",") && before.find(" is one of ") != std::string_view::npos) want = wanted::choices;
    else if (previous == "where" || previous == "if" || previous == "and" || previous == "or" || previous == "when" ||
             previous == "not" || previous == "per" || previous == "total" || previous == "distinct" ||
             previous == "average" || previous == "recorded" || previous == "until")
      want = wanted::attributes;
    if (want == wanted::choices) {
      std::size_t is_at = before.rfind(" is ");
      if (is_at != std::string_view::npos) attribute = std::string(word_before(before, is_at));
    }
  } else {
    if (ends_with("每次") || ends_with("无") || previous == "有" || ends_with(" 有")) want = wanted::kinds;
    else if (ends_with("属于")) want = wanted::areas;
    else if (ends_with("不得评为") || ends_with("获")) want = wanted::distinctions;
    else if (ends_with("为") || ends_with("、")) {
      want = wanted::choices;
      std::size_t is_at = before.rfind("为");
      if (is_at != std::string_view::npos) {
        std::size_t end = is_at;
        if (before.substr(0, end).ends_with("不")) end -= 3;
        attribute = std::string(word_before(before, end));
      }
    } else if (ends_with("限") || ends_with("且") || ends_with("或") || ends_with("并非") || ends_with("每") ||
               ends_with("：") || ends_with("的") || ends_with("直至") || ends_with("（"))
      want = wanted::attributes;
  }

  std::vector<completion> out;
  if (want == wanted::keywords) {
    auto add_words = [&](const auto& words) {
      for (std::string_view w : words) out.push_back({std::string(w), {}, completion_kind::keyword});
    };
    if (zh) add_words(grammar_zh::reserved_words);
    else add_words(grammar::reserved_words);
    std::sort(out.begin(), out.end(), [](const completion& x, const completion& y) { return x.text < y.text; });
    return out;
  }
  if (want == wanted::kinds) return of_sort(a, symbol_sort::kind, "", completion_kind::kind);
  if (want == wanted::areas) return of_sort(a, symbol_sort::area, "", completion_kind::area);
  if (want == wanted::distinctions) return of_sort(a, symbol_sort::distinction, "", completion_kind::distinction);

  // The kind in scope: on this line, else on the lines above up to the statement's first line
  // (the one that is not indented).
  std::optional<std::string> kind_written;
  bool roster = false;
  for (std::size_t end = offset;;) {
    std::size_t begin = text.rfind('\n', end == 0 ? 0 : end - 1);
    begin = (begin == std::string_view::npos || end == 0) ? 0 : begin + 1;
    if (end > 0 && text[end - 1] == '\n') begin = end;
    std::string_view current = text.substr(begin, end - begin);
    if (!kind_written) kind_written = kind_on_line(current, a.written_in);
    bool statement_start = !current.empty() && current[0] != ' ' && current[0] != '\t' && current[0] != '#';
    if (statement_start) {
      roster = current.starts_with("ranking") || current.starts_with("awards") || current.starts_with("每月排名") ||
               current.starts_with("每年评奖") || (current.starts_with("每") && current.find("排名") != std::string_view::npos);
      break;
    }
    if (begin == 0 || kind_written) break;
    end = begin - 1;
  }
  std::string kind;
  if (kind_written) {
    if (auto k = find_symbol(a, symbol_sort::kind, "", *kind_written)) kind = a.symbols[*k].name;
  }
  symbol_sort attribute_sort = (kind.empty() && roster) ? symbol_sort::roster_column : symbol_sort::attribute;
  if (want == wanted::attributes) {
    if (kind.empty() && !roster) return {};
    return of_sort(a, attribute_sort, kind, completion_kind::attribute);
  }
  // Choices of the attribute named before `is` / `为`.
  auto attribute_index = find_symbol(a, attribute_sort, kind, attribute);
  if (!attribute_index) return {};
  return of_sort(a, symbol_sort::choice, kind + "." + a.symbols[*attribute_index].name, completion_kind::choice);
}

std::optional<std::string> formatted(const analysis& a) {
  if (!a.tree) return std::nullopt;
  language_scope in_language(a.messages);
  return format(*a.tree, *a.file, a.written_in);
}

rename_result rename(const analysis& a, std::uint32_t offset, std::string_view requested) {
  language_scope in_language(a.messages);
  rename_result result;
  auto found = symbol_at(a, offset);
  auto at = name_span_at(a, offset);
  if (!found || !at) {
    result.error = i18n::text("there is no declared name here to rename");
    return result;
  }
  const symbol& s = a.symbols[*found];
  std::string_view text = a.file->text();
  std::string_view written = span_text(text, *at);
  // On a label (a Chinese reference or the declaration's label) the label is renamed.
  bool label = a.written_in == ast::surface::zh && !s.label.empty() && s.label != s.name && written != s.name;
  std::string wanted_name = surface::to_nfc(requested);
  bool blank = true;  // nothing but spaces (ASCII or full-width) is no name either
  for (std::size_t i = 0; i < wanted_name.size() && blank;) {
    if (wanted_name[i] == ' ' || wanted_name[i] == '\t') ++i;
    else if (wanted_name.compare(i, 3, "\u3000") == 0) i += 3;
    else blank = false;
  }
  if (blank) {
    result.error = i18n::text("the new name is empty");
    return result;
  }
  if (!label && surface::identifier_length(wanted_name) != wanted_name.size()) {
    result.error = i18n::tr("`{}` is not a name: a name is letters, digits and `_`, starting with a letter or `_`", wanted_name);
    return result;
  }
  // A label may be a keyword when quoted (`「人员」`), but renaming to one is refused too: every
  // reference would then have to be quoted, which is not what the person renaming means.
  if (grammar::is_reserved_word(wanted_name) || grammar_zh::is_reserved_word(wanted_name)) {
    result.error = i18n::tr("`{}` is a reserved word of the language and cannot be a name", wanted_name);
    return result;
  }
  // Searched as strings: 「 and 」 are three bytes each, and a byte set would refuse every label
  // sharing a byte with them (楼道卫生, 新名 …).
  auto holds = [&](std::string_view part) { return wanted_name.find(part) != std::string::npos; };
  if (label && (holds("「") || holds("」") || holds("\n") || holds("\r"))) {
    result.error = i18n::tr("`{}` cannot be a label: it may not hold `「`, `」` or a line break", wanted_name);
    return result;
  }
  for (std::size_t i = 0; i < a.symbols.size(); ++i) {
    const symbol& other = a.symbols[i];
    if (i == *found || other.sort != s.sort || other.scope != s.scope) continue;
    if (other.name == wanted_name || other.label == wanted_name) {
      result.error = i18n::tr("{} `{}` is already declared", sort_words(s.sort), wanted_name);
      return result;
    }
  }
  auto written_as = [&](span where) {
    std::string_view original = span_text(text, where);
    if (original.starts_with("「")) return "「" + wanted_name + "」";
    if (original.starts_with("\"")) return "\"" + wanted_name + "\"";
    if (label && !surface::is_bare_word_zh(wanted_name)) return "「" + wanted_name + "」";
    return wanted_name;
  };
  if (label) {
    if (s.label_span) result.edits.push_back({*s.label_span, written_as(*s.label_span)});
  } else {
    result.edits.push_back({s.name_span, wanted_name});
    // A one-word Chinese declaration is its name and its label at once.
    if (s.label_span && s.label_span->begin != s.name_span.begin && span_text(text, *s.label_span) == s.name) {
      result.edits.push_back({*s.label_span, wanted_name});
    }
  }
  for (const auto& r : a.references) {
    if (r.symbol != *found) continue;
    if (r.by_label == label) result.edits.push_back({r.where, written_as(r.where)});
  }
  std::sort(result.edits.begin(), result.edits.end(),
            [](const text_edit& x, const text_edit& y) { return x.bytes.begin < y.bytes.begin; });
  result.edits.erase(std::unique(result.edits.begin(), result.edits.end(),
                                 [](const text_edit& x, const text_edit& y) { return x.bytes.begin == y.bytes.begin; }),
                     result.edits.end());
  return result;
}

}  // namespace rubric::lang::workspace
