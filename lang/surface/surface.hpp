// The two surface syntaxes of one language: which one a file is written in, and the mistakes that
// come from the other one — a keyword of the other surface (R1008) and, in English, the full-width
// punctuation a Chinese input method types (R1009).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lang/ast.hpp"

namespace rubric::lang::surface {

// The file's first statement decides: `细则` is Chinese, anything else (`rubric`) English.
ast::surface detect(std::string_view text);

// The first keyword of each surface, for messages: `rubric`, `细则`.
std::string_view first_keyword(ast::surface s);

// Whether a label can be written bare in the Chinese surface (`流动红旗`) rather than quoted
// (`「违规停车(累进)」`): one name, in NFC, that is not a keyword of the surface. The Chinese
// printer asks this, so what it prints bare is exactly what the parser reads as one word.
bool is_bare_word_zh(std::string_view label);

// A keyword of the other surface at `rest` (where a statement or clause was expected).
struct foreign_keyword {
  std::size_t length = 0;        // bytes of `rest` the keyword takes
  std::string_view written;      // as found: `capped`
  std::string_view own_form;     // what this file's surface writes instead: `每月最多扣 N 分`
};
std::optional<foreign_keyword> foreign_keyword_at(std::string_view rest, ast::surface file_surface);

// A full-width character outside labels and comments of an English file.
struct fullwidth_character {
  std::size_t offset = 0;
  std::size_t length = 0;
  std::string message;  // "full-width colon `：`; use `:`"
};
std::vector<fullwidth_character> find_fullwidth_characters(std::string_view english_text);

}  // namespace rubric::lang::surface
