// The archive of publications (docs/archive.md): an SQLite file that records, for each period or
// year published, the rubric versions and input files behind it and every figure published, so
// that anyone can later check a bulletin against the files it claims to come from (`rubric
// verify`). Append-only: the schema refuses UPDATE and DELETE; publishing again with other data
// adds a revision and keeps the old one.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/score.hpp"

struct sqlite3;

namespace rubric::engine {

// One published figure. `what` is a stable key: score, rank, deductions, vetoed, distinctions,
// vetoes, grade, area:<id> for a unit in a period; total_score, rank, red_flags,
// distinction_count:<id>, subsidy_percent, titles, eligible for a unit in a year; role, unit,
// qualified, subsidy_percent, titles for a role holder. Lists hold ids joined by ", ".
struct archived_figure {
  std::string period;        // the period's text ("2024-03"), or the year's or awards window's
  std::string subject_kind;  // "unit", "group" or "person"
  std::string subject;       // the unit's, group's or person's id
  std::string what;
  std::string value;  // exact decimal text; empty for "none" (an unranked unit's rank)
};

struct archived_version {
  std::string id, sha256;
};

// What one publication records (without the revision, time and command version).
struct publication {
  std::string period;  // the key: the period's text, or the year ("2024") for --year
  std::vector<archived_version> versions;  // each rubric version whose figures are published
  std::vector<input_file> inputs;
  std::vector<archived_figure> figures;  // in display order
  // SHA-256 of everything above but the paths (the same files given by another path are the same
  // data): two publications with equal content hashes are the same publication.
  std::string content_sha256() const;
};

// The publication of a scored run (run.result must be present).
publication publication_of(const score_run& run);

// A figure that differs between two publications; `before` or `after` is std::nullopt when the
// figure is in only one of them.
struct figure_change {
  std::string period, subject_kind, subject, what;
  std::optional<std::string> before, after;
};
// In the order of `after` (then figures only in `before`, in their order).
std::vector<figure_change> compare_figures(const std::vector<archived_figure>& before,
                                           const std::vector<archived_figure>& after);

// The same change as a person reads it: the figure by its label ("得分", an area's label), lists
// of ids as their labels, "yes"/"no", "—" for none, in the current language (labels from `p`).
struct change_text {
  std::string period, subject, what, before, after;
};
change_text describe(const figure_change& change, const plan& p);

struct archive_error {
  std::string message;  // names the file and the reason, in the current language
  bool busy = false;    // another connection held the lock (SQLITE_BUSY): trying again may succeed
};

struct record_outcome {
  int revision = 0;
  bool already_archived = false;  // the latest revision has the same content: nothing was added
  std::vector<figure_change> changes;  // from the previous revision (empty for the first)
};

struct archived_publication {
  int revision = 0;
  std::string published_at, command_version, content_sha256;
  publication content;
};

class archive {
 public:
  // Opens (creating when `create` and the file does not exist) and checks the schema. Throws
  // archive_error when the file cannot be opened, is not an archive, or has a newer schema.
  static archive open(const std::string& path, bool create);
  archive(archive&&) noexcept;
  archive& operator=(archive&&) noexcept;
  ~archive();

  // Records a publication in one transaction (revision numbers are allocated inside it, so two
  // processes publishing at once get consecutive revisions). Throws archive_error.
  record_outcome record(const publication& p, std::string_view command_version);
  // A revision of a period (the latest when `revision` is empty); std::nullopt when there is none.
  // Throws archive_error.
  std::optional<archived_publication> load(const std::string& period, std::optional<int> revision);

  const std::string& path() const { return path_; }

 private:
  struct closer {
    void operator()(sqlite3* db) const;
  };
  archive(std::string path, std::unique_ptr<sqlite3, closer> db);
  std::string path_;
  std::unique_ptr<sqlite3, closer> db_;
};

// Everything in which a revision and a publication made now from the given files differ, each a
// sentence naming the file, or the period, unit and figure, with the archived and the current
// value; empty when every figure matches. Also says so when the revision's rows no longer match
// the content hash recorded with them (the archive was changed behind the schema's back).
std::vector<std::string> verify_differences(const archived_publication& archived, const publication& now, const plan& p);

}  // namespace rubric::engine
