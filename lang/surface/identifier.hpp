// Names per Unicode UAX #31, in both surfaces: an identifier is XID_Start XID_Continue*, with `_`
// also allowed first (as it always was), compared in Normalization Form C.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace rubric::lang::surface {

bool is_identifier_start(char32_t code_point);
bool is_identifier_continue(char32_t code_point);

// The length in bytes of the identifier at the start of `text`, 0 when none starts there.
std::size_t identifier_length(std::string_view text);
// The length in bytes of one identifier-continuing character at the start of `text`, else 0: a
// keyword must not be followed by one (`areas` is a name, not `area` + `s`).
std::size_t identifier_char_length(std::string_view text);

// `text` in Normalization Form C, so a name typed with combining marks equals its composed form.
std::string to_nfc(std::string_view text);

}  // namespace rubric::lang::surface
