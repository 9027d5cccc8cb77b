// Reserved words: the documented lists are the grammar's, and a keyword where a name belongs is
// reported by name (R1010). A missing `otherwise` says what to write.
#include <catch2/catch.hpp>

#include <fstream>
#include <memory>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "lang/grammar.hpp"
#include "lang/grammar_zh.hpp"
#include "lang/parse.hpp"

using namespace rubric::lang;

namespace {

std::string read_source(const std::string& relative) {
  std::ifstream in(std::string(RUBRIC_SOURCE_DIR) + "/" + relative, std::ios::binary);
  REQUIRE(in.good());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The words between the two markers (English: each in backticks) or after the heading `## 保留字`
// up to the end of the section (Chinese: separated by blanks, on the lines that hold no `。`).
std::set<std::string> documented_english_words() {
  std::string doc = read_source("docs/language.md");
  auto begin = doc.find("<!-- reserved-words:begin -->");
  auto end = doc.find("<!-- reserved-words:end -->");
  REQUIRE(begin != std::string::npos);
  REQUIRE(end != std::string::npos);
  std::string list = doc.substr(begin, end - begin);
  std::set<std::string> words;
  std::regex quoted("`([^`]+)`");
  for (std::sregex_iterator it(list.begin(), list.end(), quoted), last; it != last; ++it) words.insert((*it)[1]);
  return words;
}

std::set<std::string> documented_chinese_words() {
  std::string doc = read_source("docs/zh/语言.md");
  auto begin = doc.find("<!-- reserved-words:begin -->");
  auto end = doc.find("<!-- reserved-words:end -->");
  REQUIRE(begin != std::string::npos);
  REQUIRE(end != std::string::npos);
  std::istringstream list(doc.substr(begin, end - begin));
  std::set<std::string> words;
  std::string line;
  std::getline(list, line);  // the marker's line
  for (std::string word; list >> word;) words.insert(word);
  return words;
}

template <typename Words>
std::set<std::string> as_set(const Words& words) {
  return std::set<std::string>(words.begin(), words.end());
}

std::vector<std::unique_ptr<source_file>> files;

parse_result parse_text(const std::string& text) {
  files.push_back(std::make_unique<source_file>("t.rubric", text));
  return parse(*files.back());
}

const char* header_en = "rubric \"测试\" version \"1\" effective 2023-04-01\n";
const char* header_zh = "细则「测试」 版本「1」 自 2023年4月1日 起施行\n";

}  // namespace

TEST_CASE("docs/language.md lists exactly the grammar's reserved words", "[reserved]") {
  CHECK(documented_english_words() == as_set(grammar::reserved_words));
}

TEST_CASE("docs/zh/语言.md lists exactly the Chinese grammar's reserved words", "[reserved]") {
  CHECK(documented_chinese_words() == as_set(grammar_zh::reserved_words));
}

TEST_CASE("every English reserved word declared as a name is named as a keyword", "[reserved]") {
  for (std::string_view word : grammar::reserved_words) {
    INFO(word);
    auto r = parse_text(std::string(header_en) + "area " + std::string(word) + " \"合计\"\n");
    REQUIRE(r.diags.size() == 1);
    CHECK(r.diags[0].kind == diag_kind::keyword_as_name);
    CHECK(r.diags[0].message == "`" + std::string(word) + "` is a keyword; choose another name");
    CHECK(r.diags[0].where.end - r.diags[0].where.begin == word.size());
  }
}

TEST_CASE("every Chinese reserved word declared as a name is named as a keyword", "[reserved]") {
  for (std::string_view word : grammar_zh::reserved_words) {
    INFO(word);
    auto r = parse_text(std::string(header_zh) + "类别 " + std::string(word) + "\n");
    REQUIRE(r.diags.size() == 1);
    CHECK(r.diags[0].kind == diag_kind::keyword_as_name);
    CHECK(r.diags[0].message == "`" + std::string(word) + "` is a keyword; choose another name");
  }
}

TEST_CASE("a keyword as an attribute's name, before its colon, is named as a keyword", "[reserved]") {
  auto en = parse_text(std::string(header_en) + "scores each unit per month, starting at 100\nevent clutter\n  total: integer\n");
  REQUIRE(en.diags.size() == 1);
  CHECK(en.diags[0].kind == diag_kind::keyword_as_name);
  CHECK(en.diags[0].message == "`total` is a keyword; choose another name");
  auto zh = parse_text(std::string(header_zh) + "以 单元（unit） 为单位，按月评分，基础分 100 分\n事件 楼道杂物（clutter）\n  合计：整数\n");
  REQUIRE(zh.diags.size() == 1);
  CHECK(zh.diags[0].kind == diag_kind::keyword_as_name);
  CHECK(zh.diags[0].message == "`合计` is a keyword; choose another name");
}

TEST_CASE("a keyword that is not reserved may be a name, and one may begin a name", "[reserved]") {
  CHECK(parse_text(std::string(header_en) + "area score \"得分\"\narea total_hygiene \"合计\"\n").diags.empty());
  CHECK(parse_text(std::string(header_zh) + "类别 合计（total）\n类别 合计卫生\n").diags.empty());
}

TEST_CASE("a missing otherwise says what to write", "[reserved]") {
  std::string en = std::string(header_en) +
                   "scores each unit per month, starting at 100\nevent dispute\n  resolved: true or false\narea d \"纠纷\"\n"
                   "rule r \"邻里纠纷\" in d\n  each dispute: ";
  auto amount_without_otherwise = parse_text(en + "-2 if resolved, -5 per resolved  # note\n");
  REQUIRE(amount_without_otherwise.diags.size() == 1);
  CHECK(amount_without_otherwise.diags[0].message ==
        "the last alternative is the amount when no condition holds: write `otherwise -5 per resolved`");

  auto without_comma = parse_text(en + "-2 if resolved -5\n");
  REQUIRE(without_comma.diags.size() == 1);
  CHECK(without_comma.diags[0].message ==
        "the last alternative is the amount when no condition holds: write `, otherwise -5`");

  std::string text = en + "-2 if resolved   # mediated\n  capped at -10 per month\n";
  auto nothing_after = parse_text(text);
  REQUIRE(nothing_after.diags.size() == 1);
  CHECK(nothing_after.diags[0].message ==
        "alternatives end with the amount when no condition holds: add `, otherwise AMOUNT` here");
  CHECK(nothing_after.diags[0].where.begin == text.find("resolved   #") + std::string("resolved").size());

  std::string zh = std::string(header_zh) +
                   "以 单元（unit） 为单位，按月评分，基础分 100 分\n事件 矛盾纠纷（dispute）\n  已调解（resolved）：是或否\n"
                   "类别 纠纷（d）\n规则 邻里纠纷（r） 属于 纠纷\n  每次 矛盾纠纷：";
  auto zh_without_otherwise = parse_text(zh + "已调解 的 扣 2 分，扣 5 分\n");
  REQUIRE(zh_without_otherwise.diags.size() == 1);
  CHECK(zh_without_otherwise.diags[0].message ==
        "the last alternative is the amount when no condition holds: write `否则 扣 5 分`");
  auto zh_nothing_after = parse_text(zh + "已调解 的 扣 2 分\n");
  REQUIRE(zh_nothing_after.diags.size() == 1);
  CHECK(zh_nothing_after.diags[0].message ==
        "alternatives end with the amount when no condition holds: add `，否则 扣 N 分` here");
}
