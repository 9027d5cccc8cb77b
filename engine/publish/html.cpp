#include "engine/publish/html.hpp"

#include <stdexcept>

#include "lang/source.hpp"

namespace rubric::engine::publish {

std::string escape_html(std::string_view data) {
  std::string repaired;
  if (lang::find_invalid_utf8(data)) data = repaired = lang::with_valid_utf8(data);
  std::string out;
  out.reserve(data.size());
  for (char c : data) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      case '\0': out += "\xEF\xBF\xBD"; break;  // NUL is not allowed in HTML text
      default: out += c;
    }
  }
  return out;
}

void html_writer::start_tag(markup tag, const std::vector<attribute>& attributes) {
  out_ += '<';
  out_ += tag.view();
  for (const auto& a : attributes) {
    out_ += ' ';
    out_ += a.name.view();
    out_ += "=\"";
    out_ += escape_html(a.value);
    out_ += '"';
  }
  out_ += '>';
}

html_writer& html_writer::open(markup tag, std::vector<attribute> attributes) {
  start_tag(tag, attributes);
  open_.push_back(tag.view());
  return *this;
}

html_writer& html_writer::close() {
  if (open_.empty()) throw std::logic_error("html_writer: close() without an open element");
  out_ += "</";
  out_ += open_.back();
  out_ += '>';
  open_.pop_back();
  return *this;
}

html_writer& html_writer::element(markup tag, std::string_view content, std::vector<attribute> attributes) {
  start_tag(tag, attributes);
  out_ += escape_html(content);
  out_ += "</";
  out_ += tag.view();
  out_ += '>';
  return *this;
}

html_writer& html_writer::empty(markup tag, std::vector<attribute> attributes) {
  start_tag(tag, attributes);
  // Self-closed: inside <svg> an element without content must say so (`<line/>`), or the parser
  // takes what follows as its children; for HTML's void elements (<meta/>) the slash is allowed.
  out_.insert(out_.size() - 1, "/");
  return *this;
}

html_writer& html_writer::text(std::string_view data) {
  out_ += escape_html(data);
  return *this;
}

html_writer& html_writer::raw(markup literal) {
  out_ += literal.view();
  return *this;
}

std::string html_writer::finish() {
  if (!open_.empty()) throw std::logic_error("html_writer: an element was left open");
  return std::move(out_);
}

}  // namespace rubric::engine::publish
