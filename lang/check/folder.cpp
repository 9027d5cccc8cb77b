// Pass 5, the folder: what only shows when the versions of one rubric are read together.
// Emits: R2010 duplicate_version_id, R2011 duplicate_effective_date, R2012 schema_narrowed, R2015 unsupported_period (cadences differ),
//        R2023 version_file_name.
#include <filesystem>
#include <map>

#include <fmt/format.h>

#include "lang/check/context.hpp"
#include "lang/i18n.hpp"

namespace rubric::lang::check {

namespace {

diagnostic& report(diagnostics& diags, diag_kind kind, const checked_version& v, span where, std::string message,
                   std::string help = {}) {
  diags.push_back(diagnostic{kind, v.file.get(), where, std::move(message), {}, std::move(help)});
  return diags.back();
}

std::string date_text(const ast::date& d) { return fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day); }

// Would `later` reject an event that `earlier` accepted? One warning per narrowing.
void compare_schemas(const checked_version& earlier, const checked_version& later, diagnostics& diags) {
  auto warn = [&](span where, std::string message) {
    auto& d = report(diags, diag_kind::schema_narrowed, later, where, std::move(message),
                     i18n::text("events recorded under the earlier version may be rejected when scored under this one"));
    d.notes.push_back({earlier.file.get(), earlier.tree->head.version.where,
                       i18n::tr("the earlier version is \"{}\"", earlier.version_id())});
  };
  for (const auto& old_kind : earlier.symbols.kinds) {
    auto index = later.symbols.kind_index(old_kind.name);
    if (!index) {
      warn(later.tree->head.where, i18n::tr("event kind `{}` of version \"{}\" is gone", old_kind.name,
                                               earlier.version_id()));
      continue;
    }
    const kind_info& new_kind = later.symbols.kinds[*index];
    for (const auto& new_attr : new_kind.attributes) {
      if (new_attr.required && !old_kind.attribute_index(new_attr.name)) {
        warn(new_attr.decl->id.where, i18n::tr("`{}.{}` is new and required", new_kind.name, new_attr.name));
      }
    }
    for (const auto& old_attr : old_kind.attributes) {
      auto a = new_kind.attribute_index(old_attr.name);
      if (!a) {
        warn(new_kind.decl->id.where, i18n::tr("attribute `{}.{}` is gone", old_kind.name, old_attr.name));
        continue;
      }
      const attribute_info& new_attr = new_kind.attributes[*a];
      span where = new_attr.decl->where;
      if (new_attr.type != old_attr.type) {
        warn(where, i18n::tr("attribute `{}.{}` changed its type", old_kind.name, old_attr.name));
        continue;
      }
      if (new_attr.required && !old_attr.required) {
        warn(where, i18n::tr("attribute `{}.{}` is now required", old_kind.name, old_attr.name));
      }
      for (const auto& choice : old_attr.choices) {
        if (!new_attr.choice_index(choice)) {
          warn(where, i18n::tr("`{}` is no longer a choice of `{}.{}`", choice, old_kind.name, old_attr.name));
        }
      }
      bool tighter_min = new_attr.min && (!old_attr.min || *new_attr.min > *old_attr.min ||
                                          (*new_attr.min == *old_attr.min && new_attr.min_exclusive && !old_attr.min_exclusive));
      bool tighter_max = new_attr.max && (!old_attr.max || *new_attr.max < *old_attr.max ||
                                          (*new_attr.max == *old_attr.max && new_attr.max_exclusive && !old_attr.max_exclusive));
      if (tighter_min || tighter_max) {
        warn(where, i18n::tr("the bounds of `{}.{}` are narrower", old_kind.name, old_attr.name));
      }
    }
  }
}

}  // namespace

void check_folder(const std::vector<checked_version>& versions, bool is_folder, diagnostics& diags) {
  std::map<std::string, const checked_version*> by_id, by_date;
  for (const auto& v : versions) {
    auto stem = std::filesystem::path(v.file->path()).stem().string();
    if (is_folder && stem != v.version_id()) {
      report(diags, diag_kind::version_file_name, v, v.tree->head.version.where,
             i18n::tr("version \"{}\" is in a file named `{}`", v.version_id(),
                         std::filesystem::path(v.file->path()).filename().string()),
             i18n::tr("name the file `{}.rubric` so the folder lists versions by id", v.version_id()));
    }
    if (auto [it, fresh] = by_id.emplace(v.version_id(), &v); !fresh) {
      auto& d = report(diags, diag_kind::duplicate_version_id, v, v.tree->head.version.where,
                       i18n::tr("version id \"{}\" is used twice in this folder", v.version_id()),
                       i18n::text("give each version its own id"));
      d.notes.push_back({it->second->file.get(), it->second->tree->head.version.where, i18n::text("also used here")});
    }
    if (auto [it, fresh] = by_date.emplace(date_text(v.effective()), &v); !fresh) {
      auto& d = report(diags, diag_kind::duplicate_effective_date, v, v.effective().where,
                       i18n::tr("two versions take effect on {}", date_text(v.effective())),
                       i18n::text("a date has one version in force; change one effective date"));
      d.notes.push_back({it->second->file.get(), it->second->effective().where, i18n::text("the other version")});
    }
  }
  for (std::size_t i = 1; i < versions.size(); ++i) {
    compare_schemas(versions[i - 1], versions[i], diags);
    // Versions replace each other period by period, so they must share one cadence.
    const auto& before = *versions[i - 1].symbols.scoring;
    const auto& after = *versions[i].symbols.scoring;
    if (before.period.value != after.period.value) {
      auto& d = report(diags, diag_kind::unsupported_period, versions[i], after.period.where,
                       i18n::tr("this version scores per {}, but version \"{}\" scores per {}",
                                   period_name(after.period.value), versions[i - 1].version_id(),
                                   period_name(before.period.value)),
                       i18n::text("the versions of one rubric score on one cadence; start a new rubric folder for a new cadence"));
      d.notes.push_back({versions[i - 1].file.get(), before.period.where, i18n::text("the earlier version's cadence")});
    }
  }
}

}  // namespace rubric::lang::check
