// Pass 4: the monthly ranking and the year-end awards.
// Emits: R2026 grades_out_of_order, R2015 unsupported_period, R2016 missing_section, R2018 unknown_distinction,
//        R2020 number_out_of_range, R2024 bad_ordering_key.
#include <set>

#include "lang/check/context.hpp"

namespace rubric::lang::check {

namespace {

bool whole_at_least_one(const ast::number& n) { return n.value.is_integer() && n.value.is_positive(); }

void check_rank_number(context& ctx, const ast::number& n, std::string_view what) {
  if (!whole_at_least_one(n)) {
    ctx.report(diag_kind::number_out_of_range, n.where, fmt::format("{} `{}` must be a whole number, 1 or more", what, n.text));
  }
}

void check_percent(context& ctx, const ast::number& n) {
  if (n.value.is_negative() || n.value > decimal::from_units(100 * decimal::scale)) {
    ctx.report(diag_kind::number_out_of_range, n.where, fmt::format("a subsidy of {}% is not between 0% and 100%", n.text));
  }
}

void check_order_and_ties(context& ctx, const std::vector<std::vector<ast::order_term>>& orders,
                          const std::vector<span>& ties, span where, std::string_view section, bool yearly) {
  if (orders.empty()) {
    ctx.report(diag_kind::missing_section, where, fmt::format("the {} says nothing about order", section),
               yearly ? "add `order by red_flag, more first` (a distinction) and `then by total score, higher first`"
                      : "add `order by score, higher first`");
  }
  for (std::size_t i = 1; i < orders.size(); ++i) {
    ctx.report(diag_kind::missing_section, orders[i].front().where, fmt::format("the {} has a second `order by`", section),
               "continue the first one with `then by`");
  }
  if (ties.empty()) {
    ctx.report(diag_kind::missing_section, where, fmt::format("the {} does not say how ties rank", section),
               "add `ties share a rank` (1, 2, 2, 4)");
  }
  for (std::size_t i = 1; i < ties.size(); ++i) {
    ctx.report(diag_kind::missing_section, ties[i], fmt::format("the {} says twice how ties rank", section));
  }
  for (const auto& order : orders) {
    for (const auto& term : order) {
      const std::string& key = term.key.text;
      bool ok = yearly ? (term.total ? key == "score"
                                     : ctx.symbols.distinction(key) != nullptr || ctx.symbols.grade(key) != nullptr)
                       : (!term.total && (key == "score" || key == "deductions"));
      if (ok) continue;
      if (yearly && !term.total && key != "score" && key != "deductions") {
        ctx.report(diag_kind::unknown_distinction, term.key.where, fmt::format("distinction `{}` is not declared", key),
                   "year-end awards order by a distinction's count (like `red_flag`) or by `total score`");
        continue;
      }
      ctx.report(diag_kind::bad_ordering_key, term.where,
                 fmt::format("the {} cannot be ordered by `{}{}`", section, term.total ? "total " : "", key),
                 yearly ? "year-end awards order by a distinction (like `red_flag`) or by `total score`"
                        : "a monthly ranking orders by `score` or `deductions`");
    }
  }
}

}  // namespace

void check_grades(context& ctx, const ast::grades_decl& grades) {
  if (grades.grades.empty()) {
    ctx.report(diag_kind::grades_out_of_order, grades.where, "`grades` lists no grade",
               "list them from highest to lowest: `excellent \"优秀\" at least 90`, ..., `fail \"不合格\" otherwise`");
    return;
  }
  const ast::grade_decl* previous = nullptr;
  for (const auto& g : grades.grades) {
    bool last = &g == &grades.grades.back();
    if (!g.at_least && !last) {
      ctx.report(diag_kind::grades_out_of_order, g.where,
                 fmt::format("grade `{}` says `otherwise`, but grades follow it", g.id.text),
                 "`otherwise` marks the lowest grade, which comes last");
    }
    if (g.at_least && last) {
      ctx.report(diag_kind::grades_out_of_order, g.where,
                 fmt::format("the lowest grade `{}` has a threshold, so some scores would have no grade", g.id.text),
                 fmt::format("write `{} \"{}\" otherwise`, or add a lowest grade after it", g.id.text, g.title.text));
    }
    if (previous && previous->at_least && g.at_least && !(g.at_least->value < previous->at_least->value)) {
      auto& d = ctx.report(diag_kind::grades_out_of_order, g.at_least->where,
                           fmt::format("grade `{}` (at least {}) is not below grade `{}` (at least {})", g.id.text,
                                       g.at_least->text, previous->id.text, previous->at_least->text),
                           "list grades from the highest threshold to the lowest");
      ctx.note(d, previous->at_least->where, "the grade above it");
    }
    previous = &g;
  }
}

void check_standings(context& ctx) {
  if (ctx.symbols.grades) check_grades(ctx, *ctx.symbols.grades);
  if (const auto* ranking = ctx.symbols.ranking) {
    check_period(ctx, ranking->period, "the ranking");
    check_order_and_ties(ctx, ranking->orders, ranking->tie_clauses, ranking->where, "ranking", false);
    for (const auto& d : ranking->distinctions) {
      if (d.place != ast::distinction_decl::placement::ranks) {
        check_rank_number(ctx, d.last_rank, "the number of ranks");
        continue;
      }
      check_rank_number(ctx, d.first_rank, "rank");
      check_rank_number(ctx, d.last_rank, "rank");
      if (d.last_rank.value < d.first_rank.value) {
        ctx.report(diag_kind::number_out_of_range, d.last_rank.where,
                   fmt::format("ranks {} to {} include no rank", d.first_rank.text, d.last_rank.text),
                   "write the smaller rank first");
      }
    }
  }
  if (const auto* awards = ctx.symbols.awards) {
    if (awards->period.value != ast::period::year) {
      ctx.report(diag_kind::unsupported_period, awards->period.where,
                 fmt::format("awards per {} are not supported; awards are given per year",
                             ast::to_string(awards->period.value)),
                 "write `awards per year`");
    }
    check_order_and_ties(ctx, awards->orders, awards->tie_clauses, awards->where, "awards", true);
    std::set<std::string> ranks;
    for (const auto& s : awards->subsidies) {
      check_percent(ctx, s.percent);
      check_rank_number(ctx, s.rank, "rank");
      if (!ranks.insert(s.rank.value.to_string()).second) {
        ctx.report(diag_kind::duplicate_name, s.rank.where, fmt::format("rank {} is given a subsidy twice", s.rank.text));
      }
    }
    for (const auto& e : awards->eligibility) {
      if (!ctx.symbols.distinction(e.distinction.text)) {
        ctx.report(diag_kind::unknown_distinction, e.distinction.where,
                   fmt::format("distinction `{}` is not declared", e.distinction.text),
                   "the ranking declares distinctions with `award NAME \"LABEL\" to ranks 1 to 3`");
      }
      if (!e.at_least.value.is_integer() || e.at_least.value.is_negative()) {
        ctx.report(diag_kind::number_out_of_range, e.at_least.where,
                   fmt::format("`at least {}` must be a whole number", e.at_least.text));
      }
    }
  }
}

}  // namespace rubric::lang::check
