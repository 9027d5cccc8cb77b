// The editing core (lang/workspace): positions in UTF-16, diagnostics, the symbol index in both
// surfaces, hover, completion in context, formatting, rename and the folder's siblings.
#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>

#include "lang/workspace.hpp"

using namespace rubric;
namespace ws = lang::workspace;

namespace {

std::string reference_text(const std::string& relative) {
  std::ifstream in(std::string(RUBRIC_SOURCE_DIR) + "/rubrics/nanguo-xinjiayuan/" + relative, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

ws::analysis analysed(std::string text, std::string path = "memory.rubric") {
  ws::options opts;
  opts.path = std::move(path);
  opts.text = std::move(text);
  return ws::analyse(std::move(opts));
}

std::uint32_t offset_of(const std::string& text, const std::string& needle, std::size_t into = 0) {
  auto at = text.find(needle);
  REQUIRE(at != std::string::npos);
  return static_cast<std::uint32_t>(at + into);
}

std::vector<std::string> texts(const std::vector<ws::completion>& list) {
  std::vector<std::string> out;
  for (const auto& c : list) out.push_back(c.text);
  return out;
}

bool has(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

std::string applied(std::string text, const std::vector<ws::text_edit>& edits) {
  for (auto e = edits.rbegin(); e != edits.rend(); ++e) text.replace(e->bytes.begin, e->bytes.end - e->bytes.begin, e->replacement);
  return text;
}

}  // namespace

TEST_CASE("workspace: byte offsets and UTF-16 positions convert both ways") {
  // 楼 is one UTF-16 unit and three bytes; 😀 is two units (a surrogate pair) and four bytes.
  std::string text = "ab\n楼😀x\n\nlast";
  ws::text_positions positions(text);
  CHECK(positions.at(0) == ws::position{0, 0});
  CHECK(positions.at(3) == ws::position{1, 0});
  CHECK(positions.at(6) == ws::position{1, 1});   // after 楼
  CHECK(positions.at(10) == ws::position{1, 3});  // after 😀
  CHECK(positions.at(11) == ws::position{1, 4});  // after x, at the line break
  CHECK(positions.at(13) == ws::position{3, 0});
  CHECK(positions.offset({1, 3}) == 10);
  CHECK(positions.offset({1, 99}) == 11);  // past the line's end: its end
  CHECK(positions.offset({9, 0}) == text.size());
  for (std::uint32_t offset : {0u, 2u, 3u, 6u, 10u, 11u, 12u, 13u, 17u}) CHECK(positions.offset(positions.at(offset)) == offset);

  ws::apply_change(text, {{1, 1}, {1, 3}}, "杂");  // replaces 😀
  CHECK(text == "ab\n楼杂x\n\nlast");
  ws::apply_change(text, {{3, 4}, {3, 4}}, "!");
  CHECK(text == "ab\n楼杂x\n\nlast!");
}

TEST_CASE("workspace: a misspelt kind is R2001 at its place, in the rubric's language") {
  SECTION("English") {
    std::string text = reference_text("en/2023-09.rubric");
    text.replace(text.find("each clutter:"), 13, "each clutterr:");
    auto a = analysed(text);
    REQUIRE(a.diagnostics.size() == 1);
    const auto& d = a.diagnostics.front();
    CHECK(d.code == "R2001");
    CHECK(d.level == lang::severity::error);
    std::uint32_t at = offset_of(text, "clutterr");
    CHECK(d.bytes.begin == at);
    CHECK(d.where == ws::text_positions(text).of({at, at + 8}));
    CHECK(d.message.find("not declared") != std::string::npos);
    CHECK_FALSE(a.checked);
    CHECK(a.tree);  // still parsed: the index serves the editor
  }
  SECTION("Chinese") {
    std::string text = reference_text("2023-09.rubric");
    text.replace(text.find("每次 楼道杂物："), std::string("每次 楼道杂物：").size(), "每次 楼道杂务：");
    auto a = analysed(text);
    REQUIRE(a.diagnostics.size() == 1);
    const auto& d = a.diagnostics.front();
    CHECK(d.code == "R2001");
    std::uint32_t at = offset_of(text, "楼道杂务");
    auto line_start = text.rfind('\n', at) + 1;
    CHECK(d.where.start.character == 5);  // `  每次 ` is five UTF-16 units, nine bytes
    CHECK(d.bytes.begin - line_start == 9);
    CHECK(a.messages == i18n::language::zh);
    CHECK(d.message.find("没有") != std::string::npos);
    CHECK(i18n::current_language() == i18n::language::en);  // restored after the analysis
  }
}

TEST_CASE("workspace: the index has every declaration and reference, by name and by label") {
  std::string en = reference_text("en/2023-09.rubric");
  auto a = analysed(en);
  REQUIRE(a.diagnostics.empty());
  REQUIRE(a.checked);
  auto clutter = ws::symbol_at(a, offset_of(en, "event clutter", 6));
  REQUIRE(clutter);
  const auto& kind = a.symbols[*clutter];
  CHECK(kind.sort == ws::symbol_sort::kind);
  CHECK(kind.name == "clutter");
  CHECK(kind.label == "楼道杂物");
  // From the reference in the rule, the same declaration.
  CHECK(ws::symbol_at(a, offset_of(en, "each clutter", 5)) == clutter);
  auto item = ws::symbol_at(a, offset_of(en, "when item is", 5));
  REQUIRE(item);
  CHECK(a.symbols[*item].sort == ws::symbol_sort::attribute);
  CHECK(a.symbols[*item].scope == "clutter");
  CHECK(a.symbols[*item].parent == clutter);
  auto stroller = ws::symbol_at(a, offset_of(en, "wheelchair, stroller", 13));
  REQUIRE(stroller);
  CHECK(a.symbols[*stroller].sort == ws::symbol_sort::choice);
  CHECK(a.symbols[*stroller].scope == "clutter.item");
  auto hygiene = ws::symbol_at(a, offset_of(en, "in hygiene", 4));
  REQUIRE(hygiene);
  CHECK(a.symbols[*hygiene].sort == ws::symbol_sort::area);
  std::size_t uses = std::count_if(a.references.begin(), a.references.end(), [&](const auto& r) { return r.symbol == *hygiene; });
  CHECK(uses == 2);  // corridor_clutter and flying_wire_charging

  std::string zh = reference_text("2023-09.rubric");
  auto z = analysed(zh);
  REQUIRE(z.diagnostics.empty());
  auto zclutter = ws::symbol_at(z, offset_of(zh, "每次 楼道杂物", 7));
  REQUIRE(zclutter);
  CHECK(z.symbols[*zclutter].name == "clutter");
  bool by_label = false;
  for (const auto& r : z.references) {
    if (r.symbol == *zclutter) by_label = r.by_label;
  }
  CHECK(by_label);
  // On the declaration's label and on its name alike.
  CHECK(ws::symbol_at(z, offset_of(zh, "事件 楼道杂物（clutter）", 8)) == zclutter);
  CHECK(ws::symbol_at(z, offset_of(zh, "（clutter）", 4)) == zclutter);
}

TEST_CASE("workspace: hover says a rule and a kind in plain words") {
  std::string zh = reference_text("2023-09.rubric");
  auto z = analysed(zh);
  std::string rule = ws::hover(z, offset_of(zh, "（corridor_clutter）", 5));
  CHECK(rule.find("规则 楼道杂物（corridor_clutter）") != std::string::npos);
  CHECK(rule.find("每月最多扣 10 分") != std::string::npos);
  CHECK(rule.find("轮椅") != std::string::npos);
  std::string kind = ws::hover(z, offset_of(zh, "每次 楼道杂物", 7));
  CHECK(kind.find("物品") != std::string::npos);
  CHECK(kind.find("数量") != std::string::npos);
  CHECK(ws::hover(z, 0).empty());  // a comment

  std::string en = reference_text("en/2023-09.rubric");
  auto a = analysed(en);
  std::string english = ws::hover(a, offset_of(en, "rule corridor_clutter", 6));
  CHECK(english.find("rule 楼道杂物 (corridor_clutter)") != std::string::npos);
  CHECK(english.find("10") != std::string::npos);
}

TEST_CASE("workspace: completion in context") {
  std::string en = reference_text("en/2023-09.rubric");
  auto good = analysed(en);

  SECTION("after `each ` on a half-typed line: the kinds, from the last text that parsed") {
    std::string typed = en + "\nrule new_rule \"新\" in hygiene\n  each ";
    ws::options opts;
    opts.path = "memory.rubric";
    opts.text = typed;
    auto a = ws::analyse(std::move(opts), &good);
    CHECK_FALSE(a.tree);
    CHECK(a.symbols_carried);
    auto offered = texts(ws::complete(a, static_cast<std::uint32_t>(typed.size())));
    CHECK(has(offered, "clutter"));
    CHECK(has(offered, "dispute"));
    CHECK_FALSE(has(offered, "hygiene"));
    CHECK_FALSE(has(offered, "rule"));
  }
  SECTION("attributes of the kind in scope, choices after `is`, areas after `in`") {
    std::string text = en;
    std::uint32_t where_at = offset_of(text, "when item is one of", 5);
    auto attributes = texts(ws::complete(good, where_at));
    CHECK(has(attributes, "item"));
    CHECK(has(attributes, "count"));
    CHECK_FALSE(has(attributes, "hours"));
    auto choices = texts(ws::complete(good, offset_of(text, "is one of wheelchair", 10)));
    CHECK(has(choices, "stroller"));
    CHECK_FALSE(has(choices, "clutter"));
    auto areas = texts(ws::complete(good, offset_of(text, "in hygiene", 3)));
    CHECK(has(areas, "hygiene"));
    CHECK(has(areas, "volunteering"));
    auto keywords = texts(ws::complete(good, static_cast<std::uint32_t>(text.size())));
    CHECK(has(keywords, "rule"));
    CHECK(has(keywords, "veto"));
  }
  SECTION("the Chinese surface offers labels and its own keywords") {
    std::string zh = reference_text("2023-09.rubric");
    auto z = analysed(zh);
    auto kinds = texts(ws::complete(z, offset_of(zh, "每次 楼道杂物", 7)));
    CHECK(has(kinds, "楼道杂物"));
    CHECK_FALSE(has(kinds, "clutter"));
    auto choices = texts(ws::complete(z, offset_of(zh, "物品 为 轮椅", 11)));
    CHECK(has(choices, "婴儿车"));
    auto keywords = texts(ws::complete(z, static_cast<std::uint32_t>(zh.size())));
    CHECK(has(keywords, "规则"));
    CHECK_FALSE(has(keywords, "rule"));
  }
}

TEST_CASE("workspace: formatting in the file's own surface") {
  std::string zh = reference_text("2023-09.rubric");
  std::string messy = zh;
  messy.replace(messy.find("  每次 楼道杂物"), 2, "        ");
  auto a = analysed(messy);
  auto formatted = ws::formatted(a);
  REQUIRE(formatted);
  CHECK(*formatted == zh);
  CHECK_FALSE(ws::formatted(analysed("细则「x」 版本")));
}

TEST_CASE("workspace: rename a name, or a Chinese label, and refuse a bad one") {
  std::string en = reference_text("en/2023-09.rubric");
  auto a = analysed(en);
  std::uint32_t on_kind = offset_of(en, "each clutter", 6);

  auto reserved = ws::rename(a, on_kind, "each");
  CHECK(reserved.edits.empty());
  CHECK(reserved.error.find("reserved") != std::string::npos);
  CHECK(ws::rename(a, on_kind, "dispute").error.find("already declared") != std::string::npos);
  CHECK(ws::rename(a, on_kind, "two words").error.find("not a name") != std::string::npos);
  CHECK_FALSE(ws::rename(a, 0, "x").error.empty());  // nothing there
  // An attribute may share a name with another kind's attribute, not with its own kind's.
  CHECK(ws::rename(a, offset_of(en, "when item is", 5), "count").error.find("already declared") != std::string::npos);
  CHECK(ws::rename(a, offset_of(en, "when item is", 5), "hours").error.empty());

  auto renamed = ws::rename(a, on_kind, "corridor_items");
  REQUIRE(renamed.error.empty());
  CHECK(renamed.edits.size() == 2);  // the declaration and the rule
  std::string after = applied(en, renamed.edits);
  CHECK(after.find("event corridor_items \"楼道杂物\"") != std::string::npos);
  CHECK(after.find("each corridor_items:") != std::string::npos);
  CHECK(analysed(after).diagnostics.empty());

  std::string zh = reference_text("2023-09.rubric");
  auto z = analysed(zh);
  // On the label: the label and every reference written by it; the name stays.
  auto by_label = ws::rename(z, offset_of(zh, "每次 楼道杂物", 7), "走廊杂物");
  REQUIRE(by_label.error.empty());
  std::string relabelled = applied(zh, by_label.edits);
  CHECK(relabelled.find("事件 走廊杂物（clutter）") != std::string::npos);
  CHECK(relabelled.find("每次 走廊杂物：") != std::string::npos);
  CHECK(relabelled.find("规则 楼道杂物（corridor_clutter）") != std::string::npos);  // the rule's own label is another's
  CHECK(analysed(relabelled).diagnostics.empty());
  // On the name: the name only (the references are by label).
  auto by_name = ws::rename(z, offset_of(zh, "（clutter）", 4), "corridor_items");
  REQUIRE(by_name.error.empty());
  CHECK(by_name.edits.size() == 1);
  CHECK(ws::rename(z, offset_of(zh, "每次 楼道杂物", 7), "每次").error.find("保留字") != std::string::npos);
  CHECK(ws::rename(z, offset_of(zh, "每次 楼道杂物", 7), "矛盾纠纷").error.find("已经有") != std::string::npos);
}

TEST_CASE("workspace: the folder's other versions take part in the check") {
  std::string text = reference_text("en/2023-09.rubric");
  std::string folder = std::string(RUBRIC_SOURCE_DIR) + "/rubrics/nanguo-xinjiayuan/en/";
  // Alone, a copy of 2023-09 under another name is clean; beside the real one its id repeats.
  auto alone = analysed(text, folder + "copy.rubric");
  CHECK(alone.diagnostics.empty());
  ws::options opts;
  opts.path = folder + "copy.rubric";
  opts.text = text;
  opts.siblings.push_back(std::make_shared<const lang::source_file>(folder + "2023-09.rubric", text));
  opts.siblings.push_back(std::make_shared<const lang::source_file>(folder + "2023-04.rubric", reference_text("en/2023-04.rubric")));
  auto beside = ws::analyse(std::move(opts));
  bool repeated_id = std::any_of(beside.diagnostics.begin(), beside.diagnostics.end(),
                                 [](const auto& d) { return d.code == "R2010"; });
  CHECK(repeated_id);
}
