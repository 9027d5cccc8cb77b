#include "engine/rank.hpp"

#include <string>
#include <tuple>

namespace rubric::engine {

bool receives(std::uint32_t first_rank, std::uint32_t last_rank, bool from_bottom, const rank_place& at) {
  if (from_bottom && at.rank == 1) return false;
  std::uint32_t rank = from_bottom ? at.from_bottom : at.rank;
  return rank >= first_rank && rank <= last_rank;
}

std::uint32_t share_count(std::int64_t percent, std::uint32_t participants) {
  if (participants == 0) return 0;
  std::int64_t count = std::int64_t{participants} * percent / (100 * decimal::scale);
  return static_cast<std::uint32_t>(std::max<std::int64_t>(count, 1));
}

namespace {

template <typename T>
int three_way(T a, T b, bool descending) {
  if (a == b) return 0;
  bool a_first = descending ? a > b : a < b;
  return a_first ? -1 : 1;
}

// A unit's or a group's standing by the ranking's keys (score, deductions).
template <typename Standing>
int compare_standings(const version_plan& version, const Standing& a, const Standing& b) {
  for (const auto& term : version.ranking_order) {
    int c = term.key == order_key::deductions ? three_way(a.deductions, b.deductions, term.descending)
                                              : three_way(a.score, b.score, term.descending);
    if (c != 0) return c;
  }
  return 0;
}

// One term of a standing as an unsigned integer that sorts ascending in the term's order: the
// same order, and the same ties, as compare_standings.
template <typename Standing>
std::uint64_t packed_term(const order_term_plan& term, const Standing& standing) {
  std::uint64_t key = term.key == order_key::deductions
                          ? std::uint64_t{standing.deductions}
                          : static_cast<std::uint64_t>(standing.score.units()) ^ (std::uint64_t{1} << 63);
  return term.descending ? ~key : key;
}

// Competition places as competition_places gives them, for a ranking of at most two terms (the
// usual score, then deductions): each candidate's terms packed into integers once, and one
// std::sort of 24-byte records, its position in `candidates` last so that ties keep their order
// as the stable sort did. A period of 30,000 units is sorted without a call per comparison.
template <typename Standing>
std::vector<rank_place> packed_places(const version_plan& version, const std::vector<Standing>& standings,
                                      std::vector<std::uint32_t>& candidates) {
  struct packed {
    std::uint64_t first, second;
    std::uint32_t position;
    bool tied_with(const packed& other) const { return first == other.first && second == other.second; }
  };
  const auto& terms = version.ranking_order;
  std::vector<packed> keys(candidates.size());
  for (std::uint32_t i = 0; i < candidates.size(); ++i) {
    const Standing& standing = standings[candidates[i]];
    keys[i] = {terms.size() > 0 ? packed_term(terms[0], standing) : 0, terms.size() > 1 ? packed_term(terms[1], standing) : 0,
               i};
  }
  std::sort(keys.begin(), keys.end(), [](const packed& a, const packed& b) {
    return std::tie(a.first, a.second, a.position) < std::tie(b.first, b.second, b.position);
  });
  std::vector<std::uint32_t> sorted(candidates.size());
  std::vector<rank_place> places(candidates.size());
  for (std::size_t i = 0; i < keys.size(); ++i) {
    sorted[i] = candidates[keys[i].position];
    places[i].rank = i > 0 && keys[i - 1].tied_with(keys[i]) ? places[i - 1].rank : static_cast<std::uint32_t>(i + 1);
  }
  for (std::size_t i = keys.size(); i-- > 0;) {
    bool tied = i + 1 < keys.size() && places[i + 1].rank == places[i].rank;
    places[i].from_bottom = tied ? places[i + 1].from_bottom : static_cast<std::uint32_t>(keys.size() - i);
  }
  candidates = std::move(sorted);
  return places;
}

// Ranks `candidates` (indexes into `standings`: units or groups) by the ranking's order and gives
// the distinctions.
template <typename Standing>
void place_standings(const version_plan& version, std::vector<Standing>& standings, std::vector<std::uint32_t>& candidates) {
  auto places = version.ranking_order.size() <= 2
                    ? packed_places(version, standings, candidates)
                    : competition_places(candidates, [&](std::uint32_t a, std::uint32_t b) {
                        return compare_standings(version, standings[a], standings[b]);
                      });
  // Shares of the units ranked are counted for these candidates; rubrics without one use the
  // version's distinctions as they are.
  const std::vector<distinction_plan>* distinctions = &version.distinctions;
  std::vector<distinction_plan> placed;
  if (version.has_shares) {
    placed = version.distinctions;
    place_shares(placed, static_cast<std::uint32_t>(candidates.size()));
    distinctions = &placed;
  }
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    Standing& standing = standings[candidates[i]];
    standing.rank = places[i].rank;
    standing.distinctions = 0;
    for (std::size_t d = 0; d < distinctions->size(); ++d) {
      const auto& dist = (*distinctions)[d];
      if (receives(dist.first_rank, dist.last_rank, dist.from_bottom, places[i])) {
        standing.distinctions |= std::uint64_t{1} << d;
      }
    }
  }
}

// `rank each COLUMN by its average score`: a group's score is its ranked members' average, its
// deductions their sum; a veto on one member excludes the whole group. Members share the
// group's rank and distinctions.
bool rank_groups(const plan& p, const version_plan& version, const roster& r, period_result& out,
                 std::vector<std::uint32_t>& ranked) {
  auto column = static_cast<std::size_t>(version.ranking_groups);
  const auto& choices = p.roster_columns.attributes[column].choices;
  auto in_group = [&](std::uint32_t u) { return ((r.columns[u].present >> column) & 1) != 0; };
  auto group_of = [&](std::uint32_t u) { return static_cast<std::size_t>(r.columns[u].values[column]); };
  bool ok = true;
  out.groups.assign(choices.size(), group_result{});
  std::vector<std::int64_t> sums(choices.size(), 0);
  for (std::size_t g = 0; g < choices.size(); ++g) out.groups[g].value = choices[g];
  for (std::uint32_t u = 0; u < out.units.size(); ++u) {
    if (in_group(u) && out.units[u].excluded) out.groups[group_of(u)].excluded = true;
  }
  for (std::uint32_t u : ranked) {
    if (!in_group(u)) continue;
    group_result& group = out.groups[group_of(u)];
    ++group.members;
    group.deductions += out.units[u].deductions;
    if (__builtin_add_overflow(sums[group_of(u)], out.units[u].score.units(), &sums[group_of(u)])) ok = false;
  }
  std::vector<std::uint32_t> candidates;
  for (std::uint32_t g = 0; g < out.groups.size(); ++g) {
    group_result& group = out.groups[g];
    if (group.members == 0 || group.excluded) continue;
    group.score = *scaled_average(decimal::from_units(sums[g]), decimal::from_units(decimal::scale), group.members);
    candidates.push_back(g);
  }
  place_standings(version, out.groups, candidates);
  std::vector<std::uint32_t> order;
  for (std::uint32_t g : candidates) {
    for (std::uint32_t u : ranked) {
      if (in_group(u) && group_of(u) == g) {
        out.units[u].rank = out.groups[g].rank;
        out.units[u].distinctions = out.groups[g].distinctions;
        order.push_back(u);
      }
    }
  }
  for (std::uint32_t u : ranked) {
    if (!out.units[u].has_rank()) order.push_back(u);  // in no group, or in an excluded one
  }
  ranked = std::move(order);
  return ok;
}

}  // namespace

bool rank_period(const plan& p, const roster& r, bool unranked_period, period_result& out) {
  const version_plan& version = p.versions[out.version];
  bool ok = true;
  // Who is ranked: units no veto excluded that pass the ranking's roster filters.
  std::vector<std::uint32_t> ranked, unranked;
  for (std::uint32_t u = 0; u < out.units.size(); ++u) {
    unit_period& um = out.units[u];
    if (!um.excluded) {
      for (const auto& filter : version.ranking_filters) um.filtered = um.filtered || !filter.holds(r.columns[u]);
    }
    // Grades come first in the list: a higher index is a lower grade.
    if (version.ranking_min_grade && um.grade > *version.ranking_min_grade + 1) um.filtered = true;
    bool ranks = version.has_ranking && !unranked_period && !um.excluded && !um.filtered;
    (ranks ? ranked : unranked).push_back(u);
  }
  if (version.ranking_groups >= 0) {
    ok = rank_groups(p, version, r, out, ranked);
  } else if (version.ranking_within >= 0) {
    // Separate rankings: one per value of the column, shown one after the other.
    auto column = static_cast<std::size_t>(version.ranking_within);
    auto value = [&](std::uint32_t u) { return r.columns[u].values[column]; };
    std::stable_sort(ranked.begin(), ranked.end(), [&](std::uint32_t a, std::uint32_t b) { return value(a) < value(b); });
    std::vector<std::uint32_t> order;
    for (std::size_t begin = 0; begin < ranked.size();) {
      std::size_t end = begin;
      while (end < ranked.size() && value(ranked[end]) == value(ranked[begin])) ++end;
      std::vector<std::uint32_t> part(ranked.begin() + static_cast<std::ptrdiff_t>(begin),
                                      ranked.begin() + static_cast<std::ptrdiff_t>(end));
      place_standings(version, out.units, part);
      order.insert(order.end(), part.begin(), part.end());
      begin = end;
    }
    ranked = std::move(order);
  } else {
    place_standings(version, out.units, ranked);
  }
  std::stable_sort(unranked.begin(), unranked.end(), [&](auto a, auto b) { return out.units[a].score > out.units[b].score; });
  out.order = std::move(ranked);
  out.order.insert(out.order.end(), unranked.begin(), unranked.end());
  return ok;
}

void count_window(const plan& p, const std::vector<const period_result*>& periods, year_result& out) {
  const version_plan& version = p.versions[out.version];
  const std::size_t titles = version.titles.size();
  for (year_unit& yu : out.units) {
    const std::uint32_t u = yu.unit;
    yu.distinction_counts.assign(out.distinctions.size(), 0);
    std::vector<std::uint32_t> run(titles, 0);
    yu.longest_runs.assign(titles, 0);
    for (const auto* m : periods) {
      const unit_period& um = m->units[u];
      const auto& period_distinctions = p.versions[m->version].distinctions;
      const auto& period_grades = p.versions[m->version].grades;
      // Distinctions are matched by name: the window's version may differ from the period's.
      auto received = [&](const std::string& id) {
        for (std::size_t md = 0; md < period_distinctions.size(); ++md) {
          if (period_distinctions[md].id == id && um.received(md)) return true;
        }
        return false;
      };
      for (std::size_t d = 0; d < out.distinctions.size(); ++d) {
        if (received(out.distinctions[d])) ++yu.distinction_counts[d];
        if (um.grade != 0 && period_grades[um.grade - 1u].id == out.distinctions[d]) ++yu.distinction_counts[d];
      }
      for (std::size_t t = 0; t < titles; ++t) {
        if (version.titles[t].streak == 0) continue;
        run[t] = received(version.titles[t].streak_distinction) ? run[t] + 1 : 0;
        yu.longest_runs[t] = std::max(yu.longest_runs[t], run[t]);
      }
    }
    for (std::size_t t = 0; t < titles; ++t) {
      if (version.titles[t].streak != 0 && yu.longest_runs[t] >= version.titles[t].streak) yu.titles |= std::uint64_t{1} << t;
    }
    if (titles == 0) yu.longest_runs.clear();
  }
}

void rank_window(const version_plan& version, const roster& r, year_result& out) {
  auto count_of = [&](const year_unit& yu, const std::string& name) -> std::uint32_t {
    for (std::size_t d = 0; d < out.distinctions.size(); ++d) {
      if (out.distinctions[d] == name) return yu.distinction_counts[d];
    }
    return 0;
  };
  std::vector<std::uint32_t> ranked, unranked;
  for (std::uint32_t u = 0; u < out.units.size(); ++u) {
    bool passes = true;
    for (const auto& filter : version.awards_filters) passes = passes && filter.holds(r.columns[u]);
    out.units[u].eligible = passes;
    (passes ? ranked : unranked).push_back(u);
  }
  std::vector<rank_place> unit_places(out.units.size());  // rank 0: not ranked
  // The titles, with the places of their shares counted among the units ranked when there are any.
  const std::vector<award_title_plan>* titles = &version.titles;
  std::vector<award_title_plan> placed;
  if (version.has_awards) {
    // Each term's distinction found once, not at every comparison: -1 for the total score, or for
    // a distinction the window does not count (which counts 0 for every unit).
    constexpr int total_score_term = -1, uncounted_term = -2;
    std::vector<int> term_counts;
    for (const auto& term : version.awards_order) {
      if (term.key == order_key::total_score) {
        term_counts.push_back(total_score_term);
        continue;
      }
      auto it = std::find(out.distinctions.begin(), out.distinctions.end(), term.distinction);
      term_counts.push_back(it == out.distinctions.end() ? uncounted_term : static_cast<int>(it - out.distinctions.begin()));
    }
    auto places = competition_places(ranked, [&](std::uint32_t a, std::uint32_t b) {
      const year_unit& ya = out.units[a];
      const year_unit& yb = out.units[b];
      for (std::size_t t = 0; t < term_counts.size(); ++t) {
        const bool descending = version.awards_order[t].descending;
        const int d = term_counts[t];
        int c = d == total_score_term ? three_way(ya.total_score, yb.total_score, descending)
                : d == uncounted_term ? 0
                                      : three_way(ya.distinction_counts[static_cast<std::size_t>(d)],
                                                  yb.distinction_counts[static_cast<std::size_t>(d)], descending);
        if (c != 0) return c;
      }
      return 0;
    });
    if (version.has_shares) {
      placed = version.titles;
      place_shares(placed, static_cast<std::uint32_t>(ranked.size()));
      titles = &placed;
    }
    for (std::size_t i = 0; i < ranked.size(); ++i) {
      year_unit& yu = out.units[ranked[i]];
      unit_places[ranked[i]] = places[i];
      yu.rank = places[i].rank;
      if (version.award_eligibility) {
        yu.eligible = count_of(yu, version.award_eligibility->first) >= version.award_eligibility->second;
      }
      for (const auto& [rank, percent] : version.subsidies) {
        if (rank == yu.rank && yu.eligible) yu.subsidy_percent = decimal::from_units(percent);
      }
      for (std::size_t t = 0; t < titles->size(); ++t) {
        const auto& title = (*titles)[t];
        if (title.streak == 0 && title.role.empty() &&
            receives(title.first_rank, title.last_rank, title.from_bottom, places[i])) {
          yu.titles |= std::uint64_t{1} << t;
        }
      }
    }
  }
  out.order = ranked;
  out.order.insert(out.order.end(), unranked.begin(), unranked.end());

  out.people.resize(r.people.size());
  for (std::uint32_t p = 0; p < r.people.size(); ++p) {
    role_holder& holder = out.people[p];
    holder.person = p;
    const person_entry& person = r.people[p];
    const rank_place& home = unit_places[person.unit];
    if (home.rank == 0) continue;
    for (std::size_t t = 0; t < version.titles.size(); ++t) {
      const auto& title = version.titles[t];
      if (title.role == person.role && !title.role.empty() &&
          receives(title.first_rank, title.last_rank, title.from_bottom, home)) {
        holder.titles |= std::uint64_t{1} << t;
      }
    }
  }
}

}  // namespace rubric::engine
