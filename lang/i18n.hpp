// Messages in the reader's language. Every sentence a person reads is written in English in the
// code, wrapped in `tr` (a format string) or `text` (a plain string), and looked up at run time in
// the catalogue of the chosen language; the English text is the key (gettext's convention), so a
// message can never be missing in English. See docs/i18n.md.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include <fmt/format.h>

namespace rubric::i18n {

enum class language { en, zh };

// Chosen once, by the command line, before any message is made.
void set_language(language lang);
language current_language();

// The translation of an English message (itself when there is none, or in English).
std::string_view translate(std::string_view english);
// The same, for a message that needs a context to tell it from another with the same English
// text: a diagnostic code's summary is looked up with the code as its context.
std::string_view translate(std::string_view context, std::string_view english);

// A plain sentence, translated.
inline std::string text(std::string_view english) { return std::string(translate(english)); }

// A format string, translated, then formatted. The English text is checked at compile time; a
// translation refers to the arguments by position (`{0}`, `{1}`) when its word order differs.
template <typename... Args>
std::string tr(fmt::format_string<Args...> english, Args&&... args) {
  fmt::string_view key = english;  // fmt 9 (Debian 12) has no format_string::get()
  return fmt::format(fmt::runtime(translate(std::string_view(key.data(), key.size()))), std::forward<Args>(args)...);
}

}  // namespace rubric::i18n
