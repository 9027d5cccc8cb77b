// The compiled message catalogues (gettext .mo files) embedded in the binary at build time by
// i18n/embed.cmake, so that no file has to be found at run time.
#pragma once

#include <span>
#include <string_view>

namespace rubric::i18n {

struct embedded_catalogue {
  std::string_view language;  // "zh": the folder under i18n/
  std::string_view domain;    // "lang", "cli", "engine", "data": the .po file's name
  std::string_view mo_bytes;  // the whole .mo file
};

std::span<const embedded_catalogue> embedded_catalogues();

}  // namespace rubric::i18n
