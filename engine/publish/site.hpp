// `rubric publish`: the static site a council posts — the bulletin (公示) of each period, the year
// page, a page per unit and period for residents, and the rubric in force — made from one score
// run and the explanations of its unit-periods. Pages are plain HTML with one style sheet: no
// script, no network, relative links only, so the site works from a USB stick and on a phone.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/publish/html.hpp"
#include "engine/report/report.hpp"
#include "engine/score.hpp"

namespace rubric::engine::publish {

// A figure that changed since an earlier publication of the same period (the archive finds
// them): shown on the bulletin as a correction notice.
struct correction_notice {
  std::string unit;
  std::string what;    // the figure, in words: "score", "rank", "环境卫生"
  std::string before, after;
};

// The explanation of one unit-period: the listener of `rubric explain`, filled by a run traced
// for that unit and period.
struct unit_story {
  std::uint32_t unit = 0;
  int period = 0;  // period key
  std::shared_ptr<const explanation> decisions;
};

struct site_request {
  std::string published;  // the publication date printed on every page, YYYY-MM-DD
  std::optional<int> year;  // --year: every period's bulletin and the year page
  std::vector<correction_notice> corrections;
  // The period before the first published one, scored on its own (rank changes), if it could be.
  const score_run* previous = nullptr;
  std::vector<unit_story> stories;
};

struct site_file {
  std::string path;  // relative to the site's folder, '/'-separated
  std::string content;
};

// Every file of the site, in a fixed order. The run must have results.
std::vector<site_file> build_site(const score_run& run, const site_request& request);

// Pieces, exposed for tests.
// A unit id as a file name: ASCII letters, digits and '-' kept, every other byte `_` and two hex
// digits, so any id (`../x`, `<script>`, 3号楼) is one safe path segment.
std::string file_name_of(std::string_view unit);
// The correction notices as a section of a page (nothing when the list is empty).
void corrections_section(html_writer& out, const std::vector<correction_notice>& notices);

// The style sheet every page links to (compiled in from engine/publish/site.css).
std::string_view style_sheet();

}  // namespace rubric::engine::publish
