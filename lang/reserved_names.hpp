// Names the readers take for themselves. An event attribute or roster column by one of these names
// could be declared but never recorded, since the reader reads that column as its own: the
// checker refuses them (R2030), and the readers compare against the same names.
#pragma once

#include <array>
#include <string_view>

namespace rubric::lang::reserved {

// Every events file, CSV header or JSON Lines key: when, which unit, what happened.
inline constexpr std::string_view date_column = "date";
inline constexpr std::string_view unit_column = "unit";
inline constexpr std::string_view kind_column = "kind";
inline constexpr std::array<std::string_view, 3> event_columns = {date_column, unit_column, kind_column};

// The unit roster: its first column names the unit; the rubric's `roster` columns come after it.
inline constexpr std::array<std::string_view, 1> roster_columns = {unit_column};

}  // namespace rubric::lang::reserved
