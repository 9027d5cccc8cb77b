// Putting a built site in its folder. The folder is replaced as a whole: the pages are written to
// a new folder beside it, which then takes its place, so a failed run leaves the old site as it
// was. A folder that is not a site rubric wrote (no marker file) is never replaced without
// `force`: `--out ~/Documents` must not empty the documents.
#pragma once

#include <string>
#include <vector>

#include "engine/publish/site.hpp"

namespace rubric::engine::publish {

// The file that marks a folder as a site rubric published.
extern const char* const site_marker;

// Why `folder` may not be written (a message naming it), or an empty string when it may: it does
// not exist, is empty, or holds a previous site (or `force`).
std::string check_site_folder(const std::string& folder, bool force);

// Writes every file; returns an empty string, or what failed.
std::string write_site(const std::string& folder, const std::vector<site_file>& files);

}  // namespace rubric::engine::publish
