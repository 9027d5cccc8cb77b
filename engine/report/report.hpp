// Rendering of results and findings. The only place engine output becomes text; the CLI
// chooses which and where to write it.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "engine/report/text.hpp"
#include "engine/score.hpp"
#include "engine/trace.hpp"

namespace rubric::engine {

// The documented JSON contract (docs/output.md). With `jobs` > 1 the periods are rendered that
// many at a time in threads; the bytes are the same.
void render_json(const score_run& run, std::ostream& out, unsigned jobs = 1);
// For people: per period the ranking, then the awards. Wide characters take two columns.
void render_table(const score_run& run, std::ostream& out);
// One flat table for spreadsheets: a row per unit-period, unit-window and role holder.
void render_csv(const score_run& run, std::ostream& out);
// `--split`: the same records, each kind in a CSV of its own with the columns it fills, and the
// findings of the run (warnings, rows rejected with --rejects) as in a rejects file.
struct split_csv {
  std::string periods, windows, role_holders, findings;
};
split_csv render_csv_split(const score_run& run);
// The results as an Excel workbook (docs/output.md): a sheet per period, one per awards window
// and one for role holders, in the reader's language. Returns the file's bytes; on failure none,
// and `error` says why.
std::optional<std::string> render_xlsx(const score_run& run, std::string& error);
// `name` made a valid Excel sheet name not among `taken` (case aside), and added to it: at most 31
// characters, none of []:*?/\, no apostrophe first or last; a clash gets " (2)", " (3)", ...
std::string excel_sheet_name(std::string name, std::vector<std::string>& taken);

// Findings as `file:line:col: error[E1005]: message`; of each file at most `limit_per_file`,
// then a count of the rest (with those the engine only counted, `unshown`).
std::string render_findings(const std::vector<finding>& findings, std::size_t limit_per_file,
                            const unshown_by_file& unshown = {});
// Rejected rows as CSV (--rejects): the header, then a row with each one's place and reason.
extern const char* const rejects_header;
std::string render_reject(const finding& rejected);

// The listener behind `rubric explain`: collects the decisions about one unit-period.
class explanation final : public trace_sink {
 public:
  struct line {
    std::string date, file, row_text;
    std::uint64_t row_line = 0;
    std::string kind, rule, rule_title, note;
    std::optional<decimal> amount;
    bool amount_with_note = false;  // show the amount beside the note (ordered rules)
    decoded_event event;            // the event as decoded: publish shows its attributes in words
  };
  void on_amount(const row_origin&, const decoded_event&, const rule_plan&, decimal amount) override;
  void on_summed(const row_origin&, const decoded_event&, const rule_plan&, decimal value) override;
  void on_exempt(const row_origin&, const decoded_event&, const rule_plan&, const exemption_plan&) override;
  void on_uncounted(const row_origin&, const decoded_event&) override;
  void on_veto(const row_origin&, const decoded_event&, const veto_plan&) override;
  void on_aggregate(const rule_plan&, decimal total, decimal points) override;
  void on_cap(const rule_plan&, decimal before, decimal after) override;
  void on_counted(const row_origin&, const decoded_event&, const rule_plan&) override;
  void on_budget(const area_plan&, decimal before, decimal after) override;
  void on_lasting_veto(const veto_plan&, int period) override;
  void on_ordered(const row_origin&, const decoded_event&, const rule_plan&, decimal amount, const std::string& why) override;
  void on_redemption(const row_origin&, const decoded_event&, const balance_plan&, decimal points, bool granted,
                     decimal left) override;
  void on_balance(const balance_plan&, const balance_entry&) override;

  void on_plan(const plan& p) override { plan_ = &p; }
  std::string render(const score_run& run) const;
  // The collected decisions, for renderers other than the terminal (publish's residents' pages).
  const std::vector<line>& event_lines() const { return events_; }
  const std::vector<std::string>& period_end_lines() const { return period_end_; }
  const std::vector<std::string>& lasting_lines() const { return lasting_; }

 private:
  line start(const row_origin&, const decoded_event&) const;
  std::string render_lines(const score_run& run) const;
  std::string_view word() const { return plan_->periods.word(); }  // "month", "week", ...
  std::string noun() const { return text::period_noun(word()); }  // the same in the reader's language
  const plan* plan_ = nullptr;
  std::vector<line> events_;
  std::vector<std::string> period_end_;
  std::vector<std::string> lasting_;
};

// Why `ahead` ranks before `behind`: the first ordering key of the ranking on which they differ,
// in words ("equal score 105, then fewer deductions (0 vs 1)").
std::string ranking_decided_by(const version_plan& version, const unit_period& ahead, const unit_period& behind);

// `rubric explain --year`: how a unit fared in each awards window of the year — its counts,
// total, rank and the key that decided it, eligibility, subsidy and titles, with the reasons.
std::string explain_awards(const score_run& run, std::uint32_t unit);

// A role as the reader knows it: its label in Chinese (单元长), its id in English.
std::string role_name(const score_run& run, const std::string& role);

// A veto's effects in words: "not eligible for `red_flag` this month".
std::string effects_text(const version_plan& version, const veto_plan& veto, std::string_view period);

// Which ranks a distinction goes to, in words: "ranks 1 to 3 receive it", "the lowest rank receives it".
std::string distinction_recipients(const distinction_plan& distinction);

// A period's groups in rank order, unranked ones last (the order of the table and the workbook).
std::vector<std::uint32_t> groups_by_rank(const period_result& period);

}  // namespace rubric::engine
