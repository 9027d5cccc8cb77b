// Pass 1: collects the declarations into the symbol table.
// Emits: R2006 duplicate_name, R2009 effective_not_period_start, R2013 bad_default,
//        R2014 empty_bounds, R2005 type_mismatch (non-integer bounds on an integer),
//        R2016 missing_section (`scores each` missing; a section given twice), R2030 reserved_name.
#include <algorithm>
#include <map>

#include "lang/calendar.hpp"
#include "lang/reserved_names.hpp"

#include "lang/check/context.hpp"
#include "lang/i18n.hpp"

namespace rubric::lang::check {

namespace {

template <typename T>
T* as(const ast::statement& s) {
  return const_cast<T*>(std::get_if<T>(&s));
}

// Reports the second and later declarations of a name, pointing back to the first.
class name_registry {
 public:
  name_registry(context& ctx, std::string what) : ctx_(ctx), what_(std::move(what)) {}
  bool add(const ast::name& name) {
    auto [it, inserted] = first_.emplace(name.text, name.where);
    if (!inserted) {
      auto& d = ctx_.report(diag_kind::duplicate_name, name.where,
                            i18n::tr("{} `{}` is declared twice", what_, name.text),
                            i18n::text("rename one of them or remove the repetition"));
      ctx_.note(d, it->second, i18n::text("first declared here"));
    }
    return inserted;
  }

 private:
  context& ctx_;
  std::string what_;
  std::map<std::string, span> first_;
};

template <typename Decl>
void require_single(context& ctx, const std::vector<const Decl*>& found, std::string_view what, bool required) {
  if (found.empty() && required) {
    ctx.report(diag_kind::missing_section, ctx.tree.head.where, i18n::tr("the rubric has no {}", what),
               i18n::tr("add a {} section; docs/language.md shows one", what));
  }
  for (std::size_t i = 1; i < found.size(); ++i) {
    auto& d = ctx.report(diag_kind::missing_section, found[i]->where, i18n::tr("a second {} section", what),
                         i18n::tr("a version has one {} section; merge them", what));
    ctx.note(d, found[0]->where, i18n::text("the first one is here"));
  }
}

template <std::size_t N>
bool is_one_of(std::string_view name, const std::array<std::string_view, N>& names) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

bool fits_integer(const ast::number& n) { return n.value.is_integer(); }

attribute_info declare_attribute(context& ctx, const ast::attribute_decl& decl) {
  attribute_info info;
  info.name = decl.id.text;
  if (decl.title) info.label = decl.title->text;
  info.decl = &decl;
  info.type = decl.type.kind;
  info.required = !decl.optional && !decl.default_value;
  info.default_value = decl.default_value;

  if (decl.type.choices.size() > 64) {
    ctx.report(diag_kind::number_out_of_range, decl.type.where,
               i18n::tr("`{}` has {} choices; an attribute may have at most 64", decl.id.text,
                           decl.type.choices.size()));
  }
  name_registry choices(ctx, i18n::text("choice"));
  for (const auto& choice : decl.type.choices) {
    if (choices.add(choice.id)) {
      info.choices.push_back(choice.id.text);
      info.choice_labels.push_back(choice.title ? choice.title->text : std::string{});
    }
  }
  for (const auto& b : decl.type.bounds) {
    if (decl.type.kind == ast::type_kind::integer && !fits_integer(b.limit)) {
      ctx.report(diag_kind::type_mismatch, b.limit.where,
                 i18n::tr("`{}` bounds an integer attribute but is not a whole number", b.limit.text));
    }
    bool lower = b.kind == ast::bound_kind::at_least || b.kind == ast::bound_kind::above;
    bool exclusive = b.kind == ast::bound_kind::above || b.kind == ast::bound_kind::below;
    if (lower) {
      info.min = b.limit.value;
      info.min_exclusive = exclusive;
    } else {
      info.max = b.limit.value;
      info.max_exclusive = exclusive;
    }
  }
  if (info.min && info.max &&
      (*info.min > *info.max || (*info.min == *info.max && (info.min_exclusive || info.max_exclusive)))) {
    ctx.report(diag_kind::empty_bounds, decl.type.where,
               i18n::tr("no value of `{}` lies within its bounds", decl.id.text),
               i18n::text("the lower bound must be below the upper bound"));
  }

  if (decl.default_value) {
    const ast::literal& value = *decl.default_value;
    auto bad = [&](std::string why) {
      ctx.report(diag_kind::bad_default, value.where,
                 i18n::tr("the default of `{}` {}", decl.id.text, why));
    };
    switch (decl.type.kind) {
      case ast::type_kind::boolean:
        if (value.type != ast::literal::kind::boolean) bad(i18n::text("must be `true` or `false`"));
        break;
      case ast::type_kind::integer:
      case ast::type_kind::decimal:
        if (value.type != ast::literal::kind::number) {
          bad(i18n::text("must be a number"));
        } else if (decl.type.kind == ast::type_kind::integer && !fits_integer(value.num)) {
          bad(i18n::text("must be a whole number"));
        } else {
          decimal v = value.num.value;
          bool below = info.min && (info.min_exclusive ? v <= *info.min : v < *info.min);
          bool above = info.max && (info.max_exclusive ? v >= *info.max : v > *info.max);
          if (below || above) bad(i18n::tr("`{}` lies outside the attribute's bounds", value.num.text));
        }
        break;
      case ast::type_kind::choice:
        if (value.type != ast::literal::kind::word || !info.choice_index(value.word.text)) {
          bad(i18n::tr("must be one of the choices: {}", fmt::join(info.choices, i18n::text(", "))));
        }
        break;
      case ast::type_kind::person:
        bad(i18n::text("cannot be given: a person reference has no default"));
        break;
      case ast::type_kind::date:
        bad(i18n::text("cannot be given: a date has no default; make it `optional`"));
        break;
    }
  }
  return info;
}

}  // namespace

void check_period(context& ctx, const ast::period_ref& period, std::string_view what) {
  auto scoring = ctx.symbols.scoring ? ctx.symbols.scoring->period.value : ast::period::month;
  if (period.value != scoring) {
    ctx.report(diag_kind::unsupported_period, period.where,
               i18n::tr("{} is per {}, but this rubric scores per {}", what, period_name(period.value),
                           period_name(scoring)),
               i18n::tr("write `{}`", ast::to_string(scoring)));
  }
}

void declare_schema(context& ctx) {
  symbol_table& symbols = ctx.symbols;
  std::vector<const ast::scoring_decl*> scorings;
  std::vector<const ast::ranking_decl*> rankings;
  std::vector<const ast::awards_decl*> awards;
  std::vector<const ast::role_award_decl*> role_awards;
  std::vector<const ast::grades_decl*> grades;
  std::vector<const ast::roster_decl*> rosters;
  name_registry kinds(ctx, i18n::text("event kind")), areas(ctx, i18n::text("area")), rules(ctx, i18n::text("rule or veto")), roles(ctx, i18n::text("role")),
      distinctions(ctx, i18n::text("distinction"));

  for (const auto& statement : ctx.tree.statements) {
    if (auto* s = as<ast::scoring_decl>(statement)) scorings.push_back(s);
    if (auto* r = as<ast::ranking_decl>(statement)) rankings.push_back(r);
    if (auto* a = as<ast::awards_decl>(statement)) awards.push_back(a);
    if (auto* r = as<ast::role_award_decl>(statement)) role_awards.push_back(r);
    if (auto* g = as<ast::grades_decl>(statement)) grades.push_back(g);
    if (auto* r = as<ast::roster_decl>(statement)) rosters.push_back(r);
    if (auto* r = as<ast::role_decl>(statement)) {
      if (roles.add(r->id)) symbols.roles.push_back(r);
    }
    if (auto* e = as<ast::event_decl>(statement)) {
      if (!kinds.add(e->id)) continue;
      kind_info kind{e->id.text, e, false, {}};
      name_registry attributes(ctx, i18n::tr("attribute of `{}`", e->id.text));
      for (const auto& a : e->attributes) {
        // The reader takes this column for itself: the attribute could be declared but never recorded.
        if (is_one_of(a.id.text, reserved::event_columns)) {
          ctx.report(diag_kind::reserved_name, a.id.where,
                     i18n::tr("attribute `{}` of `{}` could never be recorded: the `{}` column of an events file is "
                                 "the event's own",
                                 a.id.text, e->id.text, a.id.text),
                     i18n::tr("`{}` are every event's own columns; give the attribute another name, like `{}_{}`",
                                 fmt::join(reserved::event_columns, "`, `"), e->id.text, a.id.text));
        }
        if (attributes.add(a.id)) kind.attributes.push_back(declare_attribute(ctx, a));
      }
      if (e->attributes.size() > 64) {
        ctx.report(diag_kind::number_out_of_range, e->id.where,
                   i18n::tr("event kind `{}` has {} attributes; a kind may have at most 64", e->id.text,
                               e->attributes.size()));
      }
      symbols.kinds.push_back(std::move(kind));
    }
    if (auto* a = as<ast::area_decl>(statement)) {
      if (areas.add(a->id)) symbols.areas.push_back(a);
    }
    if (auto* r = as<ast::rule_decl>(statement)) {
      if (rules.add(r->id)) symbols.rules.push_back(r);
    }
    if (auto* v = as<ast::veto_decl>(statement)) {
      if (rules.add(v->id)) symbols.vetoes.push_back(v);
    }
  }

  require_single(ctx, scorings, i18n::text("`scores each ...` statement"), true);
  require_single(ctx, rankings, "`ranking`", false);  // points banks publish balances, not a ranking
  require_single(ctx, awards, "`awards`", false);
  require_single(ctx, role_awards, "`role_subsidy`", false);
  require_single(ctx, grades, "`grades`", false);
  require_single(ctx, rosters, "`roster`", false);
  if (!rosters.empty()) {
    kind_info roster{"roster", nullptr, true, {}};
    name_registry columns(ctx, i18n::text("roster column"));
    for (const auto& c : rosters.front()->columns) {
      if (is_one_of(c.id.text, reserved::roster_columns)) {
        ctx.report(diag_kind::reserved_name, c.id.where,
                   i18n::tr("roster column `{}` would read the unit's id: the `{}` column of the units file is the "
                               "unit's own",
                               c.id.text, c.id.text),
                   i18n::text("give the column another name, like `unit_type`"));
      }
      if (!columns.add(c.id)) continue;
      if (c.type.kind == ast::type_kind::person || c.type.kind == ast::type_kind::date) {
        ctx.report(diag_kind::type_mismatch, c.type.where,
                   i18n::tr("roster column `{}` cannot be a {}", c.id.text,
                               c.type.kind == ast::type_kind::date ? i18n::text_in("type", "date") : i18n::text_in("type", "person")),
                   i18n::text("roster columns are yes/no, numbers or choices"));
        continue;
      }
      roster.attributes.push_back(declare_attribute(ctx, c));
    }
    symbols.roster = std::move(roster);
  }
  if (!grades.empty()) {
    symbols.grades = grades.front();
    for (const auto& g : symbols.grades->grades) distinctions.add(g.id);
  }
  if (!scorings.empty()) symbols.scoring = scorings.front();
  if (!rankings.empty()) symbols.ranking = rankings.front();
  if (!awards.empty()) symbols.awards = awards.front();
  if (!role_awards.empty()) symbols.role_award = role_awards.front();
  if (symbols.awards) {
    for (const auto& d : symbols.awards->distinctions) distinctions.add(d.id);
  }
  if (symbols.ranking) {
    for (const auto& d : symbols.ranking->distinctions) distinctions.add(d.id);
    if (symbols.ranking->distinctions.size() > 64) {
      ctx.report(diag_kind::number_out_of_range, symbols.ranking->where, i18n::text("a ranking may award at most 64 distinctions"));
    }
  }
  if (symbols.vetoes.size() > 32) {
    ctx.report(diag_kind::number_out_of_range, symbols.vetoes[32]->where, i18n::text("a version may have at most 32 vetoes"));
  }

  const ast::date& effective = ctx.tree.head.effective;
  ast::period cadence = symbols.scoring ? symbols.scoring->period.value : ast::period::month;
  calendar periods(cadence);
  if (is_valid_date(effective.year, effective.month, effective.day) &&
      !periods.starts_period(effective.year, effective.month, effective.day)) {
    auto first = periods.first_day(periods.period_of(effective.year, effective.month, effective.day));
    ctx.report(diag_kind::effective_not_period_start, effective.where,
               i18n::tr("a version takes effect on the first day of a {}, and {:04}-{:02}-{:02} is not one",
                           period_name(cadence), effective.year, effective.month, effective.day),
               i18n::tr("write {:04}-{:02}-{:02}: a {} is scored entirely under the version in force on its first day",
                           first.year, first.month, first.day, period_name(cadence)));
  }
}

}  // namespace rubric::lang::check
