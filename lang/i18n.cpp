#include "lang/i18n.hpp"

namespace rubric::i18n {
namespace {
language chosen = language::en;
}

void set_language(language lang) { chosen = lang; }
language current_language() { return chosen; }

// No catalogue yet: every message is its English text.
std::string_view translate(std::string_view english) { return english; }
std::string_view translate(std::string_view, std::string_view english) { return english; }

}  // namespace rubric::i18n
