// Keystroke speed of the editing core (lang/workspace.hpp, issue 14): how long one analysis —
// parse, check, index, as the language server and the workbench run after every change — takes on
// the shipped rubrics and on a generated 2,000-line rubric, and the queries an editor makes after
// it (hover, completion, formatting). Prints the median and the slowest of N rounds, in ms.
//
//   edit_bench [ROUNDS]        run from the source folder (reads rubrics/)
//   edit_bench --write-generated FILE [zh|en]   writes the generated 2,000-line rubric, for timing
//                              `rubric lsp` end to end (bench/lsp_latency.py)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "lang/check/checked.hpp"
#include "lang/i18n.hpp"
#include "lang/parse.hpp"
#include "lang/workspace.hpp"

namespace ws = rubric::lang::workspace;

namespace {

std::string read(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// The reference rubric's 2023-09 version with its rules repeated under new names (each copy a new
// area and rules `NAME_N` with the same bodies) until it has at least `lines` lines. Every copy
// is checked like the original: the rubric stays clean.
std::string grown(const std::string& base, std::size_t lines, bool chinese) {
  std::string rules_start = chinese ? "规则 邻里纠纷" : "rule neighbour_dispute";
  std::size_t begin = base.find(rules_start);
  std::size_t end = base.find(chinese ? "# ---- 一票否决" : "veto ", begin);
  if (begin == std::string::npos || end == std::string::npos) {
    std::fprintf(stderr, "edit_bench: the reference rubric changed shape\n");
    std::exit(2);
  }
  if (!chinese) end = base.rfind("# ----", end);
  std::string rules = base.substr(begin, end - begin);
  std::string extra;
  for (int copy = 1; std::count(base.begin(), base.end(), '\n') + std::count(extra.begin(), extra.end(), '\n') <
                     static_cast<long>(lines);
       ++copy) {
    std::string block = rules;
    // Rename every rule of the copy: `rule X "L"` → `rule X_n "L n"`; `规则 L（X）` → `规则 L_n（X_n）`.
    std::string out;
    std::istringstream in(block);
    for (std::string line; std::getline(in, line);) {
      if (!chinese && line.starts_with("rule ")) {
        auto space = line.find(' ', 5);
        auto quote_end = line.find('"', line.find('"') + 1);
        line = line.substr(0, space) + "_" + std::to_string(copy) + line.substr(space, quote_end - space) + " " +
               std::to_string(copy) + line.substr(quote_end);
      } else if (chinese && line.starts_with("规则 ")) {
        auto open = line.find("（"), close = line.find("）");
        line = line.substr(0, open) + "_" + std::to_string(copy) + "（" + line.substr(open + 3, close - open - 3) + "_" +
               std::to_string(copy) + line.substr(close);
      }
      out += line + "\n";
    }
    extra += out;
  }
  std::size_t insert_at = chinese ? base.find("# ---- 一票否决") : base.rfind("# ----", base.find("veto "));
  return base.substr(0, insert_at) + extra + base.substr(insert_at);
}

struct figures {
  double median = 0, slowest = 0;
};

figures time(int rounds, const std::function<void()>& work) {
  std::vector<double> ms;
  for (int i = 0; i < rounds; ++i) {
    auto start = std::chrono::steady_clock::now();
    work();
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(ms.begin(), ms.end());
  return {ms[ms.size() / 2], ms.back()};
}

void measure(const std::string& name, const std::string& path, const std::string& text,
             const std::vector<std::shared_ptr<const rubric::lang::source_file>>& siblings, int rounds) {
  auto analyse = [&] {
    ws::options opts;
    opts.path = path;
    opts.text = text;
    opts.siblings = siblings;
    return ws::analyse(std::move(opts));
  };
  ws::analysis once = analyse();
  std::size_t errors = std::count_if(once.diagnostics.begin(), once.diagnostics.end(),
                                     [](const auto& d) { return d.level == rubric::lang::severity::error; });
  if (errors > 0 || !once.checked) {
    std::fprintf(stderr, "edit_bench: %s does not check clean (%zu errors): %s\n", name.c_str(), errors,
                 once.diagnostics.empty() ? "" : once.diagnostics.front().message.c_str());
    std::exit(1);
  }
  auto lines = std::count(text.begin(), text.end(), '\n');
  figures analysis = time(rounds, [&] { analyse(); });
  // A keystroke that breaks the text: parse, check, index of a text with an error.
  std::string broken = text + "\nrule half \"x\" in hygiene\n  each ";
  figures broken_analysis = time(rounds, [&] {
    ws::options opts;
    opts.path = path;
    opts.text = broken;
    opts.siblings = siblings;
    ws::analyse(std::move(opts), &once);
  });
  ws::options broken_opts;
  broken_opts.path = path;
  broken_opts.text = broken;
  ws::analysis half_typed = ws::analyse(std::move(broken_opts), &once);
  // The parts of one analysis: parse alone, and parse + check (check_version parses again).
  rubric::lang::source_file file(path, text);
  figures parse = time(rounds, [&] { rubric::lang::parse(file); });
  auto shared = std::make_shared<const rubric::lang::source_file>(path, text);
  figures check = time(rounds, [&] { rubric::lang::check_version(shared); });
  auto middle = static_cast<std::uint32_t>(once.symbols[once.symbols.size() / 2].name_span.begin);
  figures hover = time(rounds, [&] { ws::hover(once, middle); });
  // Completion after `each ` on the half-typed line, from the carried symbols.
  auto end = static_cast<std::uint32_t>(broken.size());
  figures complete = time(rounds, [&] { ws::complete(half_typed, end); });
  figures format = time(rounds, [&] { ws::formatted(once); });
  std::printf("| %s | %ld | %zu | %zu | %.2f | %.2f | %.2f / %.2f | %.2f / %.2f | %.2f | %.3f | %.2f |\n", name.c_str(),
              lines, once.symbols.size(), once.references.size(), parse.median, check.median, analysis.median,
              analysis.slowest, broken_analysis.median, broken_analysis.slowest, hover.median, complete.median,
              format.median);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 3 && std::string(argv[1]) == "--write-generated") {
    bool chinese = argc < 4 || std::string(argv[3]) != "en";
    std::filesystem::path dir = chinese ? "rubrics/nanguo-xinjiayuan" : "rubrics/nanguo-xinjiayuan/en";
    std::ofstream(argv[2], std::ios::binary) << grown(read(dir / "2023-09.rubric"), 2000, chinese);
    return 0;
  }
  int rounds = argc > 1 ? std::atoi(argv[1]) : 50;
  if (rounds < 1) rounds = 1;
  rubric::i18n::set_language(rubric::i18n::language::en);
  std::filesystem::path folder = "rubrics/nanguo-xinjiayuan";
  std::printf("| rubric | lines | symbols | references | parse ms | check ms | analyse ms (median / slowest) | "
              "half-typed text ms | hover ms | completion ms | format ms |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
  for (const bool chinese : {true, false}) {
    std::filesystem::path dir = chinese ? folder : folder / "en";
    std::string april = read(dir / "2023-04.rubric"), september = read(dir / "2023-09.rubric");
    std::string surface = chinese ? "zh" : "en";
    measure(surface + " 2023-09 alone", (dir / "2023-09.rubric").string(), september, {}, rounds);
    measure(surface + " 2023-09 in its folder", (dir / "2023-09.rubric").string(), september,
            {std::make_shared<const rubric::lang::source_file>((dir / "2023-04.rubric").string(), april)}, rounds);
    std::string big = grown(september, 2000, chinese);
    measure(surface + " generated, 2,000 lines", "generated.rubric", big, {}, rounds);
  }
  // The other shipped rubrics, each version alone.
  for (const char* other : {"rubrics/heping-village", "rubrics/lanting-hoa", "rubrics/qingyuan-dorm"}) {
    if (!std::filesystem::is_directory(other)) continue;
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(other)) {
      if (entry.path().extension() == ".rubric") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) measure(file.string(), file.string(), read(file), {}, rounds);
  }
  return 0;
}
