// A balance carried across periods (a points bank, 积分银行): its redemptions, its spending floor
// and its reset. Emits R2070 (the redemption kind or attribute cannot be spent), R2071 (a reset
// no longer than the scoring period), R2072 (a second balance) and R2020 (a negative floor).
#include "lang/check/context.hpp"

namespace rubric::lang::check {

void check_balance(context& ctx) {
  for (const auto& statement : ctx.tree.statements) {
    const auto* balance = std::get_if<ast::balance_decl>(&statement);
    if (!balance) continue;
    if (ctx.symbols.balance) {
      auto& d = ctx.report(diag_kind::balance_twice, balance->id.where,
                           i18n::tr("balance `{}` is the second balance of this version; a version keeps one",
                                    balance->id.text),
                           i18n::text("remove one of them"));
      ctx.note(d, ctx.symbols.balance->id.where, i18n::text("the first balance is declared here"));
      continue;
    }
    ctx.symbols.balance = balance;
    if (balance->redemption_kind) {
      const ast::name& kind_name = *balance->redemption_kind;
      const ast::name& attribute_name = *balance->redemption_attribute;
      if (const kind_info* kind = resolve_kind(ctx, kind_name)) {
        if (const attribute_info* attribute = resolve_attribute(ctx, attribute_name, *kind)) {
          bool number = attribute->type == ast::type_kind::integer || attribute->type == ast::type_kind::decimal;
          if (!number || !attribute->required) {
            ctx.report(diag_kind::balance_redemption, attribute_name.where,
                       i18n::tr("the points a redemption spends, `{}` of `{}`, must be a number every row records",
                                attribute_name.text, kind_name.text),
                       i18n::tr("declare it `{}: decimal above 0`, without `optional`", attribute_name.text));
          } else if (!attribute->min || *attribute->min < decimal{} ||
                     (*attribute->min == decimal{} && !attribute->min_exclusive)) {
            ctx.report(diag_kind::balance_redemption, attribute_name.where,
                       i18n::tr("a redemption spends points: `{}` of `{}` must be above 0", attribute_name.text,
                                kind_name.text),
                       i18n::text("give it the bound `above 0`"));
          }
        }
        for (const auto* rule : ctx.symbols.rules) {
          if (ast::counted_kind(rule->amount).text != kind_name.text) continue;
          auto& d = ctx.report(diag_kind::balance_redemption, kind_name.where,
                               i18n::tr("rule `{}` counts `{}`, the kind that redeems the balance: a redemption "
                                        "spends the balance and is not scored",
                                        rule->id.text, kind_name.text),
                               i18n::text("record redemptions as an event kind of their own"));
          ctx.note(d, rule->id.where, i18n::text("the rule is here"));
        }
      }
    }
    if (balance->spend_above && balance->spend_above->value < decimal{}) {
      ctx.report(diag_kind::number_out_of_range, balance->spend_above->where,
                 i18n::tr("the balance that must stay, {}, is below 0", balance->spend_above->text),
                 i18n::text("write 0 or more"));
    }
    if (balance->reset && ctx.symbols.scoring && balance->reset->value <= ctx.symbols.scoring->period.value) {
      ctx.report(diag_kind::balance_reset_period, balance->reset->where,
                 i18n::tr("a balance reset every {} carries nothing over: this rubric scores per {}",
                          period_name(balance->reset->value), period_name(ctx.symbols.scoring->period.value)),
                 i18n::text("reset it over a longer period, like every year, or leave the reset out"));
    }
  }
}

}  // namespace rubric::lang::check
