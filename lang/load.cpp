#include "lang/load.hpp"

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
                                        fmt::format("`{}` holds no version files (*.rubric)", path), {},
                                        "a rubric folder holds one file per version, like 2023-09.rubric"});
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
    auto source = std::make_shared<const source_file>(name == "-" ? "<stdin>" : name, std::move(text));
    folder.sources.push_back(source);
    version_result result = check_version(source);
    folder.diags.insert(folder.diags.end(), result.diags.begin(), result.diags.end());
    if (result.version) folder.versions.push_back(std::move(*result.version));
  }
  std::stable_sort(folder.versions.begin(), folder.versions.end(), [](const auto& a, const auto& b) {
    const auto &x = a.effective(), &y = b.effective();
    return std::tie(x.year, x.month, x.day) < std::tie(y.year, y.month, y.day);
  });
  check_folder(folder.versions, path != "-" && fs::is_directory(path, ec), folder.diags);
  sort_diagnostics(folder.diags);
  return folder;
}

}  // namespace rubric::lang
