// Parser, checker and planner on arbitrary bytes: no crash, no hang; a clean result or a
// diagnostic that points inside the file; and whatever checks clean compiles to a plan.
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include "engine/plan.hpp"
#include "lang/check/checked.hpp"
#include "lang/diag/render.hpp"
#include "lang/load.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto file = std::make_shared<const rubric::lang::source_file>(
      "fuzz.rubric", std::string(reinterpret_cast<const char*>(data), size));
  auto result = rubric::lang::check_version(file);
  if (!result.version && !rubric::lang::has_errors(result.diags)) std::abort();  // failed without saying why
  for (const auto& d : result.diags) {
    if (d.file && d.where.begin > size) std::abort();  // a position outside the file
  }
  (void)rubric::lang::render_text(result.diags);  // rendering must cope with any span
  (void)rubric::lang::render_json(result.diags);
  if (!result.version) return 0;
  // The folder pass too, as `rubric check` runs it on a single file.
  auto checked = rubric::lang::check_versions({file}, false);
  if (rubric::lang::has_errors(checked.diags)) return 0;
  rubric::lang::rubric_folder folder;
  folder.path = "fuzz.rubric";
  folder.sources = {file};
  folder.versions = std::move(checked.versions);
  folder.diags = std::move(checked.diags);
  (void)rubric::engine::compile_plan(folder);
  return 0;
}
