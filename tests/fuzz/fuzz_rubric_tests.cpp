// The rubric-test runner on arbitrary bytes: the input's first line names a community (see
// fuzz_common.hpp), the rest is a test file run against that community's rubric versions. No
// crash, leak or hang, and the runner always reports.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/rubric_tests.hpp"
#include "fuzz_common.hpp"

namespace {

// A folder per community holding links to its versions and a tests/ folder for the input.
std::string folder_for(const rubric::fuzz::community& c) {
  namespace fs = std::filesystem;
  fs::path folder = fs::path(rubric::fuzz::work_dir()) / "rubric-tests" / std::string(c.name);
  if (!fs::exists(folder / "tests")) {
    fs::create_directories(folder / "tests");
    for (const auto& entry : fs::directory_iterator(rubric::fuzz::source_path(c.rubric))) {
      if (entry.path().extension() == ".rubric") fs::create_symlink(entry.path(), folder / entry.path().filename());
    }
  }
  return folder.string();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto [chosen, file] = rubric::fuzz::split_input(std::string_view(reinterpret_cast<const char*>(data), size));
  std::string folder = folder_for(*chosen);
  std::ofstream(folder + "/tests/fuzz.test", std::ios::binary | std::ios::trunc) << file;
  std::ostringstream out;
  rubric::engine::run_rubric_tests(folder, out);
  if (out.str().empty()) std::abort();  // the runner always reports, if only a count
  return 0;
}
