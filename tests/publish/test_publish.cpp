// The pieces of `rubric publish` that pages are made of: the HTML writer's escaping, safe file
// names for any unit id, and the correction notices (given a list, as the archive will give one).
#include <catch2/catch.hpp>

#include "engine/publish/chart.hpp"
#include "engine/publish/html.hpp"
#include "engine/publish/site.hpp"
#include "lang/i18n.hpp"

using namespace rubric::engine::publish;

TEST_CASE("the HTML writer escapes every data value, as text and as an attribute", "[publish]") {
  html_writer out;
  out.open("p", {{"title", "a\"b' <c> & d"}});
  out.text("<script>alert('x')</script> & \"q\"");
  out.close();
  out.element("td", "1<2", {{"data-label", "得分"}});
  CHECK(out.finish() ==
        "<p title=\"a&quot;b&#39; &lt;c&gt; &amp; d\">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;</p>"
        "<td data-label=\"得分\">1&lt;2</td>");
}

TEST_CASE("text that is not UTF-8 is repaired, so the page stays valid", "[publish]") {
  CHECK(escape_html("bad\xff") == "bad\xEF\xBF\xBD");
  CHECK(escape_html(std::string("nul\0", 4)) == "nul\xEF\xBF\xBD");
}

TEST_CASE("an element left open is an error of the program, not a page", "[publish]") {
  html_writer out;
  out.open("div");
  CHECK_THROWS(out.finish());
  html_writer closing;
  CHECK_THROWS(closing.close());
}

TEST_CASE("any unit id is one safe file name", "[publish]") {
  CHECK(file_name_of("3-2") == "3-2");
  CHECK(file_name_of("../etc") == "_2e_2e_2fetc");
  CHECK(file_name_of("<a>") == "_3ca_3e");
  CHECK(file_name_of("a_b") == "a_5fb");  // `_` itself is encoded, so two ids never share a name
  CHECK(file_name_of("3号") == "3_e5_8f_b7");
}

TEST_CASE("correction notices are listed with their unit, what changed, before and after", "[publish]") {
  rubric::i18n::set_language(rubric::i18n::language::en);
  std::vector<correction_notice> notices = {{"3-2", "score", "98", "96"}, {"<b>4-1</b>", "rank", "2", "3"}};
  html_writer out;
  corrections_section(out, notices);
  std::string page = out.finish();
  CHECK(page.find("<h2>Corrections since the last publication</h2>") != std::string::npos);
  CHECK(page.find("<td data-label=\"unit\">3-2</td><td data-label=\"what changed\">score</td>"
                  "<td data-label=\"before\">98</td><td data-label=\"after\">96</td>") != std::string::npos);
  CHECK(page.find("&lt;b&gt;4-1&lt;/b&gt;") != std::string::npos);
  CHECK(page.find("<b>") == std::string::npos);

  html_writer none;
  corrections_section(none, {});
  CHECK(none.finish().empty());
}

TEST_CASE("a bar chart writes each exact value as text, its bars to scale", "[publish]") {
  html_writer out;
  bar_chart(out, "scores", {{"1-1", rubric::decimal::from_units(100'000'000), true},
                            {"1-2", rubric::decimal::from_units(50'500'000), false}});
  std::string svg = out.finish();
  CHECK(svg.find(">100</text>") != std::string::npos);
  CHECK(svg.find(">50.5</text>") != std::string::npos);
  CHECK(svg.find("width=\"450\" height=\"18\" class=\"bar flag\"") != std::string::npos);  // the longest bar: the whole plot
  CHECK(svg.find("width=\"227\" height=\"18\" class=\"bar\"") != std::string::npos);       // 50.5 / 100 of it, rounded down
}
