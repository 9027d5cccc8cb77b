// The formatter round trip on arbitrary bytes: whatever parses formats to text that parses to the
// same meaning, keeps every comment, and formats to itself.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "lang/format.hpp"
#include "lang/parse.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  rubric::lang::source_file original("fuzz.rubric", std::string(reinterpret_cast<const char*>(data), size));
  auto parsed = rubric::lang::parse(original);
  if (!parsed.tree) return 0;
  std::string once = rubric::lang::format(*parsed.tree, original);
  rubric::lang::source_file formatted("formatted.rubric", once);
  auto reparsed = rubric::lang::parse(formatted);
  if (!reparsed.tree) std::abort();  // the formatter wrote text that does not parse
  if (rubric::lang::format_meaning(*reparsed.tree) != rubric::lang::format_meaning(*parsed.tree)) std::abort();
  if (reparsed.tree->comments.size() != parsed.tree->comments.size()) std::abort();
  if (rubric::lang::format(*reparsed.tree, formatted) != once) std::abort();  // not idempotent
  return 0;
}
