// Pass 4: the monthly ranking and the year-end awards.
// Emits: R2026 grades_out_of_order, R2027 award_misplaced, R2028 unknown_role, R2029 unknown_grade, R2005, R2002, R2015 unsupported_period, R2016 missing_section, R2018 unknown_distinction,
//        R2020 number_out_of_range, R2024 bad_ordering_key.
#include <set>

#include "lang/check/context.hpp"
#include "lang/i18n.hpp"

namespace rubric::lang::check {

namespace {

bool whole_at_least_one(const ast::number& n) { return n.value.is_integer() && n.value.is_positive(); }

// Only a ranking gives distinctions: without one, say so rather than only that the name is unknown.
std::string undeclared_distinction(const context& ctx, const std::string& name) {
  return ctx.symbols.ranking
             ? i18n::tr("distinction `{}` is not declared", name)
             : i18n::tr("distinction `{}` is not declared: this version has no `ranking`, which is what gives "
                           "distinctions",
                           name);
}

void check_rank_number(context& ctx, const ast::number& n, std::string_view what) {
  if (!whole_at_least_one(n)) {
    ctx.report(diag_kind::number_out_of_range, n.where, i18n::tr("{} `{}` must be a whole number, 1 or more", what, n.text));
  }
}

void check_percent(context& ctx, const ast::number& n) {
  if (n.value.is_negative() || n.value > decimal::from_units(100 * decimal::scale)) {
    ctx.report(diag_kind::number_out_of_range, n.where, i18n::tr("a subsidy of {}% is not between 0% and 100%", n.text));
  }
}

void check_order_and_ties(context& ctx, const std::vector<std::vector<ast::order_term>>& orders,
                          const std::vector<span>& ties, span where, std::string_view section, bool yearly) {
  if (orders.empty()) {
    ctx.report(diag_kind::missing_section, where, i18n::tr("the {} says nothing about order", section),
               yearly ? in_surface(ctx, i18n::text("add `order by red_flag, more first` (a distinction) and `then by total score, higher first`"),
                                   i18n::text("add `按 流动红旗 从多到少 排序` (a distinction) and `其次按 总分 从高到低`"))
                      : in_surface(ctx, i18n::text("add `order by score, higher first`"), i18n::text("add `按 得分 从高到低 排序`")));
  }
  for (std::size_t i = 1; i < orders.size(); ++i) {
    ctx.report(diag_kind::missing_section, orders[i].front().where, i18n::tr("the {} has a second `order by`", section),
               in_surface(ctx, i18n::text("continue the first one with `then by`"),
                          i18n::text("continue the first one with `其次按`")));
  }
  if (ties.empty()) {
    ctx.report(diag_kind::missing_section, where, i18n::tr("the {} does not say how ties rank", section),
               in_surface(ctx, i18n::text("add `ties share a rank` (1, 2, 2, 4)"), i18n::text("add `并列者名次相同` (1, 2, 2, 4)")));
  }
  for (std::size_t i = 1; i < ties.size(); ++i) {
    ctx.report(diag_kind::missing_section, ties[i], i18n::tr("the {} says twice how ties rank", section));
  }
  for (const auto& order : orders) {
    for (const auto& term : order) {
      const std::string& key = term.key.text;
      bool ok = yearly ? (term.total ? key == "score"
                                     : ctx.symbols.distinction(key) != nullptr || ctx.symbols.grade(key) != nullptr)
                       : (!term.total && (key == "score" || key == "deductions"));
      if (ok) continue;
      if (yearly && !term.total && key != "score" && key != "deductions") {
        ctx.report(diag_kind::unknown_distinction, term.key.where, undeclared_distinction(ctx, key),
                   in_surface(ctx, i18n::text("year-end awards order by a distinction's count (like `red_flag`) or by `total score`"),
                              i18n::text("year-end awards order by a distinction's count (like `流动红旗`) or by `总分`")));
        continue;
      }
      ctx.report(diag_kind::bad_ordering_key, term.where,
                 i18n::tr("the {} cannot be ordered by `{}{}`", section, term.total ? "total " : "", key),
                 yearly ? in_surface(ctx, i18n::text("year-end awards order by a distinction (like `red_flag`) or by `total score`"),
                                     i18n::text("year-end awards order by a distinction (like `流动红旗`) or by `总分`"))
                        : in_surface(ctx, i18n::text("a monthly ranking orders by `score` or `deductions`"),
                                     i18n::text("a monthly ranking orders by `得分` or `扣分次数`")));
    }
  }
}

}  // namespace

// `only where C`, `within each COLUMN`, `rank each COLUMN by its average score`: roster columns.
void check_roster_clauses(context& ctx, const std::vector<ast::condition>& filters, const std::vector<ast::name>& columns) {
  if (filters.empty() && columns.empty()) return;
  if (!ctx.symbols.roster) {
    span where = !filters.empty() ? filters.front().where : columns.front().where;
    ctx.report(diag_kind::missing_section, where, i18n::text("this reads columns of the unit roster, but the rubric declares none"),
               i18n::text("declare them: `roster` followed by lines like `building: one of b1, b2`"));
    return;
  }
  for (const auto& f : filters) check_condition(ctx, f, *ctx.symbols.roster);
  for (const auto& c : columns) {
    const attribute_info* column = resolve_attribute(ctx, c, *ctx.symbols.roster);
    if (column && column->type != ast::type_kind::choice) {
      ctx.report(diag_kind::type_mismatch, c.where,
                 i18n::tr("units are grouped by a choice column, but `{}` is not one", c.text),
                 i18n::tr("declare it as `{}: one of ...`", c.text));
    }
  }
}

void check_award_distinction(context& ctx, const ast::distinction_decl& d, bool in_awards) {
  using placement = ast::distinction_decl::placement;
  if (!in_awards && (d.role || d.place == placement::streak)) {
    ctx.report(diag_kind::award_misplaced, d.where,
               i18n::tr("`{}` is given {}, which only the awards section can do", d.id.text,
                           d.role ? i18n::text("to role holders") : i18n::text("for a streak")),
               in_surface(ctx, i18n::text("move it to the `awards per year` section"), i18n::text("move it to the `每年评奖` section")));
    return;
  }
  if (d.role) {
    bool known = false;
    for (const auto* r : ctx.symbols.roles) known = known || r->id.text == d.role->text;
    if (!known) {
      ctx.report(diag_kind::unknown_role, d.role->where, i18n::tr("role `{}` is not declared", d.role->text),
                 in_surface(ctx, i18n::text("declare it with `role NAME \"LABEL\"`"), i18n::text("declare it with `角色 LABEL（NAME）`")));
    }
  }
  if (d.place == placement::streak) {
    const auto& run = *d.run;
    if (!run.length.value.is_integer() || run.length.value < decimal::from_units(2 * decimal::scale)) {
      ctx.report(diag_kind::number_out_of_range, run.length.where,
                 i18n::tr("a streak is 2 or more periods in a row, not {}", run.length.text));
    }
    check_period(ctx, run.unit, i18n::text("the streak"));
    if (!ctx.symbols.distinction(run.distinction.text)) {
      ctx.report(diag_kind::unknown_distinction, run.distinction.where,
                 ctx.symbols.ranking ? i18n::tr("distinction `{}` is not given by the ranking", run.distinction.text)
                                     : undeclared_distinction(ctx, run.distinction.text),
                 i18n::text("a streak counts a distinction of the ranking, like `red_flag`"));
    }
    return;
  }
  if (is_share(d.place)) {
    if (!(d.share.value > decimal{}) || d.share.value > decimal::from_units(100 * decimal::scale)) {
      ctx.report(diag_kind::share_out_of_range, d.share.where,
                 i18n::tr("a share of the units ranked is above 0% and at most 100%, not {}%", d.share.text));
    }
    return;
  }
  if (d.place != placement::ranks) {
    check_rank_number(ctx, d.last_rank, i18n::text("the number of ranks"));
    return;
  }
  check_rank_number(ctx, d.first_rank, "rank");
  if (d.single_rank) return;
  check_rank_number(ctx, d.last_rank, "rank");
  if (d.last_rank.value < d.first_rank.value) {
    ctx.report(diag_kind::number_out_of_range, d.last_rank.where,
               i18n::tr("ranks {} to {} include no rank", d.first_rank.text, d.last_rank.text),
               i18n::text("write the smaller rank first"));
  }
}

// `next P%` places the units after the shares before it: a `top P%` or `next P%` of the same
// section must come first, or there is nothing for it to follow.
void check_share_tiers(context& ctx, const std::vector<ast::distinction_decl>& distinctions) {
  using placement = ast::distinction_decl::placement;
  bool follows = false;
  for (const auto& d : distinctions) {
    if (d.place == placement::next_share && !follows) {
      ctx.report(diag_kind::share_without_top, d.where,
                 i18n::tr("\"{}\" goes to the next {}% after a share, but no `top P%` comes before it", d.title.text, d.share.text),
                 in_surface(ctx, i18n::text("write the first tier as `top P%`, like `award gold \"金奖\" to top 5%`"),
                            i18n::text("write the first tier as `前 P%`, like `前 5% 授予 金奖（gold）`")));
    }
    follows = follows || d.place == placement::top_share || d.place == placement::next_share;
  }
}

void check_grades(context& ctx, const ast::grades_decl& grades) {
  if (grades.grades.empty()) {
    ctx.report(diag_kind::grades_out_of_order, grades.where, i18n::text("`grades` lists no grade"),
               i18n::text("list them from highest to lowest: `excellent \"优秀\" at least 90`, ..., `fail \"不合格\" otherwise`"));
    return;
  }
  const ast::grade_decl* previous = nullptr;
  for (const auto& g : grades.grades) {
    bool last = &g == &grades.grades.back();
    if (!g.at_least && !last) {
      ctx.report(diag_kind::grades_out_of_order, g.where,
                 i18n::tr("grade `{}` says `otherwise`, but grades follow it", g.id.text),
                 i18n::text("`otherwise` marks the lowest grade, which comes last"));
    }
    if (g.at_least && last) {
      ctx.report(diag_kind::grades_out_of_order, g.where,
                 i18n::tr("the lowest grade `{}` has a threshold, so some scores would have no grade", g.id.text),
                 i18n::tr("write `{} \"{}\" otherwise`, or add a lowest grade after it", g.id.text, g.title.text));
    }
    if (previous && previous->at_least && g.at_least && !(g.at_least->value < previous->at_least->value)) {
      auto& d = ctx.report(diag_kind::grades_out_of_order, g.at_least->where,
                           i18n::tr("grade `{}` (at least {}) is not below grade `{}` (at least {})", g.id.text,
                                       g.at_least->text, previous->id.text, previous->at_least->text),
                           i18n::text("list grades from the highest threshold to the lowest"));
      ctx.note(d, previous->at_least->where, i18n::text("the grade above it"));
    }
    previous = &g;
  }
}

void check_standings(context& ctx) {
  if (ctx.symbols.grades) check_grades(ctx, *ctx.symbols.grades);
  if (const auto* ranking = ctx.symbols.ranking) {
    check_period(ctx, ranking->period, i18n::text("the ranking"));
    check_order_and_ties(ctx, ranking->orders, ranking->tie_clauses, ranking->where, i18n::text("ranking"), false);
    for (const auto& d : ranking->distinctions) check_award_distinction(ctx, d, false);
    check_share_tiers(ctx, ranking->distinctions);
    for (const auto& g : ranking->min_grades) {
      if (!ctx.symbols.grade(g.text)) {
        ctx.report(diag_kind::unknown_grade, g.where, i18n::tr("grade `{}` is not declared", g.text),
                   ctx.symbols.grades ? i18n::text("name one of the `grades` section's grades")
                                      : i18n::text("declare grades: `grades` followed by lines like `pass \"合格\" at least 60`"));
      }
    }
    for (std::size_t i = 1; i < ranking->min_grades.size(); ++i) {
      ctx.report(diag_kind::award_misplaced, ranking->min_grades[i].where, i18n::text("the ranking says twice which grade it needs"));
    }
    std::vector<ast::name> columns = ranking->within;
    columns.insert(columns.end(), ranking->groups.begin(), ranking->groups.end());
    check_roster_clauses(ctx, ranking->filters, columns);
    if (columns.size() > 1) {
      ctx.report(diag_kind::award_misplaced, columns[1].where,
                 i18n::text("a ranking groups units one way: `within each COLUMN` or `rank each COLUMN by its average score`, once"));
    }
  }
  if (const auto* awards = ctx.symbols.awards) {
    auto scoring = ctx.symbols.scoring ? ctx.symbols.scoring->period.value : ast::period::month;
    auto period = awards->period.value;
    if (period <= scoring || period == ast::period::week || period == ast::period::month) {
      ctx.report(diag_kind::unsupported_period, awards->period.where,
                 i18n::tr("awards per {} do not gather several {}s: awards are per quarter, semester or year, "
                             "longer than the scoring period",
                             period_name(period), period_name(scoring)),
                 in_surface(ctx, i18n::text("write `awards per year`"), i18n::text("write `每年评奖`")));
    }
    check_roster_clauses(ctx, awards->filters, {});
    for (const auto& d : awards->distinctions) check_award_distinction(ctx, d, true);
    check_share_tiers(ctx, awards->distinctions);
    check_order_and_ties(ctx, awards->orders, awards->tie_clauses, awards->where, i18n::text("awards"), true);
    std::set<std::string> ranks;
    for (const auto& s : awards->subsidies) {
      check_percent(ctx, s.percent);
      check_rank_number(ctx, s.rank, "rank");
      if (!ranks.insert(s.rank.value.to_string()).second) {
        ctx.report(diag_kind::duplicate_name, s.rank.where, i18n::tr("rank {} is given a subsidy twice", s.rank.text));
      }
    }
    for (const auto& e : awards->eligibility) {
      if (!ctx.symbols.distinction(e.distinction.text) && !ctx.symbols.grade(e.distinction.text)) {
        ctx.report(diag_kind::unknown_distinction, e.distinction.where, undeclared_distinction(ctx, e.distinction.text),
                   in_surface(ctx, i18n::text("count a distinction of the ranking (`award NAME \"LABEL\" to ranks 1 to 3`) or a grade"),
                              i18n::text("count a distinction of the ranking (`第 1 至 3 名授予 LABEL（NAME）`) or a grade")));
      }
      if (!e.at_least.value.is_integer() || e.at_least.value.is_negative()) {
        ctx.report(diag_kind::number_out_of_range, e.at_least.where,
                   i18n::tr("`at least {}` must be a whole number", e.at_least.text));
      }
    }
  }
}

}  // namespace rubric::lang::check
