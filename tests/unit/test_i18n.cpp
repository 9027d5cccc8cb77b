// The message catalogue: the embedded Chinese catalogue is found with no file and no system
// locale, and the language comes from --lang, else LC_ALL, LC_MESSAGES, LANG.
#include <cstdlib>

#include <catch2/catch.hpp>

#include "lang/diag/registry.hpp"
#include "lang/i18n.hpp"

using namespace rubric;

namespace {

// Sets the chosen language for one test and restores English after it.
struct chosen_language {
  explicit chosen_language(i18n::language lang) { i18n::set_language(lang); }
  ~chosen_language() { i18n::set_language(i18n::language::en); }
};

// Sets (or unsets, for null) the locale variables for one test and restores them after it.
struct locale_variables {
  static constexpr const char* names[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
  std::string saved[3];
  bool was_set[3] = {};
  locale_variables(const char* lc_all, const char* lc_messages, const char* lang) {
    const char* values[] = {lc_all, lc_messages, lang};
    for (int i = 0; i < 3; ++i) {
      if (const char* old = std::getenv(names[i])) saved[i] = old, was_set[i] = true;
      if (values[i]) setenv(names[i], values[i], 1); else unsetenv(names[i]);
    }
  }
  ~locale_variables() {
    for (int i = 0; i < 3; ++i) {
      if (was_set[i]) setenv(names[i], saved[i].c_str(), 1); else unsetenv(names[i]);
    }
  }
};

}  // namespace

TEST_CASE("English messages are their own text, Chinese ones come from the embedded catalogue") {
  CHECK(i18n::text("Usage") == "Usage");
  CHECK(i18n::trn("{} error", "{} errors", 1, 1) == "1 error");
  CHECK(i18n::trn("{} error", "{} errors", 2, 2) == "2 errors");
  chosen_language zh(i18n::language::zh);
  CHECK(i18n::text("Usage") == "用法");
  CHECK(i18n::trn("{} error", "{} errors", 1, 1) == "1 个错误");
  CHECK(i18n::trn("{} error", "{} errors", 2, 2) == "2 个错误");
  // A message the catalogue does not have stays English rather than disappearing.
  CHECK(i18n::text("no such message in any catalogue") == "no such message in any catalogue");
}

TEST_CASE("A diagnostic code's summary is translated with the code as its context") {
  const auto& unknown_kind = lang::info(lang::diag_kind::unknown_event_kind);
  CHECK(lang::translated_summary(unknown_kind) == "an event kind is not declared");
  chosen_language zh(i18n::language::zh);
  CHECK(lang::translated_summary(unknown_kind) == "登记事项没有定义");
  for (const auto& kind : lang::all_diag_kinds()) CHECK(lang::translated_summary(kind) != kind.summary);
}

TEST_CASE("The option lang takes zh or en only") {
  CHECK(i18n::language_named("zh") == i18n::language::zh);
  CHECK(i18n::language_named("en") == i18n::language::en);
  CHECK_FALSE(i18n::language_named("zh_CN.UTF-8").has_value());
  CHECK_FALSE(i18n::language_named("fr").has_value());
}

TEST_CASE("The environment's language: the first of LC_ALL, LC_MESSAGES, LANG that is set and not empty") {
  using i18n::language;
  { locale_variables env(nullptr, nullptr, nullptr); CHECK(i18n::language_from_environment() == language::en); }
  { locale_variables env(nullptr, nullptr, "zh_CN.UTF-8"); CHECK(i18n::language_from_environment() == language::zh); }
  { locale_variables env(nullptr, nullptr, "C"); CHECK(i18n::language_from_environment() == language::en); }
  { locale_variables env(nullptr, "zh_TW", "en_US.UTF-8"); CHECK(i18n::language_from_environment() == language::zh); }
  { locale_variables env("C", "zh_CN", "zh_CN"); CHECK(i18n::language_from_environment() == language::en); }
  { locale_variables env("", "", "zh_CN.GB18030"); CHECK(i18n::language_from_environment() == language::zh); }
  { locale_variables env("zh", nullptr, "C"); CHECK(i18n::language_from_environment() == language::zh); }
}
