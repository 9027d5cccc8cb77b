// Diagnostics are data: a kind from the registry (codes.def), a primary span and message, notes
// and help. Library code produces them; only the CLI prints them (through render.hpp).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "lang/source.hpp"

namespace rubric::lang {

enum class severity { error, warning, note };

enum class diag_kind {
#define X(name, code, sev, summary) name,
#include "lang/diag/codes.def"
#undef X
};

struct diag_kind_info {
  diag_kind kind;
  std::string_view code;
  severity level;
  std::string_view summary;
};

const diag_kind_info& info(diag_kind kind);
const std::vector<diag_kind_info>& all_diag_kinds();
// A code's summary in the chosen language (lang/i18n.hpp), looked up with the code as context.
std::string_view translated_summary(const diag_kind_info& kind);
std::string_view to_string(severity level);

struct diag_note {
  const source_file* file = nullptr;  // may be null: a note without a location
  span where;
  std::string message;
};

struct diagnostic {
  diag_kind kind;
  const source_file* file = nullptr;  // not owned; outlives the diagnostic
  span where;
  std::string message;
  std::vector<diag_note> notes;
  std::string help;

  severity level() const { return info(kind).level; }
  std::string_view code() const { return info(kind).code; }
};

using diagnostics = std::vector<diagnostic>;

bool has_errors(const diagnostics& list);
// Orders by file path, then position, then code, so output never depends on pass order.
void sort_diagnostics(diagnostics& list);

}  // namespace rubric::lang
