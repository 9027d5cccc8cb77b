#include <catch2/catch.hpp>

#include "lang/check/checked.hpp"
#include "lang/load.hpp"

using namespace rubric::lang;

namespace {

const std::string base = R"(rubric "测试" version "1" effective 2023-04-01
scores each unit per month, starting at 100
event clutter
  item: one of wheelchair, stroller, boxes
  count: integer at least 1, default 1
area hygiene "环境卫生"
rule corridor "楼道杂物" in hygiene
  each clutter: -2 per count
  capped at -10 per month
ranking per month
  order by score, higher first
  ties share a rank
  award red_flag "流动红旗" to ranks 1 to 3
)";

std::vector<diag_kind> kinds_of(const std::string& text) {
  auto result = check_version(std::make_shared<const source_file>("t.rubric", text));
  std::vector<diag_kind> out;
  for (const auto& d : result.diags) out.push_back(d.kind);
  return out;
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("a well-formed version checks clean and resolves its names", "[checker]") {
  auto result = check_version(std::make_shared<const source_file>("t.rubric", base));
  REQUIRE(result.diags.empty());
  REQUIRE(result.version);
  const auto& symbols = result.version->symbols;
  REQUIRE(symbols.kinds.size() == 1);
  CHECK(symbols.kinds[0].attributes[0].choices.size() == 3);
  CHECK_FALSE(symbols.kinds[0].attributes[1].required);
  CHECK(symbols.distinction("red_flag") != nullptr);
}

TEST_CASE("each semantic problem has its own code", "[checker]") {
  struct row {
    const char* what;
    std::string text;
    diag_kind expected;
  };
  const row rows[] = {
      {"unknown kind", replaced(base, "each clutter:", "each clutr:"), diag_kind::unknown_event_kind},
      {"unknown attribute", replaced(base, "per count", "per size"), diag_kind::unknown_attribute},
      {"unknown value", base + "veto v \"x\" when any clutter where item is sofa effect not eligible for red_flag this month\n", diag_kind::unknown_enum_value},
      {"unknown area", replaced(base, "in hygiene", "in hygeine"), diag_kind::unknown_area},
      {"type mismatch", replaced(base, "per count", "per item"), diag_kind::type_mismatch},
      {"duplicate area", base + "area hygiene \"x\"\n", diag_kind::duplicate_name},
      {"cap sign", replaced(base, "capped at -10", "capped at +10"), diag_kind::cap_sign_contradicts},
      {"effective date", replaced(base, "2023-04-01", "2023-04-02"), diag_kind::effective_not_period_start},
      {"default out of bounds", replaced(base, "default 1", "default 0"), diag_kind::bad_default},
      {"empty bounds", replaced(base, "at least 1", "at least 3 at most 2"), diag_kind::empty_bounds},
      {"ranking period", replaced(base, "ranking per month", "ranking per week"), diag_kind::unsupported_period},
      {"no amount", replaced(base, "  each clutter: -2 per count\n", ""), diag_kind::rule_body_invalid},
      {"two amounts", replaced(base, "  capped at", "  no clutter: +1\n  capped at"), diag_kind::rule_body_invalid},
      {"attribute named like an events file's column", replaced(base, "  count: integer", "  date: date, optional\n  count: integer"), diag_kind::reserved_name},
      {"roster column named like the unit's id", base + "roster\n  unit: one of a, b\n", diag_kind::reserved_name},
      {"unknown distinction", base + "veto v \"x\" when any clutter effect not eligible for flag this month\n", diag_kind::unknown_distinction},
      {"person attribute", base + "role_subsidy \"x\" 10%\n  when at least 1 clutter\n", diag_kind::person_attribute},
      {"rank range", replaced(base, "ranks 1 to 3", "ranks 0 to 3"), diag_kind::number_out_of_range},
      {"ordering key", replaced(base, "order by score", "order by points"), diag_kind::bad_ordering_key},
      {"budgets", replaced(base, "area hygiene \"环境卫生\"", "area hygiene \"环境卫生\" worth 90"), diag_kind::budgets_do_not_sum},
      {"grades", base + "grades\n  fail \"x\" otherwise\n  good \"y\" at least 80\n", diag_kind::grades_out_of_order},
      {"streak in the ranking", base + "  award run \"x\" for 3 months in a row with red_flag\n", diag_kind::award_misplaced},
      {"unknown role", base + "awards per year\n  order by red_flag, more first\n  ties share a rank\n  award h \"x\" to head of rank 1\n", diag_kind::unknown_role},
      {"unknown grade", replaced(base, "  order by score", "  only graded at least pass\n  order by score"), diag_kind::unknown_grade},
      {"distinct of a number", replaced(base, "each clutter: -2 per count", "distinct count of clutter: +1"), diag_kind::type_mismatch},
      {"recorded range", replaced(base, "each clutter: -2 per count", "each clutter: recorded count from 5 to 1"), diag_kind::number_out_of_range},
      {"roster without columns", replaced(base, "  order by score", "  only where building is a\n  order by score"), diag_kind::missing_section},
      {"weekly ranking of a monthly rubric", replaced(base, "ranking per month", "ranking per quarter"), diag_kind::unsupported_period},
      {"awards no longer than scoring", base + "awards per month\n  order by red_flag, more first\n  ties share a rank\n", diag_kind::unsupported_period},
      {"weekly rubric starting on a Tuesday", replaced(replaced(replaced(base, "2023-04-01", "2023-04-04"), "per month, starting", "per week, starting"), "ranking per month", "ranking per week"), diag_kind::effective_not_period_start},
  };
  for (const auto& r : rows) {
    INFO(r.what);
    auto kinds = kinds_of(r.text);
    CHECK(std::find(kinds.begin(), kinds.end(), r.expected) != kinds.end());
  }
}

TEST_CASE("a weekly rubric starting on a Monday, with caps and vetoes at other cadences, checks clean", "[checker]") {
  std::string weekly = replaced(replaced(replaced(base, "2023-04-01", "2023-04-03"), "per month, starting", "per week, starting"),
                                "ranking per month", "ranking per week");
  weekly = replaced(weekly, "capped at -10 per month", "capped at -10 per week\n  capped at -4 per day\n  counted at most 3 times per month");
  weekly += "veto v \"x\" when any clutter\n  effect not eligible for red_flag this week\n  effect score set to 0 this and next year\n";
  weekly += "awards per semester\n  order by red_flag, more first\n  ties share a rank\n  award run \"x\" for 3 weeks in a row with red_flag\n";
  CHECK(kinds_of(weekly).empty());
}

TEST_CASE("every semantic error is reported in one run", "[checker]") {
  std::string text = replaced(replaced(replaced(base, "each clutter:", "each clutr:"), "in hygiene", "in hygeine"),
                              "order by score", "order by points");
  auto result = check_version(std::make_shared<const source_file>("t.rubric", text));
  std::vector<std::pair<std::string_view, std::uint32_t>> found;  // code and line, in the order reported
  for (const auto& d : result.diags) found.emplace_back(d.code(), d.file->locate(d.where.begin).line);
  // The area left without rules, the misspelt area, the misspelt kind, the unknown ordering key.
  CHECK(found == std::vector<std::pair<std::string_view, std::uint32_t>>{{"R2021", 6}, {"R2004", 7}, {"R2001", 8}, {"R2024", 11}});
}

TEST_CASE("an exemption that can never apply is a warning; one that can is not", "[checker]") {
  auto with_exemption = [](const std::string& filter, const std::string& exemption) {
    return replaced(replaced(base, "each clutter:", "each clutter" + filter + ":"), "  capped at -10 per month\n",
                    "  capped at -10 per month\n  exempt \"x\" when " + exemption + "\n");
  };
  auto dead = kinds_of(with_exemption(" where item is boxes", "item is one of wheelchair, stroller"));
  CHECK(dead == std::vector<diag_kind>{diag_kind::exemption_never_applies});
  CHECK(kinds_of(with_exemption("", "item is one of wheelchair, stroller")).empty());
  CHECK(kinds_of(with_exemption(" where item is not boxes", "item is wheelchair")).empty());
  CHECK(kinds_of(with_exemption(" where item is boxes", "count at least 3")).empty());
  CHECK(kinds_of(with_exemption(" where item is boxes", "item is boxes and not (item is boxes)")) ==
        std::vector<diag_kind>{diag_kind::exemption_never_applies});
}

TEST_CASE("both shipped versions of the reference rubric check clean", "[checker]") {
  auto folder = load_rubric(std::string(RUBRIC_SOURCE_DIR) + "/rubrics/nanguo-xinjiayuan");
  CHECK(folder.diags.empty());
  REQUIRE(folder.versions.size() == 2);
  CHECK(folder.versions[0].version_id() == "2023-04");
  CHECK(folder.versions[1].version_id() == "2023-09");
}
