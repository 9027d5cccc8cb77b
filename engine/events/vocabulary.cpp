#include "engine/events/vocabulary.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "lang/check/checked.hpp"
#include "lang/i18n.hpp"

namespace rubric::engine {

std::vector<std::string_view> names_for(std::string_view word, const std::vector<term>& terms) {
  std::vector<std::string_view> names;
  for (const auto& t : terms) {
    if (word != t.name && (t.label.empty() || word != t.label)) continue;
    if (std::find(names.begin(), names.end(), t.name) == names.end()) names.push_back(t.name);
  }
  return names;
}

std::vector<std::string> ambiguous_words(const std::vector<term>& terms) {
  std::map<std::string_view, std::vector<std::string_view>> meanings;
  auto add = [&](std::string_view word, std::string_view name) {
    auto& names = meanings[word];
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  };
  for (const auto& t : terms) {
    add(t.name, t.name);
    if (!t.label.empty()) add(t.label, t.name);
  }
  std::vector<std::string> out;
  for (const auto& [word, names] : meanings) {
    if (names.size() > 1) out.emplace_back(word);
  }
  return out;
}

namespace {

// The labels of `name` in `terms`, each once, in order.
std::vector<std::string_view> labels_of(std::string_view name, const std::vector<term>& terms) {
  std::vector<std::string_view> labels;
  for (const auto& t : terms) {
    if (t.name == name && !t.label.empty() && std::find(labels.begin(), labels.end(), t.label) == labels.end()) {
      labels.push_back(t.label);
    }
  }
  return labels;
}

std::string named_with_labels(std::string_view name, const std::vector<term>& terms) {
  auto labels = labels_of(name, terms);
  if (labels.empty()) return fmt::format("`{}`", name);
  return fmt::format("`{}` ({})", name, fmt::join(labels, "/"));
}

}  // namespace

std::string term_text(const term& t) {
  return t.label.empty() ? fmt::format("`{}`", t.name) : fmt::format("`{}` ({})", t.name, t.label);
}

std::string terms_text(const std::vector<term>& terms) {
  std::vector<std::string> shown;
  std::vector<std::string_view> done;
  for (const auto& t : terms) {
    if (std::find(done.begin(), done.end(), t.name) != done.end()) continue;
    done.push_back(t.name);
    shown.push_back(named_with_labels(t.name, terms));
  }
  return fmt::format("{}", fmt::join(shown, ", "));
}

std::optional<term> closest_term(std::string_view word, const std::vector<term>& terms) {
  auto wrong = lang::characters(word);
  // A third of the word may be wrong; at least two characters of a name, one of a short label
  // (a two-character Chinese label with one character changed is still recognisable).
  bool ascii = std::all_of(word.begin(), word.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  std::size_t best = std::max<std::size_t>(ascii ? 2 : 1, wrong.size() / 3) + 1;
  std::optional<term> found;
  for (const auto& t : terms) {
    for (const std::string* candidate : {&t.name, &t.label}) {
      if (candidate->empty()) continue;
      std::size_t d = lang::edit_distance(wrong, lang::characters(*candidate));
      if (d < best) {
        best = d;
        found = t;
      }
    }
  }
  return found;
}

std::string did_you_mean(std::string_view word, const std::vector<term>& terms) {
  auto close = closest_term(word, terms);
  if (!close) return {};
  return i18n::tr("; did you mean {}?", named_with_labels(close->name, terms));
}

std::string ambiguity_text(std::string_view word, const std::vector<std::string_view>& names,
                           const std::vector<term>& terms) {
  std::vector<std::string> shown;
  for (auto name : names) shown.push_back(named_with_labels(name, terms));
  // When the word is itself a name, writing the name cannot help: only the rubric can.
  bool is_a_name = std::find(names.begin(), names.end(), word) != names.end();
  return is_a_name ? i18n::tr("`{}` could mean {}: it is the name of one and the label of another; give the rubric "
                              "a label that is no other thing's name",
                              word, fmt::join(shown, i18n::text(" or ")))
                   : i18n::tr("`{}` could mean {}: it is the label of each; write the name of the one meant, or give "
                              "them different labels in the rubric",
                              word, fmt::join(shown, i18n::text(" or ")));
}

}  // namespace rubric::engine
