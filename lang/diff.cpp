#include "lang/diff.hpp"

#include <algorithm>
#include <map>
#include <regex>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "lang/diag/render.hpp"
#include "lang/format.hpp"
#include "lang/json_text.hpp"

namespace rubric::lang {

namespace {

// What a clause line is about, from its first words: lines of the same topic in two versions
// are one clause changed rather than one removed and one added.
std::string topic_of(const printed_line& line, bool first_line) {
  if (first_line) return "header";
  const std::string& t = line.text;
  auto colon = t.find(':');
  auto space = t.find(' ');
  if (colon != std::string::npos && (space == std::string::npos || colon < space)) return fmt::format("attribute {}", t.substr(0, colon));
  std::string word = t.substr(0, space);
  if (word == "each" || word == "total" || word == "no" || word == "distinct" || word == "average") return "amount";
  if (word == "then") return "order";
  if (word == "award") return fmt::format("award {}", t.substr(space + 1, t.find(' ', space + 1) - space - 1));
  if (word == "subsidy") return fmt::format("subsidy {}", t.substr(t.rfind(' ') + 1));
  return word;
}

std::string describe(const std::string& subject, const std::string& topic, change::what kind) {
  const char* verb = kind == change::what::added ? "added" : kind == change::what::removed ? "removed" : "changed";
  if (topic == "header") return subject.rfind("rule ", 0) == 0 ? fmt::format("label or area {}", verb) : fmt::format("{}", verb);
  if (topic == "amount") return fmt::format("amount {}", verb);
  if (topic == "capped") return fmt::format("cap {}", verb);
  if (topic == "exempt") return fmt::format("exemption {}", verb);
  if (topic == "order") return fmt::format("ordering {}", verb);
  if (topic == "ties") return fmt::format("tie rule {}", verb);
  if (topic == "only") return fmt::format("eligibility {}", verb);
  if (topic == "when" || topic == "unless") return fmt::format("condition {}", verb);
  if (topic == "effect") return fmt::format("effect {}", verb);
  return fmt::format("{} {}", topic, verb);
}

// "role_subsidy \"三长\" 10%" → "10%"
std::string percent_in(const std::string& text) {
  std::smatch m;
  static const std::regex percent(R"(([-+]?[0-9.]+%))");
  return std::regex_search(text, m, percent) ? m[1].str() : "";
}

// "item: one of a, b, c, default a" → {a, b, c}
std::vector<std::string> choices_in(const std::string& line) {
  std::vector<std::string> out;
  auto at = line.find(": one of ");
  if (at == std::string::npos) return out;
  std::string rest = line.substr(at + 9);
  std::size_t start = 0;
  while (start < rest.size()) {
    auto end = rest.find(", ", start);
    std::string word = rest.substr(start, end == std::string::npos ? std::string::npos : end - start);
    // options follow the choices: ", default x", ", optional" (keywords, never choices)
    if (word.find(' ') != std::string::npos || word == "optional" || word == "required") break;
    out.push_back(word);
    if (end == std::string::npos) break;
    start = end + 2;
  }
  return out;
}

// "choices added: x; removed: y", or "" when the choices are the same.
std::string choice_changes(const std::string& old_line, const std::string& new_line) {
  auto before = choices_in(old_line), after = choices_in(new_line);
  std::vector<std::string> added, removed;
  for (const auto& c : after) {
    if (std::find(before.begin(), before.end(), c) == before.end()) added.push_back(c);
  }
  for (const auto& c : before) {
    if (std::find(after.begin(), after.end(), c) == after.end()) removed.push_back(c);
  }
  std::vector<std::string> parts;
  if (!added.empty()) parts.push_back(fmt::format("choices added: {}", fmt::join(added, ", ")));
  if (!removed.empty()) parts.push_back(fmt::format("choices removed: {}", fmt::join(removed, ", ")));
  return fmt::format("{}", fmt::join(parts, "; "));
}

std::string plain_subject(const std::string& key) {
  if (key == "role_subsidy") return "role-holder subsidy";
  if (key == "scoring") return "scoring";
  return key;
}

}  // namespace

std::vector<change> diff_versions(const checked_version& old_version, const checked_version& new_version) {
  auto old_statements = print_statements(*old_version.tree);
  auto new_statements = print_statements(*new_version.tree);
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
      text += l.text;
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
      if (!kept) removed.push_back({topic_of(o.lines[i], i == 0), &o.lines[i]});
    }
    for (std::size_t i = 0; i < n.lines.size(); ++i) {
      bool kept = std::any_of(o.lines.begin(), o.lines.end(), [&](const auto& l) { return l.text == n.lines[i].text; });
      if (!kept) added.push_back({topic_of(n.lines[i], i == 0), &n.lines[i]});
    }
    for (auto& a : added) {
      auto match = std::find_if(removed.begin(), removed.end(), [&](const entry& r) { return r.line && r.topic == a.topic; });
      change c;
      c.subject = n.key;
      c.label = n.label;
      c.new_text = a.line->text;
      c.new_file = new_file;
      c.new_where = a.line->source;
      if (match != removed.end()) {
        c.kind = change::what::changed;
        c.old_text = match->line->text;
        c.old_file = old_file;
        c.old_where = match->line->source;
        match->line = nullptr;
      } else {
        c.kind = change::what::added;
      }
      c.description = describe(n.key, a.topic, c.kind);
      if (a.topic.rfind("attribute ", 0) == 0 && c.kind == change::what::changed) {
        std::string choices = choice_changes(c.old_text, c.new_text);
        if (!choices.empty()) c.description = fmt::format("{}: {}", a.topic, choices);
      }
      if (n.key == "role_subsidy" && a.topic == "header" && c.kind == change::what::changed) {
        c.description = fmt::format("{} → {}", percent_in(c.old_text), percent_in(c.new_text));
      }
      out.push_back(std::move(c));
    }
    for (const auto& r : removed) {
      if (!r.line) continue;
      change c;
      c.kind = change::what::removed;
      c.subject = n.key;
      c.label = o.label;
      c.description = describe(n.key, r.topic, c.kind);
      c.old_text = r.line->text;
      c.old_file = old_file;
      c.old_where = r.line->source;
      out.push_back(std::move(c));
    }
  };

  // A statement only one version has.
  auto whole_change = [&](change::what kind, const printed_statement& s) {
    change c;
    c.kind = kind;
    c.subject = s.key;
    c.label = s.label;
    c.description = kind == change::what::added ? "added" : "removed";
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
  for (const auto& o : old_statements) {
    if (!new_by_key.count(o.key)) out.push_back(whole_change(change::what::removed, o));
  }
  for (const auto& n : new_statements) {
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
  return fmt::format("\"{}\" (effective {:04}-{:02}-{:02}, {})", v.version_id(), d.year, d.month, d.day, v.file->path());
}

}  // namespace

std::string render_diff_text(const checked_version& old_version, const checked_version& new_version,
                             const std::vector<change>& changes) {
  std::string out = fmt::format("from version {}\n  to version {}\n", version_line(old_version), version_line(new_version));
  if (changes.empty()) return out + "\nthe two versions mean the same\n";
  out += fmt::format("\n{} difference{}:\n", changes.size(), changes.size() == 1 ? "" : "s");
  for (const auto& c : changes) {
    std::string subject = plain_subject(c.subject);
    std::string label = c.label.empty() ? "" : fmt::format(" \"{}\"", c.label);
    out += fmt::format("\n* {}{}: {}\n", subject, label, c.description);
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
    if (!c.old_text.empty()) out += fmt::format("    was  ({})\n{}", location(c.old_file, c.old_where), indent(c.old_text));
    if (!c.new_text.empty()) out += fmt::format("    now  ({})\n{}", location(c.new_file, c.new_where), indent(c.new_text));
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
    j["change"] = c.kind == change::what::added ? "added" : c.kind == change::what::removed ? "removed" : "changed";
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
