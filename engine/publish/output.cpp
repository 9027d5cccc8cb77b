#include "engine/publish/output.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "lang/i18n.hpp"

namespace rubric::engine::publish {

namespace fs = std::filesystem;

const char* const site_marker = ".rubric-site";

std::string check_site_folder(const std::string& folder, bool force) {
  std::error_code ec;
  auto status = fs::symlink_status(folder, ec);
  if (ec || !fs::exists(status)) return {};
  if (!fs::is_directory(fs::status(folder, ec))) {
    return i18n::tr("--out `{}` exists and is not a folder; choose another name", folder);
  }
  if (fs::exists(fs::path(folder) / site_marker, ec) || force) return {};
  if (fs::is_empty(folder, ec) && !ec) return {};
  return i18n::tr("--out `{}` exists and is not a site written by rubric publish (it has no file `{}`); choose "
                  "another folder, or pass --force to replace it and everything in it",
                  folder, site_marker);
}

namespace {

std::string write_file(const fs::path& path, const std::string& content) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  if (ec) return i18n::tr("cannot make the folder `{}`: {}", path.parent_path().string(), ec.message());
  std::ofstream stream(path, std::ios::binary | std::ios::trunc);
  stream << content;
  stream.close();
  if (!stream) return i18n::tr("cannot write `{}`: {}", path.string(), std::strerror(errno));
  return {};
}

}  // namespace

std::string write_site(const std::string& folder, const std::vector<site_file>& files) {
  fs::path target = fs::path(folder).lexically_normal();
  if (target.filename().empty()) target = target.parent_path();  // `site/`
  fs::path parent = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::string pattern = (parent / (target.filename().string() + ".partial-XXXXXX")).string();
  if (::mkdtemp(pattern.data()) == nullptr) return i18n::tr("cannot write `{}`: {}", folder, std::strerror(errno));
  fs::path staging = pattern;
  std::error_code ec;
  fs::permissions(staging, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                               fs::perms::others_read | fs::perms::others_exec, ec);
  auto fail = [&](const std::string& why) {
    fs::remove_all(staging, ec);
    return why;
  };
  for (const auto& file : files) {
    if (auto problem = write_file(staging / file.path, file.content); !problem.empty()) return fail(problem);
  }
  if (auto problem = write_file(staging / site_marker, "rubric publish\n"); !problem.empty()) return fail(problem);
  fs::path old;
  if (fs::exists(fs::symlink_status(target, ec))) {
    old = target.string() + ".old-" + staging.string().substr(staging.string().size() - 6);
    fs::rename(target, old, ec);
    if (ec) return fail(i18n::tr("cannot replace `{}`: {}", folder, ec.message()));
  }
  fs::rename(staging, target, ec);
  if (ec) {
    std::error_code ignored;
    if (!old.empty()) fs::rename(old, target, ignored);
    return fail(i18n::tr("cannot write `{}`: {}", folder, ec.message()));
  }
  if (!old.empty()) fs::remove_all(old, ec);
  return {};
}

}  // namespace rubric::engine::publish
