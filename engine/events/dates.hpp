// The one reader of dates written in data: events CSV and JSON Lines, rosters, workbook cells
// given as text, and the events of rubric tests. Only forms whose order cannot be mistaken are
// read: the year first, in four digits.
#pragma once

#include <string>
#include <string_view>

namespace rubric::engine {

// Reads a date written year first: 2023-10-06, 2023-10-6, 2023/10/6, 2023.10.6 (one separator,
// used twice) or 2023年10月6日, with or without leading zeros. Day-first and month-first orders
// (10/6/2023) and two-digit years (23/10/6) are refused rather than guessed: both orders are in
// use, so either guess would be wrong for someone. On failure, `message` says why and how to
// write the date.
bool parse_date(std::string_view text, int& year, int& month, int& day, std::string& message);

// Whether `text` holds a full-width digit (０-９), which data files do not accept in dates or numbers.
bool has_fullwidth_digits(std::string_view text);

}  // namespace rubric::engine
