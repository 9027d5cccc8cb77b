// A rubric is a folder of versions (*.rubric). Loading reads the files, checks each version and
// then the folder as a whole (check/folder.cpp). Library code: it reports, never prints.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "lang/check/checked.hpp"

namespace rubric::lang {

struct rubric_folder {
  std::string path;                       // as given
  std::vector<checked_version> versions;  // versions that checked clean, by effective date
  diagnostics diags;                      // sorted; they point into `sources`
  std::vector<std::shared_ptr<const source_file>> sources;
  bool ok() const { return !has_errors(diags) && !versions.empty(); }
};

// `path` is a folder of *.rubric files, one .rubric file, or "-" for standard input.
rubric_folder load_rubric(const std::string& path);

// Checks between the versions of one folder; appends to `diags`.
// Emits: R2010 duplicate_version_id, R2011 duplicate_effective_date, R2012 schema_narrowed,
//        R2023 version_file_name.
// `is_folder` is false when a single file was given: its name is then not compared with its id.
void check_folder(std::vector<checked_version>& versions, bool is_folder, diagnostics& diags);

}  // namespace rubric::lang
