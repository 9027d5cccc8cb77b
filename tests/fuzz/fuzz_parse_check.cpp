// Parser and checker on arbitrary bytes: no crash, no hang, and a clean result or a diagnostic
// that points inside the file.
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include "lang/check/checked.hpp"
#include "lang/diag/render.hpp"

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
  return 0;
}
