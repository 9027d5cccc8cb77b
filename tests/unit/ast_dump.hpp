// A dump of a syntax tree for tests: every field of every node, by reflection (Boost.PFR), so a
// field added to lang/ast.hpp is compared without anyone updating this file. Spans are left out
// (two surfaces put the same node at different bytes), and so is the file's surface.
#pragma once

#include <optional>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include <boost/pfr.hpp>

#include "lang/ast.hpp"

namespace rubric::test {

template <typename T>
struct is_optional : std::false_type {};
template <typename T>
struct is_optional<std::optional<T>> : std::true_type {};
template <typename T>
struct is_vector : std::false_type {};
template <typename T>
struct is_vector<std::vector<T>> : std::true_type {};
template <typename T>
struct is_variant : std::false_type {};
template <typename... T>
struct is_variant<std::variant<T...>> : std::true_type {};

template <typename T>
void dump_into(std::string& out, const T& value) {
  if constexpr (std::is_same_v<T, lang::span>) {
    out += '~';
  } else if constexpr (std::is_same_v<T, rubric::decimal>) {
    out += value.to_string();
  } else if constexpr (std::is_same_v<T, std::string>) {
    out += '"' + value + '"';
  } else if constexpr (std::is_enum_v<T>) {
    out += std::to_string(static_cast<int>(value));
  } else if constexpr (std::is_arithmetic_v<T>) {
    out += std::to_string(value);
  } else if constexpr (is_optional<T>::value) {
    if (value) dump_into(out, *value);
    else out += "none";
  } else if constexpr (is_vector<T>::value) {
    out += '[';
    for (const auto& item : value) {
      dump_into(out, item);
      out += ' ';
    }
    out += ']';
  } else if constexpr (is_variant<T>::value) {
    out += "<" + std::to_string(value.index()) + ">";
    std::visit([&](const auto& alternative) { dump_into(out, alternative); }, value);
  } else {
    out += '{';
    boost::pfr::for_each_field(value, [&](const auto& field) {
      dump_into(out, field);
      out += ',';
    });
    out += '}';
  }
}

// The tree as text: header and statements, without spans, comments or surface.
inline std::string dump(const lang::ast::rubric_file& file) {
  std::string out;
  dump_into(out, file.head);
  out += '\n';
  for (const auto& statement : file.statements) {
    dump_into(out, statement);
    out += '\n';
  }
  return out;
}

}  // namespace rubric::test
