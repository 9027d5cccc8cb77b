#include <algorithm>
#include <filesystem>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/serve/http_server.hpp"
#include "cli/serve/workbench.hpp"
#include "lang/i18n.hpp"
#include "lang/calendar.hpp"
#include "lang/load.hpp"

namespace rubric::cli {

std::function<int()> add_serve(CLI::App& app) {
  struct options {
    std::string rubric, units, people;
    std::vector<std::string> events;
    int year = 0;
    int port = 8080;
    std::string listen, token;
  };
  auto opts = std::make_shared<options>();
  auto* cmd = app.add_subcommand(
      "serve", i18n::text("Open the workbench in a web browser: edit a version with its problems shown as you type, see what a "
                          "draft changes and what it would have done to the recorded events, save it as a new version, and "
                          "read the latest scores"));
  cmd->add_option("--rubric", opts->rubric, i18n::text("Rubric folder of versions (*.rubric)"))->required()->check(CLI::ExistingDirectory);
  cmd->add_option("--units", opts->units, i18n::text("Unit roster: CSV or Excel workbook (.xlsx) with a `unit` (单元) column"));
  cmd->add_option("--people", opts->people,
                  i18n::text("People roster: CSV or Excel workbook (.xlsx) with `person`, `role`, `unit` (人员, 角色, 单元) columns"));
  cmd->add_option("--events", opts->events,
                  i18n::text("Event file, CSV, JSON Lines (.jsonl) or Excel workbook (.xlsx; FILE.xlsx#Sheet for one sheet); "
                             "repeat for several files, each once (the same file or content twice is refused); their "
                             "order and names never change a result"));
  cmd->add_option("--year", opts->year,
                  i18n::text("The year whose scores are shown and replayed; without it, the year of the latest version's "
                             "effective date"))
      ->check(CLI::Range(lang::first_supported_year, lang::last_supported_year));
  cmd->add_option("--port", opts->port, i18n::text("The port to listen on; 0 takes any free port (the port is printed)"))
      ->check(CLI::Range(0, 65535));
  auto* listen = cmd->add_option("--listen", opts->listen,
                                 i18n::text("Listen on this address instead of this computer only (127.0.0.1); needs --token"));
  auto* token = cmd->add_option("--token", opts->token,
                                i18n::text("With --listen: the secret every request must carry (at least 16 letters, digits or - _ . ~); the "
                                           "address to open is printed with it"));
  listen->needs(token);
  token->needs(listen);
  cmd->footer(i18n::text("The workbench reads only the rubric folder and the files named here, and writes only new version files "
                         "into the folder. Without --listen it answers this computer only. Stop it with Ctrl+C.\n"
                         "Exit status: 2 misuse, or the port cannot be opened."));
  return [opts, cmd]() -> int {
    if (!cmd->parsed()) return -1;
    bool with_data = !opts->units.empty() || !opts->people.empty() || !opts->events.empty();
    if (with_data && (opts->units.empty() || opts->people.empty() || opts->events.empty())) {
      std::cerr << i18n::text("rubric serve: give --units, --people and --events together, or none of them") << "\n";
      return usage;
    }
    if (!opts->listen.empty() && opts->token.size() < 16) {
      std::cerr << i18n::text("rubric serve: --token must be at least 16 characters") << "\n";
      return usage;
    }
    // The token travels in the page's address and inside the page itself: characters an address
    // or a page would have to escape are kept out of it.
    auto unreserved = [](char c) {
      return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_' ||
             c == '.' || c == '~';
    };
    if (!std::all_of(opts->token.begin(), opts->token.end(), unreserved)) {
      std::cerr << i18n::text("rubric serve: --token may hold only letters, digits and - _ . ~") << "\n";
      return usage;
    }
    engine::score_request data;
    data.units = opts->units;
    data.people = opts->people;
    data.events = opts->events;
    if (opts->year) {
      data.year = opts->year;
    } else {
      lang::rubric_folder folder = lang::load_rubric(opts->rubric);
      if (!folder.versions.empty()) data.year = folder.versions.back().effective().year;
    }
    serve::workbench bench(opts->rubric, data);
    // The page, and every message on it, in the rubric's language: the council reads it.
    i18n::set_language(bench.language() == "zh" ? i18n::language::zh : i18n::language::en);
    serve::server_options server;
    server.port = static_cast<std::uint16_t>(opts->port);
    if (!opts->listen.empty()) {
      server.address = opts->listen;
      server.token = opts->token;
      server.token_required_everywhere = true;
    } else {
      server.token = serve::random_token();
    }
    return serve::run_server(bench, server);
  };
}

}  // namespace rubric::cli
