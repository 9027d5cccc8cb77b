// JSON documents built with nlohmann, as text. Paths and user text may hold bytes that are not
// UTF-8 (a file name is any bytes); nlohmann throws on them by default, so every document is
// written here, with each such byte replaced by U+FFFD.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace rubric::lang {

inline std::string json_text(const nlohmann::ordered_json& document) {
  return document.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace rubric::lang
