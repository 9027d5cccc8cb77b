#include "engine/publish/pdf.hpp"

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string_view>
#include <system_error>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

#include "lang/i18n.hpp"

extern char** environ;

namespace rubric::engine::publish {
namespace {

namespace fs = std::filesystem;
using clock = std::chrono::steady_clock;

// How much of the browser's output an error message quotes: its last lines say why it failed;
// the rest is start-up noise (D-Bus, GPU) that it prints even when it succeeds.
constexpr std::size_t output_kept = 2000;

bool is_executable_file(const fs::path& path) {
  std::error_code error;
  return fs::is_regular_file(path, error) && ::access(path.c_str(), X_OK) == 0;
}

// A file: URL for an absolute path, every byte but the unreserved ones and `/` percent-encoded
// (a site folder may be named in Chinese, or hold spaces).
std::string file_url(const fs::path& path) {
  std::string url = "file://";
  for (unsigned char c : path.string()) {
    bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
                 c == '_' || c == '~' || c == '/';
    if (plain) {
      url += static_cast<char>(c);
    } else {
      url += fmt::format("%{:02X}", c);
    }
  }
  return url;
}

// The end of the browser's output, from a line start, for an error message.
std::string output_tail(const std::string& output) {
  std::string_view tail = output;
  if (tail.size() > output_kept) {
    tail.remove_prefix(tail.size() - output_kept);
    if (auto newline = tail.find('\n'); newline != std::string_view::npos) tail.remove_prefix(newline + 1);
  }
  while (!tail.empty() && (tail.back() == '\n' || tail.back() == '\r' || tail.back() == ' ')) tail.remove_suffix(1);
  return std::string(tail);
}

bool starts_as_pdf(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  char magic[5] = {};
  return in.read(magic, sizeof magic) && std::string_view(magic, sizeof magic) == "%PDF-";
}

// A folder for the browser's profile, removed when this goes out of scope: the user's own
// Chromium profile is never touched, and two prints at once do not share one.
class temporary_folder {
 public:
  explicit temporary_folder(std::string& error) {
    std::error_code code;
    std::string pattern = (fs::temp_directory_path(code) / "rubric-chromium-XXXXXX").string();
    if (code) pattern = "/tmp/rubric-chromium-XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr) {
      error = std::strerror(errno);
      return;
    }
    path_ = pattern;
  }
  ~temporary_folder() {
    if (path_.empty()) return;
    std::error_code ignored;  // a browser process still ending may hold a file a moment longer
    fs::remove_all(path_, ignored);
  }
  temporary_folder(const temporary_folder&) = delete;
  temporary_folder& operator=(const temporary_folder&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

struct run_outcome {
  bool timed_out = false;
  int status = 0;      // from waitpid
  std::string output;  // standard output and error, interleaved
  std::string spawn_error;
};

// Runs `arguments` (no shell) in a process group of its own, standard input from /dev/null,
// standard output and error captured, stopping the whole group at the deadline.
run_outcome run_captured(const std::vector<std::string>& arguments, std::chrono::seconds timeout) {
  run_outcome outcome;
  int pipe_ends[2];
  if (::pipe2(pipe_ends, O_CLOEXEC) != 0) {
    outcome.spawn_error = std::strerror(errno);
    return outcome;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, pipe_ends[1], 1);
  posix_spawn_file_actions_adddup2(&actions, pipe_ends[1], 2);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t no_signals, default_signals;
  sigemptyset(&no_signals);
  sigemptyset(&default_signals);
  sigaddset(&default_signals, SIGPIPE);
  posix_spawnattr_setsigmask(&attributes, &no_signals);
  posix_spawnattr_setsigdefault(&attributes, &default_signals);
  posix_spawnattr_setpgroup(&attributes, 0);  // its own group: a timeout stops its children too
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

  std::vector<char*> argv;
  for (const auto& argument : arguments) argv.push_back(const_cast<char*>(argument.c_str()));
  argv.push_back(nullptr);
  pid_t pid = 0;
  int spawned = ::posix_spawn(&pid, argv[0], &actions, &attributes, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  ::close(pipe_ends[1]);
  if (spawned != 0) {
    ::close(pipe_ends[0]);
    outcome.spawn_error = std::strerror(spawned);
    return outcome;
  }

  auto deadline = clock::now() + timeout;
  // Read its output until it exits (not until the pipe closes: a helper it leaves behind may
  // hold the pipe open), then what is left in the pipe.
  char buffer[4096];
  bool exited = false, pipe_open = true;
  while (!exited) {
    if (clock::now() >= deadline) {
      outcome.timed_out = true;
      ::kill(-pid, SIGKILL);  // the whole group: the browser and the helpers it started
      ::waitpid(pid, &outcome.status, 0);
      break;
    }
    pollfd readable{pipe_ends[0], POLLIN, 0};
    if (::poll(&readable, pipe_open ? 1 : 0, 100) > 0) {
      ssize_t got = ::read(pipe_ends[0], buffer, sizeof buffer);
      if (got > 0) outcome.output.append(buffer, static_cast<std::size_t>(got));
      if (got == 0) pipe_open = false;  // every writer closed it: only the exit is left to wait for
      if (outcome.output.size() > 16 * output_kept) outcome.output.erase(0, outcome.output.size() - output_kept);
    }
    pid_t done = ::waitpid(pid, &outcome.status, WNOHANG);
    exited = done == pid || (done < 0 && errno != EINTR);
  }
  for (pollfd readable{pipe_ends[0], POLLIN, 0}; pipe_open && ::poll(&readable, 1, 0) > 0;) {
    ssize_t got = ::read(pipe_ends[0], buffer, sizeof buffer);
    if (got <= 0) break;
    outcome.output.append(buffer, static_cast<std::size_t>(got));
  }
  ::close(pipe_ends[0]);
  if (outcome.output.size() > output_kept) outcome.output.erase(0, outcome.output.size() - output_kept);
  return outcome;
}

}  // namespace

std::optional<fs::path> find_chromium() {
  const char* path_variable = std::getenv("PATH");
  std::string_view folders = path_variable ? path_variable : "/usr/bin:/bin";
  for (const char* name : {"chromium", "chromium-browser"}) {
    std::string_view rest = folders;
    while (true) {
      auto colon = rest.find(':');
      std::string_view folder = rest.substr(0, colon);
      if (!folder.empty()) {
        fs::path candidate = fs::path(std::string(folder)) / name;
        if (is_executable_file(candidate)) return candidate;
      }
      if (colon == std::string_view::npos) break;
      rest.remove_prefix(colon + 1);
    }
  }
  return std::nullopt;
}

std::optional<std::string> browser_missing() {
  if (find_chromium()) return std::nullopt;
  return i18n::tr("headless Chromium is not installed, so no PDF can be printed; install the Debian package `{}` "
                  "(sudo apt-get install {}), or publish without --pdf",
                  chromium_package, chromium_package);
}

std::optional<std::string> print_to_pdf(const fs::path& page, const fs::path& pdf, const pdf_options& options) {
  auto chromium = find_chromium();
  if (!chromium) return i18n::tr("`{}`: {}", pdf.string(), *browser_missing());
  std::string folder_error;
  temporary_folder profile(folder_error);
  if (profile.path().empty()) {
    return i18n::tr("`{}`: cannot make a temporary folder for the browser: {}", pdf.string(), folder_error);
  }
  std::error_code code;
  fs::path page_path = fs::absolute(page, code);
  fs::path target = fs::absolute(pdf, code);
  fs::path partial = target;
  partial += ".partial";
  fs::remove(partial, code);

  std::vector<std::string> arguments = {
      chromium->string(), "--headless=new", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
      "--disable-extensions", "--disable-background-networking", "--disable-sync", "--no-pdf-header-footer",
      "--user-data-dir=" + profile.path().string(), "--print-to-pdf=" + partial.string(), file_url(page_path)};
  // Chromium refuses to run as root with its sandbox; the page it opens is our own, with every
  // data value escaped and no script.
  if (::geteuid() == 0) arguments.insert(arguments.begin() + 1, "--no-sandbox");

  run_outcome outcome = run_captured(arguments, options.timeout);
  auto fail = [&](std::string message) {
    fs::remove(partial, code);
    return std::optional<std::string>(std::move(message));
  };
  if (!outcome.spawn_error.empty()) {
    return fail(i18n::tr("`{}`: cannot start the browser `{}`: {}", pdf.string(), chromium->string(), outcome.spawn_error));
  }
  if (outcome.timed_out) {
    return fail(i18n::tr("`{}`: the browser did not finish printing `{}` within {} seconds, and was stopped",
                         pdf.string(), page.string(), options.timeout.count()));
  }
  bool exited_cleanly = WIFEXITED(outcome.status) && WEXITSTATUS(outcome.status) == 0;
  if (!exited_cleanly) {
    std::string how = WIFEXITED(outcome.status) ? fmt::format("{}", WEXITSTATUS(outcome.status))
                                                 : i18n::tr("signal {}", WTERMSIG(outcome.status));
    return fail(i18n::tr("`{}`: the browser failed to print `{}` (exit status {}); it said:\n{}", pdf.string(),
                         page.string(), how, output_tail(outcome.output)));
  }
  if (!starts_as_pdf(partial)) {
    return fail(i18n::tr("`{}`: the browser wrote no PDF for `{}`; it said:\n{}", pdf.string(), page.string(),
                         output_tail(outcome.output)));
  }
  fs::rename(partial, target, code);
  if (code) return fail(i18n::tr("cannot write `{}`: {}", pdf.string(), code.message()));
  return std::nullopt;
}

printed_site print_site(const fs::path& folder, const std::vector<std::string>& periods, std::optional<int> year,
                        const pdf_options& options) {
  std::vector<std::pair<std::string, std::string>> pages;  // page, PDF
  if (year) {
    for (const auto& period : periods) pages.emplace_back(period + ".html", period + ".pdf");
    pages.emplace_back("index.html", std::to_string(*year) + ".pdf");
  } else if (!periods.empty()) {
    pages.emplace_back("index.html", periods.front() + ".pdf");
  }
  printed_site printed;
  for (const auto& [page, pdf] : pages) {
    printed.error = print_to_pdf(folder / page, folder / pdf, options);
    if (printed.error) break;
    printed.files.push_back(pdf);
  }
  return printed;
}

}  // namespace rubric::engine::publish
