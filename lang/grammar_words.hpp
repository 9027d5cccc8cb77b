// Grammar rules shared by both surfaces: names per UAX #31 (lang/surface/identifier.hpp) and the
// boundary after a keyword. Custom PEGTL rules, because PEGTL's own identifier rules are ASCII.
#pragma once

#include <string_view>

#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/analyze_traits.hpp>

#include "lang/surface/identifier.hpp"

namespace rubric::lang::grammar {

// An identifier that the surface does not reserve. `Reserved` says whether a whole word is a
// keyword of the surface; a keyword may begin a longer name (`rules` is a name).
template <bool (*Reserved)(std::string_view)>
struct unicode_identifier {
  using rule_t = unicode_identifier;
  using subs_t = tao::pegtl::type_list<>;

  template <typename ParseInput>
  static bool match(ParseInput& in) {
    std::string_view rest(in.current(), in.size(0));
    std::size_t length = surface::identifier_length(rest);
    if (length == 0 || Reserved(rest.substr(0, length))) return false;
    in.bump_in_this_line(length);
    return true;
  }
};

// One character that may continue a name: a keyword must not be followed by one.
struct identifier_char {
  using rule_t = identifier_char;
  using subs_t = tao::pegtl::type_list<>;

  template <typename ParseInput>
  static bool match(ParseInput& in) {
    std::size_t length = surface::identifier_char_length(std::string_view(in.current(), in.size(0)));
    if (length == 0) return false;
    in.bump_in_this_line(length);
    return true;
  }
};

}  // namespace rubric::lang::grammar

namespace tao::pegtl {
// Both consume input when they succeed, which is all the grammar analysis needs to know.
template <typename Name, bool (*Reserved)(std::string_view)>
struct analyze_traits<Name, rubric::lang::grammar::unicode_identifier<Reserved>> : analyze_any_traits<> {};
template <typename Name>
struct analyze_traits<Name, rubric::lang::grammar::identifier_char> : analyze_any_traits<> {};
}  // namespace tao::pegtl
