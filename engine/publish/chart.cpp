#include "engine/publish/chart.hpp"

#include <algorithm>
#include <cstdint>
#include <string>

#include <fmt/format.h>

#include "lang/i18n.hpp"

namespace rubric::engine::publish {

namespace {

// Coordinates are whole SVG user units (the viewBox scales them to the screen).
std::string n(std::int64_t value) { return std::to_string(value); }

// The position of `value` on an axis from `low` (at 0) to `high` (at `length`), rounded down.
std::int64_t scaled(decimal value, decimal low, decimal high, std::int64_t length) {
  std::int64_t span = high.units() - low.units();
  if (span <= 0) return 0;
  // Scores are at most a few thousand points (10^9 units) and lengths a few hundred: no overflow.
  return (value.units() - low.units()) * length / span;
}

}  // namespace

void bar_chart(html_writer& out, const std::string& caption, const std::vector<bar>& bars) {
  constexpr std::int64_t width = 640, label_width = 120, value_width = 70, row = 26, bar_height = 18;
  const std::int64_t plot = width - label_width - value_width;
  decimal low, high;  // zero is always on the axis: a bar starts at zero
  for (const auto& b : bars) {
    low = std::min(low, b.value);
    high = std::max(high, b.value);
  }
  const std::int64_t height = row * static_cast<std::int64_t>(bars.size()) + 8;
  out.open("svg", {{"class", "chart bars"},
                   {"viewBox", fmt::format("0 0 {} {}", width, height)},
                   {"role", "img"},
                   {"aria-label", caption},
                   {"xmlns", "http://www.w3.org/2000/svg"}});
  out.element("title", caption);
  const std::int64_t zero = label_width + scaled(decimal{}, low, high, plot);
  std::int64_t y = 4;
  for (const auto& b : bars) {
    std::int64_t at = label_width + scaled(b.value, low, high, plot);
    std::int64_t left = std::min(at, zero), right = std::max(at, zero);
    out.element("text", b.label,
                {{"x", n(label_width - 6)}, {"y", n(y + bar_height - 4)}, {"text-anchor", "end"}, {"class", "label"}});
    out.open("rect", {{"x", n(left)},
                      {"y", n(y)},
                      {"width", n(std::max<std::int64_t>(right - left, 1))},
                      {"height", n(bar_height)},
                      {"class", b.highlighted ? "bar flag" : "bar"}});
    out.element("title", fmt::format("{}: {}", b.label, b.value.to_string()));
    out.close();
    out.element("text", b.value.to_string(), {{"x", n(right + 4)}, {"y", n(y + bar_height - 4)}, {"class", "value"}});
    y += row;
  }
  out.empty("line", {{"x1", n(zero)}, {"y1", "0"}, {"x2", n(zero)}, {"y2", n(height)}, {"class", "axis"}});
  out.close();
}

void small_multiples(html_writer& out, const std::string& caption, const std::vector<std::string>& points,
                     const std::vector<series>& all) {
  constexpr std::int64_t width = 200, height = 90, top = 16, bottom = 70, left = 8, right = 192;
  bool any = false;
  decimal low, high;
  for (const auto& s : all) {
    for (const auto& v : s.values) {
      if (!v) continue;
      low = any ? std::min(low, *v) : *v;
      high = any ? std::max(high, *v) : *v;
      any = true;
    }
  }
  if (any) {
    out.element("p", i18n::tr("Every chart has the same scale: from {} at the bottom line to {} at the top.", low.to_string(),
                              high.to_string()),
                {{"class", "note"}});
  }
  out.open("div", {{"class", "multiples"}, {"role", "group"}, {"aria-label", caption}});
  const std::int64_t steps = std::max<std::int64_t>(static_cast<std::int64_t>(points.size()) - 1, 1);
  for (const auto& s : all) {
    out.open("figure", {{"class", "multiple"}});
    out.open("svg", {{"viewBox", fmt::format("0 0 {} {}", width, height)},
                     {"role", "img"},
                     {"aria-label", s.label},
                     {"xmlns", "http://www.w3.org/2000/svg"}});
    out.element("title", s.label);
    out.empty("line", {{"x1", n(left)}, {"y1", n(bottom)}, {"x2", n(right)}, {"y2", n(bottom)}, {"class", "axis"}});
    std::string path;
    std::vector<std::pair<std::int64_t, std::int64_t>> dots;
    for (std::size_t i = 0; i < s.values.size(); ++i) {
      if (!s.values[i]) continue;
      std::int64_t x = left + static_cast<std::int64_t>(i) * (right - left) / steps;
      std::int64_t y = bottom - scaled(*s.values[i], low, high, bottom - top);
      path += fmt::format("{}{},{}", path.empty() ? "" : " ", x, y);
      dots.emplace_back(x, y);
    }
    if (!path.empty()) out.empty("polyline", {{"points", path}, {"class", "line"}});
    for (std::size_t i = 0, d = 0; i < s.values.size(); ++i) {
      if (!s.values[i]) continue;
      out.open("circle", {{"cx", n(dots[d].first)}, {"cy", n(dots[d].second)}, {"r", "2.5"}, {"class", "dot"}});
      out.element("title", fmt::format("{}: {}", points[i], s.values[i]->to_string()));
      out.close();
      ++d;
    }
    if (!points.empty()) {
      out.element("text", points.front(), {{"x", n(left)}, {"y", n(height - 4)}, {"class", "tick"}});
      out.element("text", points.back(), {{"x", n(right)}, {"y", n(height - 4)}, {"text-anchor", "end"}, {"class", "tick"}});
    }
    out.close();  // svg
    out.element("figcaption", s.label);
    out.close();  // figure
  }
  out.close();
}

}  // namespace rubric::engine::publish
