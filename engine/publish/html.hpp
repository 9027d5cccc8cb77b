// A small typed HTML writer: the only way a page is made. Markup (element and attribute names,
// fixed attribute values, the style sheet) can only come from string literals in the code, as
// `markup`; every other string is data and is escaped by construction — as text between tags,
// as a quoted value inside one. A unit id `<script>` therefore reaches the page as text. Chosen
// over a template library (inja, mstch) because those escape only where the template says so,
// while here forgetting to escape is not expressible: see docs/publish.md.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rubric::engine::publish {

// Text written in the program, never from data: constructible from a string literal only.
class markup {
 public:
  template <std::size_t N>
  consteval markup(const char (&literal)[N]) : text_(literal, N - 1) {}
  std::string_view view() const { return text_; }

  // The style sheet and other resources compiled into the program are markup too.
  static markup compiled_resource(std::string_view text) { return markup(text); }

 private:
  explicit markup(std::string_view text) : text_(text) {}
  std::string_view text_;
};

// Escapes for text content and for a double-quoted attribute value: & < > " ' all become
// character references, and bytes that are not UTF-8 become U+FFFD so the page stays valid.
std::string escape_html(std::string_view data);

// One attribute: its name is markup, its value data (escaped).
struct attribute {
  markup name;
  std::string value;
};

class html_writer {
 public:
  // Opens an element; it is closed by close() (in order) or by the end of element().
  html_writer& open(markup tag, std::vector<attribute> attributes = {});
  html_writer& close();
  // A complete element whose content is `content`, as text.
  html_writer& element(markup tag, std::string_view content, std::vector<attribute> attributes = {});
  // An element without content, self-closed: <meta/>, <br/>, and SVG's <line/>, <polyline/>.
  html_writer& empty(markup tag, std::vector<attribute> attributes = {});
  html_writer& text(std::string_view data);
  html_writer& raw(markup literal);
  html_writer& newline() { out_ += '\n'; return *this; }

  // The document so far; every opened element must have been closed.
  std::string finish();

 private:
  void start_tag(markup tag, const std::vector<attribute>& attributes);
  std::string out_;
  std::vector<std::string_view> open_;
};

}  // namespace rubric::engine::publish
