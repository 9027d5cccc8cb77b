// The workbench's core: what `rubric serve` answers, as JSON, from the library entry points on
// text held in memory (check, format, diff, impact, score, explain). No HTTP here, and no path
// from a request: versions are addressed by their index in the listing the workbench made
// itself, and a saved version's file name is made from its checked id. Kept apart from the
// server so that it can be shared with the language server's core.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/score.hpp"
#include "lang/source.hpp"

namespace rubric::cli::serve {

// An answer: an HTTP status (200, or 4xx with {"error": message}) and its JSON body.
struct answer {
  int status = 200;
  nlohmann::json body;
};

class workbench {
 public:
  // `data` names the roster and events files (and the year); its rubric is the folder.
  workbench(std::string folder, engine::score_request data);

  // The rubric's language: "zh" when its latest version is written in Chinese, else "en".
  std::string language() const;

  // The folder as read at start or after a save: versions by effective date.
  answer versions() const;
  answer version_text(std::size_t index) const;
  // Diagnostics of a draft, with spans in UTF-16 code units (the browser's string offsets).
  answer check(std::string_view draft) const;
  answer format(std::string_view draft) const;
  // The draft against the listed version `base`: the plain-language diff, and the impact
  // replay on the recorded events with a chart of each unit's flags.
  answer diff(std::string_view draft, std::size_t base) const;
  answer impact(std::string_view draft, std::size_t base) const;
  // A new version file `<id>.rubric` in the folder: the draft must check clean (alone and with
  // the folder), declare `id` and `effective` (YYYY-MM-DD) in its header, and no file or version
  // may have that id already. Written atomically; never replaces a file.
  answer save(std::string_view draft, std::string_view id, std::string_view effective);
  // The year's scores under the folder, and one unit's explanation (by its index in the roster).
  answer scores() const;
  answer explain(std::size_t unit, std::optional<std::size_t> period) const;

 private:
  struct listed_version {
    std::shared_ptr<const lang::source_file> file;
    std::string id, effective, title;
  };
  void read_folder();

  std::string folder_;
  engine::score_request data_;
  std::vector<listed_version> listed_;
  std::string folder_problems_;  // diagnostics of the folder as read, when it has errors
  bool chinese_ = false;
};

}  // namespace rubric::cli::serve
