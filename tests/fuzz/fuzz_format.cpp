// The formatter round trip on arbitrary bytes: whatever parses formats to text that parses to the
// same meaning, keeps every comment, and formats to itself; and it translates losslessly: printed
// in the other surface (`fmt --surface zh|en`), it reads back as the same tree, keeps every
// comment, formats to itself in that surface, and printed back gives the canonical text again.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "lang/format.hpp"
#include "lang/parse.hpp"

namespace {

using rubric::lang::ast::surface;

void check_translation(const rubric::lang::parse_result& parsed, const rubric::lang::source_file& original,
                       const std::string& canonical, surface to) {
  // A name that is a word of the other surface cannot be written there, nor `total X` in Chinese:
  // fmt refuses it.
  if (!rubric::lang::untranslatable(*parsed.tree, to).empty()) return;
  std::string translated = rubric::lang::format(*parsed.tree, original, to);
  rubric::lang::source_file file("translated.rubric", translated);
  auto reparsed = rubric::lang::parse(file);
  if (!reparsed.tree) std::abort();  // the translation does not parse
  if (reparsed.tree->written_in != to) std::abort();
  if (rubric::lang::format_meaning(*reparsed.tree) != rubric::lang::format_meaning(*parsed.tree)) std::abort();
  if (reparsed.tree->comments.size() != parsed.tree->comments.size()) std::abort();
  if (rubric::lang::format(*reparsed.tree, file) != translated) std::abort();  // not canonical in its surface
  if (rubric::lang::format(*reparsed.tree, file, parsed.tree->written_in) != canonical) std::abort();  // not lossless
}

}  // namespace

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
  check_translation(parsed, original, once, surface::en);
  check_translation(parsed, original, once, surface::zh);
  return 0;
}
