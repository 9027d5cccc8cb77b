// Messages in the reader's language. Every sentence a person reads is written in English in the
// code, wrapped in `tr` (a format string), `trn` (a format string that counts) or `text` (a plain
// string), and looked up at run time in the catalogue of the chosen language; the English text is
// the key (gettext's convention), so a message can never be missing in English. See docs/i18n.md.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <fmt/format.h>

namespace rubric::i18n {

enum class language { en, zh };

// Chosen once, by the command line, before any message is made.
void set_language(language lang);
language current_language();

// The value of `--lang`: "zh" or "en"; anything else is no language we know.
std::optional<language> language_named(std::string_view name);
// The language of the environment: the first of LC_ALL, LC_MESSAGES, LANG that is set and not
// empty decides (any value starting `zh` is Chinese, any other English); none set is English.
language language_from_environment();

// The translation of an English message (itself when there is none, or in English).
std::string_view translate(std::string_view english);
// The same, for a message that needs a context to tell it from another with the same English
// text: a diagnostic code's summary is looked up with the code as its context.
std::string_view translate(std::string_view context, std::string_view english);
// The form of a counting message for `count` (English: the singular for 1, else the plural;
// Chinese has one form).
std::string_view translate_plural(std::string_view singular, std::string_view plural, unsigned long count);

namespace detail {
template <typename... Args>
std::string_view english_of(const fmt::format_string<Args...>& format) {
  fmt::string_view view = format;
  return {view.data(), view.size()};
}
}  // namespace detail

// A plain sentence, translated.
inline std::string text(std::string_view english) { return std::string(translate(english)); }
// A word or phrase that means different things in different places ("month" the period, "month"
// a table's column): translated in its context.
inline std::string text_in(std::string_view context, std::string_view english) {
  return std::string(translate(context, english));
}

// A format string, translated, then formatted. The English text is checked at compile time; a
// translation refers to the arguments by position (`{0}`, `{1}`) when its word order differs.
template <typename... Args>
std::string tr(fmt::format_string<Args...> english, Args&&... args) {
  return fmt::format(fmt::runtime(translate(detail::english_of<Args...>(english))), std::forward<Args>(args)...);
}

// A format string that counts something: `trn("{} error", "{} errors", n, n)`.
template <typename... Args>
std::string trn(fmt::format_string<Args...> singular, fmt::format_string<Args...> plural, unsigned long count,
                Args&&... args) {
  return fmt::format(fmt::runtime(translate_plural(detail::english_of<Args...>(singular), detail::english_of<Args...>(plural), count)),
                     std::forward<Args>(args)...);
}

}  // namespace rubric::i18n
