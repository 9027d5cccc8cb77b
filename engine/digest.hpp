// SHA-256, for the text of rubric versions and the content of event files.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace rubric::engine {

std::string sha256_hex(std::string_view text);
// Of a whole open file, read in pieces; std::nullopt when it cannot be read.
std::optional<std::string> sha256_hex_of_file(int fd);

}  // namespace rubric::engine
