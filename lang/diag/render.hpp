// The one place diagnostics become text: compiler style for people, JSON for tools.
#pragma once

#include <string>

#include "lang/diag/registry.hpp"

namespace rubric::lang {

// path:line:col: error[R2001]: message, the source line, an underline under the span, then
// notes and help. Columns are 1-based and count Unicode characters, not bytes.
std::string render_text(const diagnostic& d);
std::string render_text(const diagnostics& list);  // all of them, then a summary line
// {"diagnostics": [...], "errors": N, "warnings": N}
std::string render_json(const diagnostics& list);

// 1-based column counted in code points.
std::uint32_t character_column(const source_file& file, std::uint32_t offset);

}  // namespace rubric::lang
