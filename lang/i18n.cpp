#include "lang/i18n.hpp"

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <locale>
#include <string>
#include <vector>

#include <boost/locale/gnu_gettext.hpp>
#include <boost/locale/message.hpp>

#include "lang/i18n_catalogue.hpp"

namespace rubric::i18n {
namespace {

language chosen = language::en;

// The catalogue of one language: Boost.Locale's reader of gettext .mo files, fed from the bytes
// embedded in the binary instead of files, and asked directly rather than through a std::locale,
// so that neither a generated system locale nor LANGUAGE/LC_* matter (docs/i18n.md).
class catalogue {
 public:
  explicit catalogue(std::string_view lang) {
    boost::locale::gnu_gettext::messages_info info;
    info.language = std::string(lang);
    info.encoding = "UTF-8";
    info.paths = {"embedded"};
    for (const auto& file : embedded_catalogues()) {
      if (file.language == lang) info.domains.emplace_back(std::string(file.domain));
    }
    if (info.domains.empty()) return;
    // Boost asks for "embedded/<language>/LC_MESSAGES/<domain>.mo" (and variants with a country).
    info.callback = [lang = std::string(lang)](const std::string& file_name, const std::string&) {
      for (const auto& file : embedded_catalogues()) {
        std::string wanted = "embedded/" + lang + "/LC_MESSAGES/" + std::string(file.domain) + ".mo";
        if (file.language == lang && file_name == wanted) {
          return std::vector<char>(file.mo_bytes.begin(), file.mo_bytes.end());
        }
      }
      return std::vector<char>();
    };
    // A facet is owned by a std::locale (its destructor is not public); this one is never installed
    // as any stream's or the program's locale.
    auto* formats = boost::locale::gnu_gettext::create_messages_facet<char>(info);
    owner_ = std::locale(std::locale::classic(), formats);
    formats_ = formats;
    for (const auto& domain : info.domains) domain_ids_.push_back(formats_->domain(domain.name));
  }

  // Looked up in every area's catalogue in turn; null when none translates it.
  const char* find(const char* context, const std::string& english) const {
    if (!formats_) return nullptr;
    for (int id : domain_ids_) {
      if (const char* found = formats_->get(id, context, english.c_str())) return found;
    }
    return nullptr;
  }
  const char* find_plural(const std::string& singular, unsigned long count) const {
    if (!formats_) return nullptr;
    for (int id : domain_ids_) {
      if (const char* found = formats_->get(id, nullptr, singular.c_str(), static_cast<int>(std::min<unsigned long>(count, INT_MAX)))) return found;
    }
    return nullptr;
  }

 private:
  std::locale owner_;
  const boost::locale::message_format<char>* formats_ = nullptr;
  std::vector<int> domain_ids_;
};

const catalogue* chosen_catalogue() {
  if (chosen != language::zh) return nullptr;
  static const catalogue chinese("zh");
  return &chinese;
}

}  // namespace

void set_language(language lang) { chosen = lang; }
language current_language() { return chosen; }

std::optional<language> language_named(std::string_view name) {
  if (name == "zh") return language::zh;
  if (name == "en") return language::en;
  return std::nullopt;
}

language language_from_environment() {
  for (const char* variable : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* value = std::getenv(variable);
    if (value && *value) return std::string_view(value).starts_with("zh") ? language::zh : language::en;
  }
  return language::en;
}

std::string_view translate(std::string_view english) {
  const catalogue* found = chosen_catalogue();
  if (!found) return english;
  const char* translated = found->find(nullptr, std::string(english));
  return translated ? std::string_view(translated) : english;
}

std::string_view translate(std::string_view context, std::string_view english) {
  const catalogue* found = chosen_catalogue();
  if (!found) return english;
  const char* translated = found->find(std::string(context).c_str(), std::string(english));
  return translated ? std::string_view(translated) : english;
}

std::string_view translate_plural(std::string_view singular, std::string_view plural, unsigned long count) {
  if (const catalogue* found = chosen_catalogue()) {
    if (const char* translated = found->find_plural(std::string(singular), count)) return translated;
  }
  return count == 1 ? singular : plural;
}

}  // namespace rubric::i18n
