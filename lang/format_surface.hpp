// Inside the formatter: the words of one surface. The formatter walks the tree once, deciding which
// lines there are, what source each line prints, and its indentation (lang/format.cpp); a
// clause_writer gives each line's text in one surface. So both surfaces have the same lines in
// the same order with the same spans, and comments and blank lines land in the same places
// whichever surface is printed, which is what makes a translation round trip byte for byte.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "lang/ast.hpp"

namespace rubric::lang::format_detail {

class clause_writer {
 public:
  virtual ~clause_writer() = default;

  virtual std::string header(const ast::header& h) const = 0;
  virtual std::string scoring(const ast::scoring_decl& d) const = 0;
  virtual std::string role(const ast::role_decl& d) const = 0;
  virtual std::string area(const ast::area_decl& d) const = 0;
  virtual std::string roster_keyword() const = 0;
  virtual std::string grades_keyword() const = 0;
  virtual std::string grade(const ast::grade_decl& g) const = 0;
  virtual std::string event_head(const ast::event_decl& d) const = 0;
  // An attribute of an event, or a roster column.
  virtual std::string attribute(const ast::attribute_decl& a) const = 0;

  virtual std::string rule_head(const ast::rule_decl& d) const = 0;
  virtual std::string amount_clause(const ast::rule_amount& amount) const = 0;
  virtual std::string cap(const ast::cap_clause& c) const = 0;
  virtual std::string count_limit(const ast::count_limit& l) const = 0;
  // The rule says which kind of event the exemption's condition speaks of.
  virtual std::string exemption(const ast::rule_decl& rule, const ast::exemption& x) const = 0;

  virtual std::string veto_head(const ast::veto_decl& d) const = 0;
  virtual std::string veto_when(const ast::veto_decl& d) const = 0;
  virtual std::string veto_effect(const ast::veto_effect& e) const = 0;
  virtual std::string consequence(const ast::consequence& c) const = 0;

  virtual std::string ranking_head(const ast::ranking_decl& d) const = 0;
  virtual std::string awards_head(const ast::awards_decl& d) const = 0;
  // `only where C` of the ranking or the awards: a condition over roster columns.
  virtual std::string roster_filter(const ast::condition& c) const = 0;
  virtual std::string min_grade(const ast::name& grade) const = 0;
  virtual std::string within(const ast::name& column) const = 0;
  virtual std::string group(const ast::name& column) const = 0;
  // The first term of an `order by` clause, or a `then by` after it.
  virtual std::string order_term(const ast::order_term& t, bool first) const = 0;
  virtual std::string ties() const = 0;
  virtual std::string distinction(const ast::distinction_decl& x) const = 0;
  virtual std::string eligibility(const ast::eligibility_clause& e) const = 0;
  virtual std::string subsidy(const ast::subsidy_clause& s) const = 0;

  virtual std::string role_subsidy_head(const ast::role_award_decl& d) const = 0;
  virtual std::string person_test(const ast::person_test& t) const = 0;

  // A balance carried across periods (积分银行).
  virtual std::string balance_head(const ast::balance_decl& d) const = 0;
  virtual std::string balance_redemption(const ast::balance_decl& d) const = 0;
  virtual std::string balance_spend_floor(const ast::number& floor) const = 0;
  virtual std::string balance_reset(const ast::period_ref& every) const = 0;

  // After printing: why the text printed would not read back as the same tree, if it would not.
  virtual std::vector<std::string> problems() const { return {}; }
};

// The Chinese surface (docs/zh/语言.md), which prints references by the labels the file declares.
std::unique_ptr<clause_writer> chinese_writer(const ast::rubric_file& tree);

}  // namespace rubric::lang::format_detail
