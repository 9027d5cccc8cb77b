#include "lang/diag/registry.hpp"

#include <algorithm>
#include <tuple>

#include "lang/i18n.hpp"

namespace rubric::lang {

const std::vector<diag_kind_info>& all_diag_kinds() {
  static const std::vector<diag_kind_info> table = {
#define X(name, code, sev, summary) {diag_kind::name, code, severity::sev, summary},
#include "lang/diag/codes.def"
#undef X
  };
  return table;
}

const diag_kind_info& info(diag_kind kind) { return all_diag_kinds()[static_cast<std::size_t>(kind)]; }

std::string_view translated_summary(const diag_kind_info& kind) { return i18n::translate(kind.code, kind.summary); }

std::string_view to_string(severity level) {
  switch (level) {
    case severity::error: return "error";
    case severity::warning: return "warning";
    case severity::note: return "note";
  }
  return "error";
}

bool has_errors(const diagnostics& list) {
  return std::any_of(list.begin(), list.end(), [](const diagnostic& d) { return d.level() == severity::error; });
}

void sort_diagnostics(diagnostics& list) {
  auto key = [](const diagnostic& d) {
    return std::make_tuple(d.file ? d.file->path() : std::string(), d.where.begin, d.code(), d.message);
  };
  std::stable_sort(list.begin(), list.end(), [&](const diagnostic& a, const diagnostic& b) { return key(a) < key(b); });
}

}  // namespace rubric::lang
