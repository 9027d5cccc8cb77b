// The one place the order of the check passes is written down.
#include <algorithm>
#include <tuple>

#include "lang/check/context.hpp"
#include "lang/parse.hpp"

namespace rubric::lang {

std::optional<std::size_t> attribute_info::choice_index(std::string_view value) const {
  auto it = std::find(choices.begin(), choices.end(), value);
  if (it == choices.end()) return std::nullopt;
  return static_cast<std::size_t>(it - choices.begin());
}

std::optional<std::size_t> kind_info::attribute_index(std::string_view attribute) const {
  for (std::size_t i = 0; i < attributes.size(); ++i) {
    if (attributes[i].name == attribute) return i;
  }
  return std::nullopt;
}

std::optional<std::size_t> kind_info::person_attribute() const {
  std::optional<std::size_t> found;
  for (std::size_t i = 0; i < attributes.size(); ++i) {
    if (attributes[i].type != ast::type_kind::person) continue;
    if (found) return std::nullopt;
    found = i;
  }
  return found;
}

std::optional<std::size_t> symbol_table::kind_index(std::string_view kind) const {
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    if (kinds[i].name == kind) return i;
  }
  return std::nullopt;
}

std::optional<std::size_t> symbol_table::area_index(std::string_view area) const {
  for (std::size_t i = 0; i < areas.size(); ++i) {
    if (areas[i]->id.text == area) return i;
  }
  return std::nullopt;
}

const ast::distinction_decl* symbol_table::distinction(std::string_view id) const {
  if (!ranking) return nullptr;
  for (const auto& d : ranking->distinctions) {
    if (d.id.text == id) return &d;
  }
  return nullptr;
}

const ast::grade_decl* symbol_table::grade(std::string_view id) const {
  if (!grades) return nullptr;
  for (const auto& g : grades->grades) {
    if (g.id.text == id) return &g;
  }
  return nullptr;
}

std::vector<std::string_view> characters(std::string_view text) {
  std::vector<std::string_view> out;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t length = 1;
    while (i + length < text.size() && (static_cast<unsigned char>(text[i + length]) & 0xC0) == 0x80) ++length;
    out.push_back(text.substr(i, length));
    i += length;
  }
  return out;
}

std::size_t edit_distance(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::optional<std::string> closest_name(std::string_view wrong, const std::vector<std::string>& candidates) {
  // By characters, not bytes: a Chinese character mistyped is one edit, not three.
  auto wrong_characters = characters(wrong);
  std::optional<std::string> best;
  std::size_t best_distance = std::max<std::size_t>(2, wrong_characters.size() / 3) + 1;
  // A short Chinese word has few characters: one of two wrong is still a likely typo.
  if (wrong_characters.size() < wrong.size()) best_distance = std::min(best_distance, wrong_characters.size());
  for (const auto& candidate : candidates) {
    if (candidate.empty()) continue;
    std::size_t d = edit_distance(wrong_characters, characters(candidate));
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  return best;
}

version_result check_version(std::shared_ptr<const source_file> file) {
  version_result result;
  result.file = file;
  parse_result parsed = parse(*file);
  result.diags = std::move(parsed.diags);
  if (!parsed.tree) return result;

  auto tree = std::make_unique<const ast::rubric_file>(std::move(*parsed.tree));
  symbol_table symbols;
  check::context ctx{*file, *tree, symbols, result.diags};
  check::declare_schema(ctx);
  check::check_rules(ctx);
  check::check_exemptions(ctx);
  check::check_standings(ctx);
  check::check_balance(ctx);

  sort_diagnostics(result.diags);
  if (!has_errors(result.diags)) {
    result.version = checked_version{std::move(file), std::move(tree), std::move(symbols)};
  }
  return result;
}

folder_result check_versions(const std::vector<std::shared_ptr<const source_file>>& files, bool is_folder) {
  folder_result result;
  for (const auto& file : files) {
    version_result checked = check_version(file);
    result.diags.insert(result.diags.end(), checked.diags.begin(), checked.diags.end());
    if (checked.version) result.versions.push_back(std::move(*checked.version));
  }
  std::stable_sort(result.versions.begin(), result.versions.end(), [](const auto& a, const auto& b) {
    const auto &x = a.effective(), &y = b.effective();
    return std::tie(x.year, x.month, x.day) < std::tie(y.year, y.month, y.day);
  });
  check::check_folder(result.versions, is_folder, result.diags);
  sort_diagnostics(result.diags);
  return result;
}

}  // namespace rubric::lang
