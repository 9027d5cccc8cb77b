// Printing a page to PDF through the browser: found on PATH or a clear error naming the package;
// a browser that hangs is stopped at the timeout; one that fails is quoted; a PDF is only ever
// put in place whole. Stand-in browsers (shell scripts named `chromium` on a PATH of our own)
// take the real one's place here; tests/browser/ prints with the real one.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include <sys/stat.h>
#include <unistd.h>

#include "engine/publish/pdf.hpp"
#include "lang/i18n.hpp"

namespace fs = std::filesystem;
using rubric::engine::publish::print_to_pdf;

namespace {

// A scratch folder with a `bin/` to put on PATH, removed at the end of the test.
struct scratch {
  fs::path root;
  scratch() {
    std::string pattern = (fs::temp_directory_path() / "rubric-pdf-test-XXXXXX").string();
    root = ::mkdtemp(pattern.data());
    fs::create_directories(root / "bin");
  }
  ~scratch() {
    std::error_code ignored;
    fs::remove_all(root, ignored);
  }
  void browser(const std::string& script) {
    fs::path path = root / "bin" / "chromium";
    std::ofstream(path) << "#!/bin/sh\n" << script << "\n";
    fs::permissions(path, fs::perms::owner_all);
  }
  fs::path page() {
    fs::path folder = root / "公示 site";
    fs::create_directories(folder);
    std::ofstream(folder / "index.html") << "<!doctype html><title>x</title>";
    return folder / "index.html";
  }
};

// PATH set for one test, put back afterwards.
struct path_variable {
  std::string saved;
  explicit path_variable(const std::string& value) {
    saved = std::getenv("PATH") ? std::getenv("PATH") : "";
    ::setenv("PATH", value.c_str(), 1);
  }
  ~path_variable() { ::setenv("PATH", saved.c_str(), 1); }
};

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("no browser on PATH: the error names the Debian package", "[publish][pdf]") {
  rubric::i18n::set_language(rubric::i18n::language::en);
  scratch dir;
  path_variable path((dir.root / "bin").string());
  auto error = print_to_pdf(dir.page(), dir.root / "bulletin.pdf");
  REQUIRE(error);
  CHECK(error->find("Chromium is not installed") != std::string::npos);
  CHECK(error->find("`chromium`") != std::string::npos);
  CHECK_FALSE(fs::exists(dir.root / "bulletin.pdf"));
}

TEST_CASE("the browser prints the page, by a file URL, without header and footer", "[publish][pdf]") {
  rubric::i18n::set_language(rubric::i18n::language::en);
  scratch dir;
  // It writes its arguments into the PDF it was asked for, after the PDF signature.
  dir.browser(R"(for a in "$@"; do case "$a" in --print-to-pdf=*) out="${a#--print-to-pdf=}";; esac; done
{ printf '%%PDF-1.4\n'; printf '%s\n' "$@"; } > "$out")");
  path_variable path((dir.root / "bin").string());
  auto error = print_to_pdf(dir.page(), dir.root / "bulletin.pdf");
  REQUIRE_FALSE(error);
  std::string pdf = read(dir.root / "bulletin.pdf");
  CHECK(pdf.rfind("%PDF-1.4\n", 0) == 0);
  CHECK(pdf.find("--headless=new\n") != std::string::npos);
  CHECK(pdf.find("--no-pdf-header-footer\n") != std::string::npos);
  CHECK(pdf.find("--user-data-dir=") != std::string::npos);
  // The folder "公示 site" percent-encoded in the URL (UTF-8 bytes, the space as %20).
  CHECK(pdf.find("/%E5%85%AC%E7%A4%BA%20site/index.html\n") != std::string::npos);
  CHECK_FALSE(fs::exists(dir.root / "bulletin.pdf.partial"));
}

TEST_CASE("a browser that fails is quoted, and leaves no file", "[publish][pdf]") {
  rubric::i18n::set_language(rubric::i18n::language::en);
  scratch dir;
  dir.browser(R"(for a in "$@"; do case "$a" in --print-to-pdf=*) out="${a#--print-to-pdf=}";; esac; done
printf '%%PDF-half' > "$out"; echo "No usable sandbox!" >&2; exit 3)");
  path_variable path((dir.root / "bin").string());
  auto error = print_to_pdf(dir.page(), dir.root / "bulletin.pdf");
  REQUIRE(error);
  CHECK(error->find("exit status 3") != std::string::npos);
  CHECK(error->find("No usable sandbox!") != std::string::npos);
  CHECK_FALSE(fs::exists(dir.root / "bulletin.pdf"));
  CHECK_FALSE(fs::exists(dir.root / "bulletin.pdf.partial"));
}

TEST_CASE("a browser that writes something else than a PDF is an error", "[publish][pdf]") {
  rubric::i18n::set_language(rubric::i18n::language::en);
  scratch dir;
  dir.browser(R"(for a in "$@"; do case "$a" in --print-to-pdf=*) out="${a#--print-to-pdf=}";; esac; done
echo '<html>' > "$out")");
  path_variable path((dir.root / "bin").string());
  auto error = print_to_pdf(dir.page(), dir.root / "bulletin.pdf");
  REQUIRE(error);
  CHECK(error->find("wrote no PDF") != std::string::npos);
  CHECK_FALSE(fs::exists(dir.root / "bulletin.pdf"));
}

TEST_CASE("a browser that hangs is stopped at the timeout, with what it started", "[publish][pdf]") {
  rubric::i18n::set_language(rubric::i18n::language::en);
  scratch dir;
  // A helper in the background that would outlive it, holding its output open, then a hang.
  dir.browser("sleep 60 & echo $! > '" + (dir.root / "helper.pid").string() + "'; exec sleep 60");
  path_variable path((dir.root / "bin").string() + ":/usr/bin:/bin");
  auto start = std::chrono::steady_clock::now();
  auto error = print_to_pdf(dir.page(), dir.root / "bulletin.pdf", {std::chrono::seconds(1)});
  auto took = std::chrono::steady_clock::now() - start;
  REQUIRE(error);
  CHECK(error->find("within 1 seconds") != std::string::npos);
  CHECK(took < std::chrono::seconds(10));
  // The helper was stopped too: its process is gone (or a zombie no longer running) within a
  // moment, the time the kernel takes to deliver the signal; it would otherwise sleep a minute.
  pid_t helper = std::stoi(read(dir.root / "helper.pid"));
  auto stopped = [&] {
    std::string state = read("/proc/" + std::to_string(helper) + "/stat");
    return state.empty() || state.find(") Z ") != std::string::npos;
  };
  for (int i = 0; i < 100 && !stopped(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  CHECK(stopped());
}

TEST_CASE("a helper left behind does not keep the print waiting", "[publish][pdf]") {
  rubric::i18n::set_language(rubric::i18n::language::en);
  scratch dir;
  dir.browser(R"(for a in "$@"; do case "$a" in --print-to-pdf=*) out="${a#--print-to-pdf=}";; esac; done
printf '%%PDF-1.4\n' > "$out"; sleep 15 & exit 0)");
  path_variable path((dir.root / "bin").string() + ":/usr/bin:/bin");
  auto start = std::chrono::steady_clock::now();
  auto error = print_to_pdf(dir.page(), dir.root / "bulletin.pdf", {std::chrono::seconds(20)});
  CHECK_FALSE(error);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(10));
  CHECK(fs::exists(dir.root / "bulletin.pdf"));
}
