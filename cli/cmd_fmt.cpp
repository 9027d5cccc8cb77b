#include <iostream>

#include "cli/atomic_write.hpp"
#include "cli/commands.hpp"
#include "lang/diag/render.hpp"
#include "lang/format.hpp"
#include "lang/parse.hpp"
#include "lang/i18n.hpp"

namespace rubric::cli {

std::function<int()> add_fmt(CLI::App& app) {
  struct options {
    std::vector<std::string> files;
    bool write = false, check = false;
  };
  auto opts = std::make_shared<options>();
  auto* cmd = app.add_subcommand("fmt", i18n::text("Print rubric files in canonical layout, keeping every comment"));
  cmd->add_option("files", opts->files, i18n::text("Rubric files (.rubric)"))->required()->check(CLI::ExistingFile);
  auto* write = cmd->add_flag("--write", opts->write,
                              i18n::text("Rewrite the files in place, atomically (a temporary file in the same folder, flushed, "
                                         "then renamed; permissions kept); on any write error the file is untouched and the "
                                         "exit status is 2"));
  cmd->add_flag("--check", opts->check, i18n::text("Change nothing; exit 1 and name the files that are not canonical"))->excludes(write);
  cmd->footer(i18n::text("Exit status: 0 done (with --check: all canonical); 1 a file is not canonical or cannot be parsed; 2 misuse, or a file or standard output cannot be read or written."));
  return [opts, cmd]() -> int {
    if (!cmd->parsed()) return -1;
    int status = ok;
    for (const auto& path : opts->files) {
      std::string error;
      auto text = lang::read_file_text(path, error);
      if (!text) {
        std::cerr << "rubric: " << error << "\n";
        return usage;
      }
      lang::source_file file(path, std::move(*text));
      auto parsed = lang::parse(file);
      if (!parsed.tree) {
        std::cerr << lang::render_text(parsed.diags);
        status = std::max<int>(status, findings);
        continue;
      }
      std::string formatted = lang::format(*parsed.tree, file);
      if (opts->check) {
        if (formatted != file.text()) {
          std::cout << path << "\n";
          status = std::max<int>(status, findings);
        }
      } else if (opts->write) {
        if (formatted == file.text()) continue;
        if (std::string write_error; !replace_file_atomically(path, formatted, write_error)) {
          std::cerr << "rubric: " << write_error << "\n";
          status = usage;
        }
      } else {
        std::cout << formatted;
      }
    }
    return status;
  };
}

}  // namespace rubric::cli
