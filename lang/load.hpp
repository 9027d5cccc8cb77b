// A rubric is a folder of versions (*.rubric). Loading reads the files and hands them to the check
// pipeline (check/pipeline.cpp). Library code: it reports, never prints.
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

}  // namespace rubric::lang
