// Consequences (docs/language.md, "Consequences"): what the editing core says about them — hover
// on a rule, a veto and a grade names the action and its deadline, completion offers the keyword —
// and the checker's bound on a deadline.
#include <string>

#include <catch2/catch.hpp>

#include "lang/workspace.hpp"

using namespace rubric;
namespace ws = lang::workspace;

namespace {

ws::analysis analysed(std::string text) {
  ws::options opts;
  opts.path = "2024-01.rubric";
  opts.text = std::move(text);
  return ws::analyse(std::move(opts));
}

std::uint32_t offset_of(const std::string& text, const std::string& needle, std::size_t into = 0) {
  auto at = text.find(needle);
  REQUIRE(at != std::string::npos);
  return static_cast<std::uint32_t>(at + into);
}

std::string with_deadline(const std::string& days) {
  return "rubric \"后果\" version \"2024-01\" effective 2024-01-01\n"
         "scores each unit per month, starting at 100\n\n"
         "event flying_wire \"飞线充电\"\n"
         "event construction \"违章搭建\"\n\n"
         "area hygiene \"环境卫生\"\n\n"
         "rule wires \"飞线充电\" in hygiene\n"
         "  each flying_wire: -10\n"
         "  consequence \"通报批评\"\n\n"
         "veto illegal_construction \"违章搭建一票否决\"\n"
         "  when any construction\n"
         "  effect score set to 0 this month\n"
         "  consequence \"限期整改\" within " + days + " days\n\n"
         "grades\n"
         "  good \"良好\" at least 90\n"
         "  fail \"不合格\" otherwise\n"
         "    consequence \"约谈\"\n";
}

bool has_code(const ws::analysis& a, const std::string& code) {
  for (const auto& d : a.diagnostics) {
    if (d.code == code) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("consequences: hover on a rule, a veto and a grade names the action and its deadline") {
  std::string text = with_deadline("7");
  auto a = analysed(text);
  REQUIRE(a.checked);
  std::string rule = ws::hover(a, offset_of(text, "rule wires", 6));
  CHECK(rule.find("then: 通报批评") != std::string::npos);
  std::string veto = ws::hover(a, offset_of(text, "veto illegal_construction", 6));
  CHECK(veto.find("then: 限期整改 within 7 days of the period's end") != std::string::npos);
  std::string grade = ws::hover(a, offset_of(text, "fail \"", 1));
  CHECK(grade.find("不合格: any other score; then: 约谈") != std::string::npos);
  std::string good = ws::hover(a, offset_of(text, "good \"", 1));
  CHECK(good.find("then:") == std::string::npos);  // a grade without one says none
}

TEST_CASE("consequences: completion offers the keyword on a rule's line") {
  std::string text = with_deadline("7") + "\nrule more \"更多\" in hygiene\n  each flying_wire: -1\n  ";
  auto a = analysed(text);
  bool offered = false;
  for (const auto& c : ws::complete(a, static_cast<std::uint32_t>(text.size()))) offered = offered || c.text == "consequence";
  CHECK(offered);
}

TEST_CASE("consequences: a deadline is a whole number of days from 1 to 366") {
  CHECK_FALSE(has_code(analysed(with_deadline("1")), "R2020"));
  CHECK_FALSE(has_code(analysed(with_deadline("366")), "R2020"));
  CHECK(has_code(analysed(with_deadline("0")), "R2020"));
  CHECK(has_code(analysed(with_deadline("367")), "R2020"));
  CHECK(has_code(analysed(with_deadline("1.5")), "R2020"));
}
