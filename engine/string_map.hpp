// A hash map from strings that can be searched with a string_view, without building a string.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include <boost/unordered/unordered_flat_map.hpp>

namespace rubric::engine {

struct string_hash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const noexcept { return std::hash<std::string_view>{}(text); }
};

template <typename Value>
using string_map = boost::unordered_flat_map<std::string, Value, string_hash, std::equal_to<>>;

}  // namespace rubric::engine
