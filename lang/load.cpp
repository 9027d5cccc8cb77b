#include "lang/load.hpp"
#include "lang/i18n.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <iterator>

#include <fmt/format.h>

namespace rubric::lang {

namespace fs = std::filesystem;

rubric_folder load_rubric(const std::string& path) {
  rubric_folder folder;
  folder.path = path;
  std::vector<std::string> files;
  std::error_code ec;
  if (path == "-") {
    files.push_back("-");
  } else if (fs::is_directory(path, ec)) {
    for (const auto& entry : fs::directory_iterator(path, ec)) {
      if (entry.is_regular_file() && entry.path().extension() == ".rubric") files.push_back(entry.path().string());
    }
    std::sort(files.begin(), files.end());
    if (files.empty()) {
      folder.diags.push_back(diagnostic{diag_kind::io_error, nullptr, {},
                                        i18n::tr("`{}` holds no version files (*.rubric)", path), {},
                                        i18n::text("a rubric folder holds one file per version, like 2023-09.rubric")});
      return folder;
    }
  } else {
    files.push_back(path);
  }

  for (const auto& name : files) {
    std::string text, error;
    if (name == "-") {
      text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    } else if (auto read = read_file_text(name, error)) {
      text = std::move(*read);
    } else {
      folder.diags.push_back(diagnostic{diag_kind::io_error, nullptr, {}, error, {}, {}});
      continue;
    }
    folder.sources.push_back(std::make_shared<const source_file>(name == "-" ? "<stdin>" : name, std::move(text)));
  }
  folder_result checked = check_versions(folder.sources, path != "-" && fs::is_directory(path, ec));
  folder.versions = std::move(checked.versions);
  folder.diags.insert(folder.diags.end(), checked.diags.begin(), checked.diags.end());
  sort_diagnostics(folder.diags);
  return folder;
}

}  // namespace rubric::lang
