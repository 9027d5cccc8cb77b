// Tables for people line up by display width: a Chinese character takes two terminal columns, so
// a column of 单元 labels and a column of ASCII ids must be padded by width, never by bytes or
// characters.
#include <catch2/catch.hpp>

#include "engine/report/text.hpp"
#include "lang/source.hpp"

using rubric::engine::text::pad;
using rubric::engine::text::table;
using rubric::lang::display_width;

namespace {

// Where each cell of a rendered line sits, in display columns: where a left-aligned cell begins,
// where a right-aligned one ends.
std::vector<std::size_t> anchors(const std::string& line, const std::vector<std::string>& cells,
                                 const std::vector<bool>& right) {
  std::vector<std::size_t> out;
  std::size_t from = 0;
  for (std::size_t c = 0; c < cells.size(); ++c) {
    std::size_t at = line.find(cells[c], from);
    REQUIRE(at != std::string::npos);
    from = at + cells[c].size();
    out.push_back(display_width(line.substr(0, right[c] ? from : at)));
  }
  return out;
}

}  // namespace

TEST_CASE("display width counts a Chinese character as two columns", "[output][width]") {
  CHECK(display_width("1-1") == 3);
  CHECK(display_width("单元") == 4);
  CHECK(display_width("楼道杂物 clutter") == 16);
  CHECK(display_width("：") == 2);  // full-width colon
  CHECK(pad("轮椅", 6) == "轮椅  ");
  CHECK(pad("轮椅", 6, true) == "  轮椅");
  CHECK(pad("wheelchair", 6) == "wheelchair");  // never cut
}

TEST_CASE("table cells of Chinese and ASCII text line up", "[output][width]") {
  table t;
  t.headers = {"名次", "单元", "得分", "获评荣誉"};
  t.right = {true, false, true, false};
  t.rows = {{"1", "1-1", "105", "流动红旗"}, {"12", "楼栋三", "99.5", "-"}, {"3", "a", "-10", "red_flag"}};
  const std::string out = t.render();
  CHECK(out ==
        "  名次  单元    得分  获评荣誉\n"
        "     1  1-1      105  流动红旗\n"
        "    12  楼栋三  99.5  -\n"
        "     3  a        -10  red_flag\n");
  // Whatever the text, every cell of a column is anchored at the same display column.
  std::vector<std::string> lines;
  for (std::size_t start = 0, end; (end = out.find('\n', start)) != std::string::npos; start = end + 1) {
    lines.push_back(out.substr(start, end - start));
  }
  REQUIRE(lines.size() == 4);
  const std::vector<std::size_t> expected = anchors(lines[0], t.headers, t.right);
  CHECK(expected == std::vector<std::size_t>{6, 8, 20, 22});
  for (std::size_t r = 0; r < t.rows.size(); ++r) CHECK(anchors(lines[r + 1], t.rows[r], t.right) == expected);
}
