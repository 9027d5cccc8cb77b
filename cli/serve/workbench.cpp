#include "cli/serve/workbench.hpp"

#include <algorithm>
#include <filesystem>
#include <regex>
#include <sstream>

#include <fmt/format.h>

#include "cli/atomic_write.hpp"
#include "engine/impact.hpp"
#include "engine/publish/chart.hpp"
#include "engine/report/report.hpp"
#include "lang/check/checked.hpp"
#include "lang/diag/render.hpp"
#include "lang/diff.hpp"
#include "lang/format.hpp"
#include "lang/i18n.hpp"
#include "lang/workspace.hpp"
#include "lang/load.hpp"

namespace rubric::cli::serve {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

answer refusal(int status, std::string message) { return {status, json{{"error", std::move(message)}}}; }

std::string date_text(const lang::ast::date& d) { return fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day); }

// A draft through the editing core the language server uses (lang/workspace.hpp): one analysis,
// one shape of diagnostics for every endpoint, offsets in UTF-16 units as the page's strings count.
lang::workspace::analysis analyse_draft(std::string_view draft, std::string path) {
  return lang::workspace::analyse(
      {.path = std::move(path), .text = std::string(draft), .siblings = {}, .messages = i18n::current_language()});
}

json diagnostics_json(const lang::workspace::analysis& analysed) {
  std::string_view text = analysed.file->text();
  json list = json::array();
  for (const auto& d : analysed.diagnostics) {
    list.push_back({{"code", d.code},
                    {"severity", lang::to_string(d.level)},
                    {"message", d.message},
                    {"help", d.help},
                    {"notes", d.notes},
                    {"from", lang::workspace::utf16_units(text, d.bytes.begin)},
                    {"to", lang::workspace::utf16_units(text, std::max(d.bytes.end, d.bytes.begin))},
                    {"line", d.where.start.line + 1},
                    {"column", d.where.start.character + 1}});
  }
  return list;
}

// Every rubric version's id is a file name in the folder, so it is held to the characters a
// version id is written with (2023-09, 2024-01a): no separator, no leading dot, nothing a file
// system or a shell reads specially.
// A listed version named by its file name alone in what the page shows (the diff's and the
// impact's headings and places): the folder's path on the server means nothing to the reader.
std::shared_ptr<const lang::source_file> shown_by_name(const std::shared_ptr<const lang::source_file>& file) {
  return std::make_shared<const lang::source_file>(fs::path(file->path()).filename().string(), std::string(file->text()));
}

bool safe_version_id(std::string_view id) {
  static const std::regex allowed("[0-9A-Za-z][0-9A-Za-z_-]{0,63}");
  // Names Windows keeps for devices: the staff copy the folder to Windows, where `CON.rubric`
  // cannot be opened or copied.
  static const std::regex windows_device("(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])", std::regex::icase);
  return std::regex_match(id.begin(), id.end(), allowed) && !std::regex_match(id.begin(), id.end(), windows_device);
}

}  // namespace

workbench::workbench(std::string folder, engine::score_request data) : folder_(std::move(folder)), data_(std::move(data)) {
  data_.rubric = folder_;
  read_folder();
}

void workbench::read_folder() {
  lang::rubric_folder folder = lang::load_rubric(folder_);
  listed_.clear();
  for (const auto& version : folder.versions) {
    listed_.push_back({version.file, version.version_id(), date_text(version.effective()), version.tree->head.title.text});
  }
  folder_problems_ = lang::has_errors(folder.diags) ? lang::render_text(folder.diags) : std::string{};
  if (!folder.versions.empty()) chinese_ = folder.versions.back().tree->written_in == lang::ast::surface::zh;
}

std::string workbench::language() const { return chinese_ ? "zh" : "en"; }

answer workbench::versions() const {
  json list = json::array();
  for (std::size_t i = 0; i < listed_.size(); ++i) {
    list.push_back({{"index", i},
                    {"id", listed_[i].id},
                    {"effective", listed_[i].effective},
                    {"title", listed_[i].title},
                    {"file", fs::path(listed_[i].file->path()).filename().string()}});
  }
  return {200, json{{"versions", std::move(list)}, {"problems", folder_problems_}, {"language", language()}}};
}

answer workbench::version_text(std::size_t index) const {
  if (index >= listed_.size()) return refusal(404, i18n::tr("there is no version number {}", index));
  return {200, json{{"index", index}, {"id", listed_[index].id}, {"text", std::string(listed_[index].file->text())}}};
}

answer workbench::check(std::string_view draft) const {
  auto analysed = analyse_draft(draft, i18n::text("draft"));
  json body{{"ok", analysed.checked.has_value()}, {"diagnostics", diagnostics_json(analysed)}};
  if (analysed.checked) {
    body["id"] = analysed.checked->version_id();
    body["effective"] = date_text(analysed.checked->effective());
  }
  return {200, std::move(body)};
}

answer workbench::format(std::string_view draft) const {
  auto analysed = analyse_draft(draft, i18n::text("draft"));
  if (!analysed.checked) {
    return {422, json{{"error", i18n::text("the draft has errors: correct them before formatting")},
                      {"diagnostics", diagnostics_json(analysed)}}};
  }
  return {200, json{{"text", *lang::workspace::formatted(analysed)}}};
}

answer workbench::diff(std::string_view draft, std::size_t base) const {
  if (base >= listed_.size()) return refusal(404, i18n::tr("there is no version number {}", base));
  auto analysed = analyse_draft(draft, i18n::text("draft"));
  lang::version_result base_version = lang::check_version(shown_by_name(listed_[base].file));
  if (!analysed.checked || !base_version.version) {
    return {422, json{{"error", i18n::text("the draft has errors: correct them to see what it changes")},
                      {"diagnostics", diagnostics_json(analysed)}}};
  }
  auto changes = lang::diff_versions(*base_version.version, *analysed.checked);
  return {200, json{{"base", listed_[base].id},
                    {"changes", changes.size()},
                    {"text", lang::render_diff_text(*base_version.version, *analysed.checked, changes)}}};
}

answer workbench::impact(std::string_view draft, std::size_t base) const {
  if (base >= listed_.size()) return refusal(404, i18n::tr("there is no version number {}", base));
  if (data_.events.empty()) return refusal(409, i18n::text("the workbench was started without events: give --units, --people and --events"));
  auto analysed = analyse_draft(draft, i18n::text("draft"));
  if (!analysed.checked) return refusal(422, i18n::text("the draft has errors: correct them to see what it changes"));
  engine::impact_run impact = engine::run_impact(data_, shown_by_name(listed_[base].file), analysed.file);
  if (!impact.ok()) {
    std::string why;
    for (const auto* run : {&impact.from, &impact.to}) {
      why += run->usage_message.empty() ? "" : run->usage_message + "\n";
      why += lang::render_text(run->rubric.diags);
      why += engine::render_findings(run->findings, 10, run->unshown);
    }
    return {422, json{{"error", i18n::text("the recorded events could not be replayed")}, {"details", why}}};
  }
  std::ostringstream text;
  engine::render_impact_text(impact, text);
  json units = json::array();
  for (const auto& change : impact.years) {
    units.push_back({{"unit", impact.to.people.units[change.unit]},
                     {"old_flags", change.old_flags},
                     {"new_flags", change.new_flags},
                     {"old_subsidy", change.old_subsidy.to_string()},
                     {"new_subsidy", change.new_subsidy.to_string()}});
  }
  // Each unit's flags in the year under both versions, as two charts drawn alike.
  std::string charts;
  if (const auto* before = impact.from.result->year(); before && impact.to.result->year()) {
    const auto* after = impact.to.result->year();
    auto flags = [&](const engine::year_result& year, std::uint32_t u) {
      return *decimal::from_integer(year.units[u].distinction_counts.empty() ? 0 : year.units[u].distinction_counts[0]);
    };
    std::vector<engine::publish::bar> old_bars, new_bars;
    for (std::uint32_t u = 0; u < before->units.size(); ++u) {
      bool changed = flags(*before, u) != flags(*after, u);
      old_bars.push_back({impact.from.people.units[u], flags(*before, u), changed});
      new_bars.push_back({impact.to.people.units[u], flags(*after, u), changed});
    }
    engine::publish::html_writer out;
    std::string old_caption = i18n::tr("Flags in {} under {}", before->year, listed_[base].id);
    std::string new_caption = i18n::tr("Flags in {} under the draft", after->year);
    out.element("h3", old_caption);
    engine::publish::bar_chart(out, old_caption, old_bars);
    out.element("h3", new_caption);
    engine::publish::bar_chart(out, new_caption, new_bars);
    charts = out.finish();
  }
  return {200, json{{"base", listed_[base].id},
                    {"flags_gained", impact.flags_gained},
                    {"flags_lost", impact.flags_lost},
                    {"subsidies_changed", impact.unit_subsidies_changed},
                    {"units", std::move(units)},
                    {"text", text.str()},
                    {"chart", charts}}};
}

answer workbench::save(std::string_view draft, std::string_view id, std::string_view effective) {
  if (!safe_version_id(id)) {
    return refusal(400, i18n::text("a version id is letters, digits, - and _ only, like 2024-01"));
  }
  std::string path = (fs::path(folder_) / (std::string(id) + ".rubric")).string();
  auto analysed = analyse_draft(draft, path);
  if (!analysed.checked) {
    return {422, json{{"error", i18n::text("the draft has errors: a version with errors is not saved")},
                      {"diagnostics", diagnostics_json(analysed)}}};
  }
  const auto& version = *analysed.checked;
  if (version.version_id() != id || date_text(version.effective()) != effective) {
    return refusal(422, i18n::tr("the draft's first line says version {} from {}: write the new id and date there", version.version_id(),
                                 date_text(version.effective())));
  }
  const auto& file = analysed.file;
  for (const auto& listed : listed_) {
    if (listed.id == id) return refusal(409, i18n::tr("version {} exists already: a saved version is never replaced", id));
  }
  // An amendment takes effect after the version in force. A version dated earlier would change
  // months already scored and published (and, dated before the first version, leave months with
  // no events under it, so that nothing could be scored any more): that is a decision for the
  // council and a file edit, not a button. It also keeps the listing's numbers stable: a new
  // version is always the last.
  if (!listed_.empty() && effective <= listed_.back().effective) {
    return refusal(422, i18n::tr("version {} would take effect on {}, not after the latest version {} ({}): a new version "
                                 "takes effect after the versions already adopted",
                                 id, effective, listed_.back().id, listed_.back().effective));
  }
  // The folder with the new version must still check (one version per effective date, ...).
  std::vector<std::shared_ptr<const lang::source_file>> files;
  for (const auto& listed : listed_) files.push_back(listed.file);
  files.push_back(file);
  lang::folder_result folder = lang::check_versions(files, true);
  if (lang::has_errors(folder.diags)) {
    return {422, json{{"error", i18n::text("the folder would not check with this version")},
                      {"details", lang::render_text(folder.diags)}}};
  }
  std::string error;
  if (!create_file_atomically(path, draft, error)) {
    return refusal(409, i18n::tr("the version was not saved: {}", error));
  }
  read_folder();
  return {201, json{{"saved", fs::path(path).filename().string()}, {"id", id}}};
}

answer workbench::scores() const {
  if (data_.events.empty()) return refusal(409, i18n::text("the workbench was started without events: give --units, --people and --events"));
  engine::score_run run = engine::run_score(data_);
  if (!run.result) {
    std::string why = run.usage_message.empty() ? "" : run.usage_message + "\n";
    why += lang::render_text(run.rubric.diags) + engine::render_findings(run.findings, 10, run.unshown);
    return {422, json{{"error", i18n::text("the recorded events could not be scored")}, {"details", why}}};
  }
  json periods = json::array();
  for (const auto& period : run.result->periods) {
    periods.push_back({{"index", periods.size()}, {"name", run.compiled.periods.text(period.period)}});
  }
  json units = json::array();
  for (std::uint32_t u = 0; u < run.people.units.size(); ++u) {
    json scores = json::array(), flags = json::array();
    for (const auto& period : run.result->periods) {
      scores.push_back(period.units[u].score.to_string());
      flags.push_back(period.units[u].received(0));
    }
    json unit{{"index", u}, {"unit", run.people.units[u]}, {"scores", scores}, {"flags", flags}};
    if (const auto* year = run.result->year()) {
      unit["year_rank"] = year->units[u].rank;
      unit["subsidy"] = year->units[u].subsidy_percent.to_string();
    }
    units.push_back(std::move(unit));
  }
  return {200, json{{"periods", std::move(periods)}, {"units", std::move(units)}}};
}

answer workbench::explain(std::size_t unit, std::optional<std::size_t> period) const {
  if (data_.events.empty()) return refusal(409, i18n::text("the workbench was started without events: give --units, --people and --events"));
  engine::score_run year_run = engine::run_score(data_);
  if (!year_run.result) return refusal(422, i18n::text("the recorded events could not be scored"));
  if (unit >= year_run.people.units.size()) return refusal(404, i18n::tr("there is no unit number {}", unit));
  if (!period) return {200, json{{"unit", year_run.people.units[unit]}, {"text", engine::explain_awards(year_run, unit)}}};
  if (*period >= year_run.result->periods.size()) return refusal(404, i18n::tr("there is no period number {}", *period));
  engine::score_request request = data_;
  engine::explanation listener;
  request.year.reset();
  request.period = year_run.result->periods[*period].period;
  request.trace = &listener;
  request.trace_unit = year_run.people.units[unit];
  engine::score_run run = engine::run_score(request);
  if (!run.result) return refusal(422, i18n::text("the recorded events could not be scored"));
  return {200, json{{"unit", year_run.people.units[unit]}, {"text", listener.render(run)}}};
}

}  // namespace rubric::cli::serve
