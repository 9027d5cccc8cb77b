#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <sstream>

#include "cli/atomic_write.hpp"
#include "cli/commands.hpp"
#include "cli/data_options.hpp"
#include "engine/report/report.hpp"
#include "lang/i18n.hpp"

namespace rubric::cli {

namespace {

// What Excel on a Chinese Windows needs to read a CSV file as UTF-8 rather than GBK.
constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

// Writes a result file whole or not at all (cli/atomic_write.hpp), creating it when it is new; a
// new file that could not be written is removed again.
bool write_result_file(const std::string& path, std::string_view bytes, std::string& error) {
  mode_t mask = ::umask(0);
  ::umask(mask);
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666 & ~mask);
  bool created = fd >= 0;
  if (created) ::close(fd);
  else if (errno != EEXIST) {
    error = i18n::tr("cannot write `{}`: {}", path, std::strerror(errno));
    return false;
  }
  if (replace_file_atomically(path, bytes, error)) return true;
  if (created) ::unlink(path.c_str());
  return false;
}

// A result file may replace anything but one of the run's inputs.
std::string refused_output(const std::string& option, const std::string& path, const engine::score_request& inputs) {
  if (struct stat st {}; ::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    return i18n::tr("{} `{}` is not a regular file", option, path);
  }
  if (std::string input = input_at(path, inputs); !input.empty()) {
    return i18n::tr("{} `{}` is `{}`, an input of this run; write the results to another file", option, path, input);
  }
  return {};
}

// The files of --split DIR, named by what they hold (docs/output.md).
std::vector<std::pair<std::string, std::string>> split_files(const engine::score_run& run, const std::string& folder) {
  engine::split_csv files = engine::render_csv_split(run);
  namespace fs = std::filesystem;
  return {{(fs::path(folder) / "periods.csv").string(), std::move(files.periods)},
          {(fs::path(folder) / "awards.csv").string(), std::move(files.windows)},
          {(fs::path(folder) / "role_holders.csv").string(), std::move(files.role_holders)},
          {(fs::path(folder) / "findings.csv").string(), std::move(files.findings)}};
}

}  // namespace

std::function<int()> add_score(CLI::App& app) {
  struct options : data_options {
    std::string format = "table";
    std::string rejects;
    bool force = false;
    std::string out, split;
    bool bom = false;
  };
  auto opts = std::make_shared<options>();
  auto* cmd = app.add_subcommand("score", i18n::text("Score recorded events against the rubric version in force each period (month, week, quarter, ...)"));
  add_data_options(cmd, *opts, true);
  cmd->add_option("--format", opts->format, i18n::text("table (for people), json (docs/output.md), csv (a text cell that begins with = + - @ tab "
                             "or CR is quoted with a leading ', so a spreadsheet shows it and never runs it) or xlsx (an Excel "
                             "workbook: a sheet per period, per awards window and for role holders; needs --out)"))
      ->check(CLI::IsMember({"table", "json", "csv", "xlsx"}));
  cmd->add_option("--out", opts->out,
                  i18n::text("Write the results to this file instead of standard output, whole or not at all (never an input "
                             "of the run); needed for --format xlsx"));
  cmd->add_flag("--bom", opts->bom,
                i18n::text("With --format csv: begin with a UTF-8 byte order mark, so that Excel on a Chinese Windows reads "
                           "the Chinese text right"));
  cmd->add_option("--split", opts->split,
                  i18n::text("With --format csv: write each kind of record to its own file in this folder (periods.csv, "
                             "awards.csv, role_holders.csv, findings.csv), each with its own header, instead of one table"));
  cmd->add_option("--rejects", opts->rejects,
                  i18n::text("Score the valid rows and write every rejected row, with its line and reason, to this CSV file "
                             "(never an input; an existing file only if it is a previous rejects file, or with --force; cells escaped as for --format csv)"));
  cmd->add_flag("--force", opts->force, i18n::text("Let --rejects replace an existing file that is not a previous rejects file"));
  cmd->add_option("--jobs", opts->request.jobs, i18n::text("Threads for large CSV files (default 1)"))->check(CLI::Range(1, 64));
  cmd->footer(
      i18n::text("Exit status: 0 results printed; 1 errors in the rubric or the data, or a period in which no event was recorded "
                 "for any unit without --allow-empty (with --rejects the results are still printed when only rows were "
                 "rejected; a problem with a whole file, like a bad header, withholds them); 2 misuse: unreadable files, a "
                 "FIFO or directory given as a file, the same events file twice, a --rejects file that may not be written."));
  return [opts, cmd]() -> int {
    if (!cmd->parsed()) return -1;
    if (!resolve_period(*opts)) return usage;
    auto misuse = [](const std::string& message) {
      std::cerr << "rubric: " << message << "\n";
      return usage;
    };
    if (opts->format == "xlsx" && opts->out.empty()) {
      return misuse(i18n::text("--format xlsx writes a workbook, not text: name the file with --out results.xlsx"));
    }
    if ((opts->bom || !opts->split.empty()) && opts->format != "csv") {
      return misuse(i18n::tr("{} is for --format csv", opts->bom ? "--bom" : "--split"));
    }
    if (!opts->split.empty() && !opts->out.empty()) {
      return misuse(i18n::text("--split writes several files into a folder, --out one file: give one of them"));
    }
    if (!opts->out.empty() && !opts->rejects.empty() && opts->out == opts->rejects) {
      return misuse(i18n::tr("--out and --rejects both name `{}`: the results and the rejected rows need a file each", opts->out));
    }
    if (std::string refused = opts->out.empty() ? "" : refused_output("--out", opts->out, opts->request); !refused.empty()) {
      return misuse(refused);
    }
    if (!opts->split.empty()) {
      for (const char* name : {"periods.csv", "awards.csv", "role_holders.csv", "findings.csv"}) {
        std::string path = (std::filesystem::path(opts->split) / name).string();
        if (std::string refused = refused_output("--split", path, opts->request); !refused.empty()) return misuse(refused);
      }
    }
    opts->request.keep_going = !opts->rejects.empty();
    rejects_file rejects;
    if (!opts->rejects.empty()) {
      if (auto refused = rejects.open(opts->rejects, opts->request, opts->force); !refused.empty()) {
        std::cerr << "rubric: " << refused << "\n";
        return usage;
      }
      opts->request.rejects = rejects.output();
    }
    opts->request.input_digests = opts->format == "json" && opts->split.empty();  // only JSON shows them
    engine::score_run run = engine::run_score(opts->request);
    if (!opts->rejects.empty() && run.outcome != engine::score_run::status::rubric_errors &&
        run.outcome != engine::score_run::status::usage_error && !rejects.commit()) {
      return usage;
    }
    int problem = report_problems(*opts, run, opts->rejects);
    if (problem >= 0) return problem;
    std::string write_error;
    if (!opts->split.empty()) {
      std::error_code ec;
      std::filesystem::create_directories(opts->split, ec);
      if (ec) return misuse(i18n::tr("cannot create the folder `{}`: {}", opts->split, ec.message()));
      for (auto& [path, content] : split_files(run, opts->split)) {
        if (opts->bom) content.insert(0, utf8_bom);
        if (!write_result_file(path, content, write_error)) return misuse(write_error);
      }
    } else if (opts->format == "xlsx") {
      std::optional<std::string> workbook = engine::render_xlsx(run, write_error);
      if (!workbook || !write_result_file(opts->out, *workbook, write_error)) return misuse(write_error);
    } else {
      std::ostringstream buffered;
      std::ostream& out = opts->out.empty() ? std::cout : buffered;
      if (opts->bom) out << utf8_bom;
      if (opts->format == "json") engine::render_json(run, out, opts->request.jobs);
      else if (opts->format == "csv") engine::render_csv(run, out);
      else engine::render_table(run, out);
      if (opts->out.empty()) std::cout.flush();
      else if (!write_result_file(opts->out, buffered.str(), write_error)) return misuse(write_error);
    }
    return run.findings.empty() || std::all_of(run.findings.begin(), run.findings.end(),
                                               [](const auto& f) { return engine::is_warning(f.code) || engine::is_note(f.code); })
               ? ok
               : findings;
  };
}

}  // namespace rubric::cli
