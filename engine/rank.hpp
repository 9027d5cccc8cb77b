// Ranking, in one place: competition ranks (1, 2, 2, 4) by a version's ordering keys, the same
// places counted from the bottom for `bottom N`, and who receives a distinction or a title —
// for units, groups ranked by their average, award windows, role holders and streaks.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "engine/plan.hpp"
#include "engine/result.hpp"
#include "engine/roster.hpp"

namespace rubric::engine {

// A place in a ranking: counted from the top and from the bottom, ties sharing both.
struct rank_place {
  std::uint32_t rank = 0, from_bottom = 0;
};

// Competition ranking of `candidates`, stably sorted in place by `compare` (<0: a first, 0: tied,
// >0: b first); the result gives each candidate's place, in the sorted order.
template <typename Compare>
std::vector<rank_place> competition_places(std::vector<std::uint32_t>& candidates, Compare compare) {
  std::stable_sort(candidates.begin(), candidates.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return compare(a, b) < 0; });
  std::vector<rank_place> places(candidates.size());
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    bool tied = i > 0 && compare(candidates[i - 1], candidates[i]) == 0;
    places[i].rank = tied ? places[i - 1].rank : static_cast<std::uint32_t>(i + 1);
  }
  for (std::size_t i = candidates.size(); i-- > 0;) {
    bool tied = i + 1 < candidates.size() && places[i + 1].rank == places[i].rank;
    places[i].from_bottom = tied ? places[i + 1].from_bottom : static_cast<std::uint32_t>(candidates.size() - i);
  }
  return places;
}

// Does a distinction or title for ranks first..last (counted from the bottom for `bottom N`) go
// to this place? The first is never also the last: when every candidate ties, none is at the bottom.
bool receives(std::uint32_t first_rank, std::uint32_t last_rank, bool from_bottom, const rank_place& at);

// How many places a share of the units ranked gives: P% of `participants`, rounded down, and at
// least 1 when any unit is ranked. Exact: whole numbers and the percentage's decimal units.
std::uint32_t share_count(std::int64_t percent, std::uint32_t participants);

// Counts the places of each share (`top 5%`, `next 10%`, `bottom 10%`) among `participants`
// ranked units into its first and last rank: top P% is ranks 1 to k, next P% the k ranks after
// the top and next shares before it, bottom P% the lowest k. Ties at the boundary share it, as
// with `top N`. Distinctions that are no share are left as they are.
template <typename Placed>
void place_shares(std::vector<Placed>& placed, std::uint32_t participants) {
  std::uint32_t taken = 0;  // places given by the top and next shares so far
  for (auto& d : placed) {
    if (d.share.kind == share_kind::none) continue;
    std::uint32_t count = share_count(d.share.percent, participants);
    d.first_rank = d.share.kind == share_kind::next ? taken + 1 : 1;
    d.last_rank = d.first_rank + count - 1;
    if (count == 0) d.first_rank = d.last_rank + 1;  // nobody ranked: no place
    if (d.share.kind != share_kind::bottom) taken = d.last_rank;
  }
}

// Ranks a period's units by the version's ranking — who is ranked (vetoes, `only where`, `only
// graded at least`), separate rankings `within each` column, groups ranked by their average —
// and sets ranks, distinctions, groups and the display order. Units of a version without a
// ranking, or of a period `unranked` (no event recorded), stay unranked. False when a group's
// total left the exact range.
[[nodiscard]] bool rank_period(const plan& p, const roster& r, bool unranked, period_result& out);

// Counts each unit's distinctions and grades over the window's periods and its longest runs for
// streak titles, and gives the streak titles.
void count_window(const plan& p, const std::vector<const period_result*>& periods, year_result& out);

// Ranks the window's units by the awards' order, gives eligibility, subsidies and titles for
// ranks, and the titles of role holders, whose places are their units' (from the bottom too).
void rank_window(const version_plan& version, const roster& r, year_result& out);

}  // namespace rubric::engine
