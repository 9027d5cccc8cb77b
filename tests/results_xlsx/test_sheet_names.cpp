// Sheet names of the results workbook keep to Excel's rules, or Excel refuses to open the file.
#include <catch2/catch.hpp>

#include "engine/report/report.hpp"
#include "lang/source.hpp"

using rubric::engine::excel_sheet_name;

TEST_CASE("sheet names: forbidden characters are replaced") {
  std::vector<std::string> taken;
  CHECK(excel_sheet_name("a[b]c:d*e?f/g\\h", taken) == "a_b_c_d_e_f_g_h");
}

TEST_CASE("sheet names: at most 31 characters, Chinese ones counted as one each") {
  std::vector<std::string> taken;
  std::string chinese;
  for (int i = 0; i < 40; ++i) chinese += "评";
  std::string name = excel_sheet_name(chinese, taken);
  CHECK(rubric::lang::display_width(name) == 62);  // 31 characters of width two, none cut in half
  CHECK(excel_sheet_name(std::string(40, 'x'), taken) == std::string(31, 'x'));
}

TEST_CASE("sheet names: a clash, regardless of case, gets a number within the limit") {
  std::vector<std::string> taken;
  CHECK(excel_sheet_name("2023 awards", taken) == "2023 awards");
  CHECK(excel_sheet_name("2023 Awards", taken) == "2023 Awards (2)");
  CHECK(excel_sheet_name("2023 awards", taken) == "2023 awards (3)");
  std::string longest(31, 'y');
  CHECK(excel_sheet_name(longest, taken) == longest);
  CHECK(excel_sheet_name(longest, taken) == std::string(27, 'y') + " (2)");
  CHECK(taken.size() == 5);
}

TEST_CASE("sheet names: no apostrophe first or last, never empty") {
  std::vector<std::string> taken;
  CHECK(excel_sheet_name("'quoted'", taken) == "quoted");
  CHECK(excel_sheet_name("''", taken) == "_");
  CHECK(excel_sheet_name(std::string(27, 'z') + "'" + "abc", taken) == std::string(27, 'z') + "'abc");
  CHECK(excel_sheet_name(std::string(27, 'z') + "'" + "abc", taken) == std::string(27, 'z') + " (2)");
}
