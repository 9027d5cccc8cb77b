// Charts drawn by the program as inline SVG: no script, no library, readable on a phone and on
// paper. Geometry is integer arithmetic on the exact decimal values, so a chart is the same byte
// for byte on every run; the exact values are written beside the bars as text.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/publish/html.hpp"
#include "lang/decimal.hpp"

namespace rubric::engine::publish {

struct bar {
  std::string label;  // the unit
  decimal value;
  bool highlighted = false;  // a flag winner
};

// Horizontal bars, one row each, in the given order; `caption` is the chart's accessible name.
void bar_chart(html_writer& out, const std::string& caption, const std::vector<bar>& bars);

struct series {
  std::string label;                     // the unit
  std::vector<std::optional<decimal>> values;  // per period; none: not scored that period
};

// Small multiples: one small line chart per series, all on the same scale, `points` naming the
// periods along the x axis (first and last are printed).
void small_multiples(html_writer& out, const std::string& caption, const std::vector<std::string>& points,
                     const std::vector<series>& all);

}  // namespace rubric::engine::publish
