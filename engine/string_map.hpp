// A hash map from strings that can be searched with a string_view, without building a string.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include <boost/unordered/unordered_flat_map.hpp>

namespace rubric::engine {

// FNV-1a: ids on a roster are short, and an inline loop beats a library call for them. The map
// mixes the result further, so FNV's weak high bits do not matter.
struct string_hash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const noexcept {
    std::uint64_t h = 14695981039346656037ull;
    for (char c : text) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    return static_cast<std::size_t>(h);
  }
};

// Equality for short strings without a call to memcmp.
inline bool same_text(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

template <typename Value>
using string_map = boost::unordered_flat_map<std::string, Value, string_hash, std::equal_to<>>;

}  // namespace rubric::engine
