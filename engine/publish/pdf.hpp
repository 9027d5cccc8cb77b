// A published page as PDF, printed by headless Chromium (Debian's `chromium`), which lays out
// Chinese text, the print stylesheet and the SVG charts exactly as a browser shows them: a PDF
// writer of our own would need its own layout and fonts. See docs/publish.md (`--pdf`).
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace rubric::engine::publish {

// The Debian package that provides the browser; named in the error when it is missing.
inline constexpr const char* chromium_package = "chromium";

// The browser's path: the first `chromium` (or `chromium-browser`, its name elsewhere) on PATH
// that is an executable file; nothing when there is none.
std::optional<std::filesystem::path> find_chromium();

// Nothing when the browser is installed; otherwise why no PDF can be printed, naming the package
// to install (translated). `--pdf` asks this before publishing anything.
std::optional<std::string> browser_missing();

struct pdf_options {
  // How long the browser may take before it is stopped (with every process it started).
  std::chrono::seconds timeout{120};
};

// Prints the HTML page `page` to `pdf` on the paper the page's print stylesheet asks for (@page),
// without the browser's header and footer. Chromium runs without a shell, in its own process
// group, with a temporary profile folder removed afterwards, its output captured. The PDF is
// written beside `pdf` under a temporary name and renamed into place, so that a failed or
// stopped print leaves no partial file. Returns nothing on success, else the reason for a person
// (translated): no browser installed (naming the package), the browser failed (with the end of
// what it printed), timed out, or wrote no PDF.
std::optional<std::string> print_to_pdf(const std::filesystem::path& page, const std::filesystem::path& pdf,
                                        const pdf_options& options = {});

// `rubric publish --pdf`: the pages of a published site that go on the notice board, each printed
// beside it under the name of its period — every bulletin (`index.html` when one period was
// published, `PERIOD.html` for each period of a year) as `PERIOD.pdf`, and the year page
// (`index.html` of a year) as `YEAR.pdf`. Stops at the first failure.
struct printed_site {
  std::vector<std::string> files;    // the PDFs written, relative to the site's folder
  std::optional<std::string> error;  // why the next one could not be printed
};
printed_site print_site(const std::filesystem::path& folder, const std::vector<std::string>& periods,
                        std::optional<int> year, const pdf_options& options = {});

}  // namespace rubric::engine::publish
