#include "engine/archive.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <thread>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "engine/digest.hpp"
#include "lang/i18n.hpp"

namespace rubric::engine {

namespace {

// 'RUBA' in PRAGMA application_id: tells a rubric archive from any other SQLite file.
constexpr int application_id = 0x52554241;
constexpr int schema_version = 1;

// Append-only by construction: every table refuses UPDATE and DELETE, so a published figure can
// only be corrected by a new revision, never rewritten.
constexpr const char* schema_sql = R"sql(
CREATE TABLE publication (
  id INTEGER PRIMARY KEY,
  period TEXT NOT NULL,            -- the period's text, or the year for a year's publication
  revision INTEGER NOT NULL,       -- 1, 2, ... per period
  published_at TEXT NOT NULL,      -- UTC, ISO 8601
  command_version TEXT NOT NULL,   -- `rubric --version`
  content_sha256 TEXT NOT NULL,    -- of the versions, inputs (without paths) and figures
  UNIQUE (period, revision)
);
CREATE TABLE rubric_version (
  publication INTEGER NOT NULL REFERENCES publication (id),
  position INTEGER NOT NULL,
  version TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  PRIMARY KEY (publication, position)
);
CREATE TABLE input_file (
  publication INTEGER NOT NULL REFERENCES publication (id),
  position INTEGER NOT NULL,
  role TEXT NOT NULL,              -- units, people, events
  path TEXT NOT NULL,              -- as given
  sha256 TEXT NOT NULL,
  rows INTEGER NOT NULL,
  PRIMARY KEY (publication, position)
);
CREATE TABLE result_figure (
  publication INTEGER NOT NULL REFERENCES publication (id),
  position INTEGER NOT NULL,
  period TEXT NOT NULL,
  subject_kind TEXT NOT NULL,      -- unit, group, person
  subject TEXT NOT NULL,
  what TEXT NOT NULL,              -- score, rank, area:<id>, ... (docs/archive.md)
  value TEXT NOT NULL,
  PRIMARY KEY (publication, position)
);
CREATE INDEX publication_by_period ON publication (period, revision);
-- One line per unit and period, for reading the archive with any SQLite tool.
CREATE VIEW unit_result AS
  SELECT p.period AS publication_period, p.revision, f.period, f.subject AS unit,
         MAX(CASE f.what WHEN 'rank' THEN f.value END) AS rank,
         MAX(CASE f.what WHEN 'score' THEN f.value END) AS score,
         MAX(CASE f.what WHEN 'deductions' THEN f.value END) AS deductions,
         MAX(CASE f.what WHEN 'distinctions' THEN f.value END) AS distinctions,
         MAX(CASE f.what WHEN 'vetoes' THEN f.value END) AS vetoes,
         MIN(f.position) AS position
  FROM result_figure f JOIN publication p ON p.id = f.publication
  WHERE f.subject_kind = 'unit' AND EXISTS (SELECT 1 FROM result_figure s WHERE s.publication = f.publication
        AND s.period = f.period AND s.subject = f.subject AND s.what = 'score')
  GROUP BY f.publication, f.period, f.subject;
)sql";

constexpr const char* append_only_tables[] = {"publication", "rubric_version", "input_file", "result_figure"};

std::string append_only_triggers() {
  std::string sql;
  for (const char* table : append_only_tables) {
    for (const char* action : {"UPDATE", "DELETE"}) {
      sql += fmt::format("CREATE TRIGGER {0}_no_{1} BEFORE {2} ON {0} BEGIN SELECT RAISE(ABORT, "
                         "'the archive is append-only: publish a new revision instead'); END;\n",
                         table, action[0] == 'U' ? "update" : "delete", action);
    }
  }
  return sql;
}

[[noreturn]] void fail(const std::string& path, sqlite3* db) {
  throw archive_error{i18n::tr("archive `{}`: {}", path, db ? sqlite3_errmsg(db) : "out of memory"),
                      db && (sqlite3_errcode(db) & 0xff) == SQLITE_BUSY};
}

struct statement_finalizer {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};

// A prepared statement with its parameters bound in order.
class statement {
 public:
  statement(sqlite3* db, const std::string& path, const char* sql) : db_(db), path_(path) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &s, nullptr) != SQLITE_OK) fail(path, db);
    s_.reset(s);
  }
  statement& bind(std::string_view text) {
    if (sqlite3_bind_text(s_.get(), ++bound_, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT) != SQLITE_OK) {
      fail(path_, db_);
    }
    return *this;
  }
  statement& bind(std::int64_t number) {
    if (sqlite3_bind_int64(s_.get(), ++bound_, number) != SQLITE_OK) fail(path_, db_);
    return *this;
  }
  // True while there is a row.
  bool step() {
    int rc = sqlite3_step(s_.get());
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    fail(path_, db_);
  }
  void run() {
    while (step()) {
    }
    sqlite3_reset(s_.get());
    bound_ = 0;
  }
  std::string text(int column) const {
    const auto* p = sqlite3_column_text(s_.get(), column);
    return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(s_.get(), column)))
             : std::string();
  }
  std::int64_t number(int column) const { return sqlite3_column_int64(s_.get(), column); }

 private:
  sqlite3* db_;
  const std::string& path_;
  std::unique_ptr<sqlite3_stmt, statement_finalizer> s_;
  int bound_ = 0;
};

void exec(sqlite3* db, const std::string& path, const std::string& sql) {
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) fail(path, db);
}

int pragma_number(sqlite3* db, const std::string& path, const char* pragma) {
  statement s(db, path, pragma);
  return s.step() ? static_cast<int>(s.number(0)) : 0;
}

// Rolls back unless committed: an exception leaves the archive as it was.
class transaction {
 public:
  transaction(sqlite3* db, const std::string& path) : db_(db), path_(path) {
    // IMMEDIATE takes the write lock now, so reading the latest revision and adding the next one
    // cannot interleave with another publisher's.
    exec(db, path, "BEGIN IMMEDIATE");
  }
  ~transaction() {
    if (!done_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }
  void commit() {
    exec(db_, path_, "COMMIT");
    done_ = true;
  }

 private:
  sqlite3* db_;
  const std::string& path_;
  bool done_ = false;
};

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

template <typename Named>
std::string ids_of(const std::vector<Named>& declared, std::uint64_t bits) {
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < declared.size() && i < 64; ++i) {
    if ((bits >> i) & 1) ids.push_back(declared[i].id);
  }
  return joined(ids);
}

std::string ids_of(const std::vector<std::string>& declared, std::uint64_t bits) {
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < declared.size() && i < 64; ++i) {
    if ((bits >> i) & 1) ids.push_back(declared[i]);
  }
  return joined(ids);
}

std::string now_utc() {
  auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", now);
}

}  // namespace

std::string publication::content_sha256() const {
  std::string text = "rubric archive content 1\n" + period + "\n";
  for (const auto& v : versions) text += fmt::format("version\t{}\t{}\n", v.id, v.sha256);
  for (const auto& i : inputs) text += fmt::format("input\t{}\t{}\t{}\n", i.role, i.sha256, i.rows);
  for (const auto& f : figures) {
    text += fmt::format("figure\t{}\t{}\t{}\t{}\t{}\n", f.period, f.subject_kind, f.subject, f.what, f.value);
  }
  return sha256_hex(text);
}

publication publication_of(const score_run& run) {
  publication out;
  const plan& p = run.compiled;
  out.period = run.period.year ? std::to_string(*run.period.year) : p.periods.text(run.period.first_period);
  out.inputs = run.inputs;
  const score_result& result = *run.result;
  std::set<std::uint32_t> used;
  for (const auto& m : result.periods) used.insert(m.version);
  for (const auto& y : result.windows) used.insert(y.version);
  for (auto v : used) out.versions.push_back({p.versions[v].id, p.versions[v].sha256});

  auto add = [&](const std::string& period, const char* kind, const std::string& subject, std::string what,
                 std::string value) {
    out.figures.push_back({period, kind, subject, std::move(what), std::move(value)});
  };
  for (const auto& m : result.periods) {
    const version_plan& v = p.versions[m.version];
    const std::string period = p.periods.text(m.period);
    for (auto u : m.order) {
      const unit_period& um = m.units[u];
      const std::string& unit = run.people.units[u];
      add(period, "unit", unit, "rank", um.has_rank() ? std::to_string(um.rank) : "");
      add(period, "unit", unit, "score", um.score.to_string());
      for (std::size_t a = 0; a < v.areas.size(); ++a) add(period, "unit", unit, "area:" + v.areas[a].id, m.area_total(u, a).to_string());
      add(period, "unit", unit, "deductions", std::to_string(um.deductions));
      add(period, "unit", unit, "vetoed", um.vetoed() ? "true" : "false");
      add(period, "unit", unit, "distinctions", ids_of(v.distinctions, um.distinctions));
      add(period, "unit", unit, "vetoes", ids_of(v.vetoes, um.vetoes));
      if (um.grade) add(period, "unit", unit, "grade", v.grades[um.grade - 1u].id);
    }
    for (const auto& g : m.groups) {
      add(period, "group", g.value, "rank", g.rank ? std::to_string(g.rank) : "");
      add(period, "group", g.value, "score", g.members ? g.score.to_string() : "");
      add(period, "group", g.value, "members", std::to_string(g.members));
      add(period, "group", g.value, "deductions", std::to_string(g.deductions));
      add(period, "group", g.value, "distinctions", ids_of(v.distinctions, g.distinctions));
    }
  }
  for (const auto& y : result.windows) {
    lang::calendar window(y.window_period);
    const std::string period = y.window_period == lang::ast::period::year ? std::to_string(y.year) : window.text(y.window);
    for (auto k : y.order) {
      const year_unit& yu = y.units[k];
      const std::string& unit = run.people.units[yu.unit];
      add(period, "unit", unit, "rank", yu.rank ? std::to_string(yu.rank) : "");
      add(period, "unit", unit, "total_score", yu.total_score.to_string());
      for (std::size_t d = 0; d < y.distinctions.size(); ++d) {
        add(period, "unit", unit, "distinction_count:" + y.distinctions[d], std::to_string(yu.distinction_counts[d]));
      }
      add(period, "unit", unit, "subsidy_percent", yu.subsidy_percent.to_string());
      if (!y.titles.empty()) add(period, "unit", unit, "titles", ids_of(y.titles, yu.titles));
      if (!p.versions[y.version].awards_filters.empty()) add(period, "unit", unit, "eligible", yu.eligible ? "true" : "false");
    }
    for (const auto& h : y.people) {
      const person_entry& person = run.people.people[h.person];
      add(period, "person", person.id, "role", person.role);
      add(period, "person", person.id, "unit", run.people.units[person.unit]);
      add(period, "person", person.id, "qualified", h.qualified ? "true" : "false");
      add(period, "person", person.id, "subsidy_percent", h.subsidy_percent.to_string());
      if (!y.titles.empty()) add(period, "person", person.id, "titles", ids_of(y.titles, h.titles));
    }
  }
  return out;
}

std::vector<figure_change> compare_figures(const std::vector<archived_figure>& before,
                                           const std::vector<archived_figure>& after) {
  auto key = [](const archived_figure& f) { return std::tie(f.period, f.subject_kind, f.subject, f.what); };
  using key_type = decltype(key(before.front()));
  std::map<key_type, const archived_figure*> earlier;
  for (const auto& f : before) earlier.emplace(key(f), &f);
  std::set<key_type> seen;
  std::vector<figure_change> changes;
  for (const auto& f : after) {
    seen.insert(key(f));
    auto it = earlier.find(key(f));
    if (it == earlier.end()) changes.push_back({f.period, f.subject_kind, f.subject, f.what, std::nullopt, f.value});
    else if (it->second->value != f.value) changes.push_back({f.period, f.subject_kind, f.subject, f.what, it->second->value, f.value});
  }
  for (const auto& f : before) {
    if (!seen.count(key(f))) changes.push_back({f.period, f.subject_kind, f.subject, f.what, f.value, std::nullopt});
  }
  return changes;
}

namespace {

// The label of an id the latest version declaring it gives, or the id itself.
template <typename Declared>
std::string label_of(const plan& p, const std::string& id, Declared declared) {
  for (auto v = p.versions.rbegin(); v != p.versions.rend(); ++v) {
    for (const auto& item : declared(*v)) {
      if (item.id == id) return item.title.empty() ? id : item.title;
    }
  }
  return id;
}

std::string distinction_label(const plan& p, const std::string& id) {
  std::string label = label_of(p, id, [](const version_plan& v) -> const auto& { return v.distinctions; });
  if (label == id) label = label_of(p, id, [](const version_plan& v) -> const auto& { return v.grades; });
  if (label == id) label = label_of(p, id, [](const version_plan& v) -> const auto& { return v.titles; });
  return label;
}

std::string veto_label(const plan& p, const std::string& id) {
  for (auto v = p.versions.rbegin(); v != p.versions.rend(); ++v) {
    for (const auto& veto : v->vetoes) {
      if (veto.id == id) return veto.reason.empty() ? id : veto.reason;
    }
  }
  return id;
}

std::string value_text(const plan& p, const std::string& what, const std::optional<std::string>& value) {
  if (!value) return i18n::text("(not published)");
  if (value->empty()) return "—";
  if (*value == "true") return i18n::text("yes");
  if (*value == "false") return i18n::text("no");
  bool list = what == "distinctions" || what == "vetoes" || what == "titles" || what == "grade";
  if (!list) return *value;
  std::vector<std::string> labels;
  std::size_t start = 0;
  while (start <= value->size()) {
    auto end = value->find(", ", start);
    std::string id = value->substr(start, end == std::string::npos ? std::string::npos : end - start);
    labels.push_back(what == "vetoes" ? veto_label(p, id) : distinction_label(p, id));
    if (end == std::string::npos) break;
    start = end + 2;
  }
  return i18n::current_language() == i18n::language::zh ? fmt::format("{}", fmt::join(labels, "、"))
                                                        : fmt::format("{}", fmt::join(labels, ", "));
}

std::string what_text(const plan& p, const std::string& what) {
  if (what.starts_with("area:")) {
    return label_of(p, what.substr(5), [](const version_plan& v) -> const auto& { return v.areas; });
  }
  if (what.starts_with("distinction_count:")) return i18n::tr("{} won", distinction_label(p, what.substr(18)));
  if (what == "score") return i18n::text("score");
  if (what == "rank") return i18n::text("rank");
  if (what == "deductions") return i18n::text("deductions");
  if (what == "vetoed") return i18n::text("vetoed");
  if (what == "distinctions") return i18n::text("distinctions");
  if (what == "vetoes") return i18n::text("vetoes");
  if (what == "grade") return i18n::text("grade");
  if (what == "members") return i18n::text("members");
  if (what == "total_score") return i18n::text("total score");
  if (what == "subsidy_percent") return i18n::text("subsidy percent");
  if (what == "titles") return i18n::text("titles");
  if (what == "eligible") return i18n::text("eligible for awards");
  if (what == "role") return i18n::text("role");
  if (what == "unit") return i18n::text("unit");
  if (what == "qualified") return i18n::text("qualified");
  return what;
}

}  // namespace

change_text describe(const figure_change& change, const plan& p) {
  return {change.period, change.subject, what_text(p, change.what), value_text(p, change.what, change.before),
          value_text(p, change.what, change.after)};
}

void archive::closer::operator()(sqlite3* db) const { sqlite3_close_v2(db); }

archive::archive(std::string path, std::unique_ptr<sqlite3, closer> db) : path_(std::move(path)), db_(std::move(db)) {}
archive::archive(archive&&) noexcept = default;
archive& archive::operator=(archive&&) noexcept = default;
archive::~archive() = default;

archive archive::open(const std::string& path, bool create) {
  sqlite3* raw = nullptr;
  int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  std::unique_ptr<sqlite3, closer> db(raw);
  if (rc != SQLITE_OK) {
    if (rc == SQLITE_CANTOPEN && !create) throw archive_error{i18n::tr("archive `{}` cannot be opened: no such archive file", path)};
    fail(path, raw);
  }
  // Publishers wait for each other's transaction instead of failing at once.
  sqlite3_busy_timeout(raw, 30000);
  int id = 0;
  // The three reads below are one snapshot: read one by one, another publisher's creating the
  // archive could commit between them (no application id yet, then a schema) and a good archive
  // would read as "not a rubric archive".
  exec(raw, path, "BEGIN");
  try {
    id = pragma_number(raw, path, "PRAGMA application_id");
  } catch (const archive_error&) {
    if (sqlite3_errcode(raw) == SQLITE_NOTADB) {
      throw archive_error{i18n::tr("`{}` is not a rubric archive (not an SQLite file)", path)};
    }
    throw;
  }
  int version = pragma_number(raw, path, "PRAGMA user_version");
  bool empty = pragma_number(raw, path, "SELECT count(*) FROM sqlite_schema") == 0;
  exec(raw, path, "COMMIT");
  if (id == 0 && version == 0 && empty) {
    if (!create) throw archive_error{i18n::tr("archive `{}` is empty: nothing was ever published to it", path)};
    // Two publishers creating one archive at once: switching a new file to WAL can report
    // SQLITE_BUSY at once, without the busy handler waiting, so the creation is tried again for
    // as long as the busy timeout would have waited.
    for (int attempt = 0;; ++attempt) {
      try {
        // WAL: readers do not block the writer. Set before the first table, outside any transaction.
        exec(raw, path, "PRAGMA journal_mode=WAL");
        transaction t(raw, path);
        // Another publisher may have created the schema while this one waited for the lock.
        if (pragma_number(raw, path, "SELECT count(*) FROM sqlite_schema") == 0) {
          exec(raw, path, schema_sql);
          exec(raw, path, append_only_triggers());
          exec(raw, path, fmt::format("PRAGMA application_id={}; PRAGMA user_version={};", application_id, schema_version));
        }
        t.commit();
        break;
      } catch (const archive_error& e) {
        if (!e.busy || attempt >= 600) throw;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
    }
    id = pragma_number(raw, path, "PRAGMA application_id");
    version = pragma_number(raw, path, "PRAGMA user_version");
  }
  if (id != application_id) {
    throw archive_error{i18n::tr("`{}` is an SQLite file but not a rubric archive", path)};
  }
  if (version > schema_version) {
    throw archive_error{i18n::tr("archive `{}` has schema version {}, newer than this rubric reads ({}): use a newer rubric",
                                 path, version, schema_version)};
  }
  if (version < 1) throw archive_error{i18n::tr("archive `{}` has no schema version: it is not a rubric archive", path)};
  exec(raw, path, "PRAGMA foreign_keys=ON");
  return archive(path, std::move(db));
}

std::optional<archived_publication> archive::load(const std::string& period, std::optional<int> revision) {
  sqlite3* db = db_.get();
  statement head(db, path_,
                 revision ? "SELECT id, revision, published_at, command_version, content_sha256 FROM publication "
                            "WHERE period = ? AND revision = ?"
                          : "SELECT id, revision, published_at, command_version, content_sha256 FROM publication "
                            "WHERE period = ? ORDER BY revision DESC LIMIT 1");
  head.bind(period);
  if (revision) head.bind(std::int64_t{*revision});
  if (!head.step()) return std::nullopt;
  archived_publication out;
  std::int64_t id = head.number(0);
  out.revision = static_cast<int>(head.number(1));
  out.published_at = head.text(2);
  out.command_version = head.text(3);
  out.content_sha256 = head.text(4);
  out.content.period = period;
  statement versions(db, path_, "SELECT version, sha256 FROM rubric_version WHERE publication = ? ORDER BY position");
  versions.bind(id);
  while (versions.step()) out.content.versions.push_back({versions.text(0), versions.text(1)});
  statement inputs(db, path_, "SELECT role, path, sha256, rows FROM input_file WHERE publication = ? ORDER BY position");
  inputs.bind(id);
  while (inputs.step()) {
    out.content.inputs.push_back({inputs.text(0), inputs.text(1), inputs.text(2), static_cast<std::uint64_t>(inputs.number(3))});
  }
  statement figures(db, path_,
                    "SELECT period, subject_kind, subject, what, value FROM result_figure WHERE publication = ? ORDER BY position");
  figures.bind(id);
  while (figures.step()) {
    out.content.figures.push_back({figures.text(0), figures.text(1), figures.text(2), figures.text(3), figures.text(4)});
  }
  return out;
}

record_outcome archive::record(const publication& p, std::string_view command_version) {
  sqlite3* db = db_.get();
  transaction t(db, path_);
  record_outcome out;
  const std::string content = p.content_sha256();
  auto previous = load(p.period, std::nullopt);
  if (previous && previous->content_sha256 == content) {
    out.revision = previous->revision;
    out.already_archived = true;
    // The site made again from the same revision (after a failed write, or with --pdf) keeps the
    // correction notice that revision was published with.
    if (out.revision > 1) {
      if (auto before = load(p.period, out.revision - 1)) out.changes = compare_figures(before->content.figures, p.figures);
    }
    return out;  // the transaction rolls back: nothing was written
  }
  out.revision = previous ? previous->revision + 1 : 1;
  if (previous) out.changes = compare_figures(previous->content.figures, p.figures);

  statement head(db, path_,
                 "INSERT INTO publication (period, revision, published_at, command_version, content_sha256) "
                 "VALUES (?, ?, ?, ?, ?)");
  head.bind(p.period).bind(std::int64_t{out.revision}).bind(now_utc()).bind(command_version).bind(content).run();
  const std::int64_t id = sqlite3_last_insert_rowid(db);
  statement version(db, path_, "INSERT INTO rubric_version (publication, position, version, sha256) VALUES (?, ?, ?, ?)");
  for (std::size_t i = 0; i < p.versions.size(); ++i) {
    version.bind(id).bind(static_cast<std::int64_t>(i)).bind(p.versions[i].id).bind(p.versions[i].sha256).run();
  }
  statement input(db, path_, "INSERT INTO input_file (publication, position, role, path, sha256, rows) VALUES (?, ?, ?, ?, ?, ?)");
  for (std::size_t i = 0; i < p.inputs.size(); ++i) {
    const auto& f = p.inputs[i];
    input.bind(id).bind(static_cast<std::int64_t>(i)).bind(f.role).bind(f.path).bind(f.sha256)
        .bind(static_cast<std::int64_t>(f.rows)).run();
  }
  statement figure(db, path_,
                   "INSERT INTO result_figure (publication, position, period, subject_kind, subject, what, value) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?)");
  for (std::size_t i = 0; i < p.figures.size(); ++i) {
    const auto& f = p.figures[i];
    figure.bind(id).bind(static_cast<std::int64_t>(i)).bind(f.period).bind(f.subject_kind).bind(f.subject).bind(f.what)
        .bind(f.value).run();
  }
  t.commit();
  return out;
}

namespace {

std::string role_text(const std::string& role) {
  if (role == "units") return i18n::text("unit roster");
  if (role == "people") return i18n::text("people roster");
  return i18n::text("events file");
}

}  // namespace

std::vector<std::string> verify_differences(const archived_publication& archived, const publication& now, const plan& p) {
  std::vector<std::string> out;
  if (archived.content.content_sha256() != archived.content_sha256) {
    out.push_back(i18n::tr("revision {} of {} in the archive was altered after it was recorded: its rows no longer match "
                           "the content hash recorded with them",
                           archived.revision, archived.content.period));
  }
  // Rubric versions, by id.
  for (const auto& was : archived.content.versions) {
    auto is = std::find_if(now.versions.begin(), now.versions.end(), [&](const auto& v) { return v.id == was.id; });
    if (is == now.versions.end()) {
      out.push_back(i18n::tr("rubric version {} was used for the archived figures but not now", was.id));
    } else if (is->sha256 != was.sha256) {
      out.push_back(i18n::tr("rubric version {} differs from the archived one: SHA-256 archived {}, now {}", was.id,
                             was.sha256, is->sha256));
    }
  }
  for (const auto& v : now.versions) {
    if (std::none_of(archived.content.versions.begin(), archived.content.versions.end(),
                     [&](const auto& was) { return was.id == v.id; })) {
      out.push_back(i18n::tr("rubric version {} is used now but was not for the archived figures", v.id));
    }
  }
  // Input files, per role: those with the same content are paired first (their order never
  // changes a result), the others in the order given.
  for (const char* role : {"units", "people", "events"}) {
    std::vector<const input_file*> was, is;
    for (const auto& f : archived.content.inputs) if (f.role == role) was.push_back(&f);
    for (const auto& f : now.inputs) if (f.role == role) is.push_back(&f);
    for (auto& w : was) {
      auto same = std::find_if(is.begin(), is.end(), [&](const input_file* f) { return f && f->sha256 == w->sha256; });
      if (same == is.end()) continue;
      if ((*same)->rows != w->rows) {
        out.push_back(i18n::tr("{} `{}`: {} rows archived, {} now", role_text(role), (*same)->path, w->rows, (*same)->rows));
      }
      *same = nullptr;
      w = nullptr;
    }
    std::erase(was, nullptr);
    std::erase(is, nullptr);
    for (std::size_t i = 0; i < std::max(was.size(), is.size()); ++i) {
      if (i >= is.size()) {
        out.push_back(i18n::tr("{} `{}` (SHA-256 {}) was archived but not given now", role_text(role), was[i]->path, was[i]->sha256));
      } else if (i >= was.size()) {
        out.push_back(i18n::tr("{} `{}` was given now but is not in the archived revision", role_text(role), is[i]->path));
      } else {
        out.push_back(i18n::tr("{} `{}` differs from the archived `{}`: SHA-256 archived {}, now {}; {} rows archived, {} now",
                               role_text(role), is[i]->path, was[i]->path, was[i]->sha256, is[i]->sha256, was[i]->rows,
                               is[i]->rows));
      }
    }
  }
  for (const auto& change : compare_figures(archived.content.figures, now.figures)) {
    change_text c = describe(change, p);
    out.push_back(i18n::tr("{}, {}, {}: archived {}, now {}", c.period, c.subject, c.what, c.before, c.after));
  }
  return out;
}

}  // namespace rubric::engine
