// The `rubric` command: a thin shell over the lang and engine libraries.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <functional>
#include <optional>
#include <regex>
#include <string_view>

#include "cli/commands.hpp"
#include "cli/version.hpp"
#include "lang/i18n.hpp"
#include "lang/source.hpp"

namespace {

// Results that never reached standard output (a full disk, a closed pipe, /dev/full) must not
// pass for success: every command's writes are checked here, once, after the last flush.
int checked_standard_output(int status) {
  std::cout.flush();
  int error = std::cout ? 0 : errno;  // errno still holds the failed write's reason
  if (std::fflush(stdout) != 0 && error == 0) error = errno;
  bool failed = !std::cout || std::ferror(stdout);
  if (!failed) return status;
  std::cerr << (error ? rubric::i18n::tr("rubric: cannot write to standard output: {}", std::strerror(error))
                     : rubric::i18n::text("rubric: cannot write to standard output"))
            << "\n";
  return rubric::cli::usage;
}

// The language of every message, chosen before the first one is made: the help texts are made
// when the options are declared, before CLI11 parses anything, so `--lang` is looked for here
// first (CLI11 then checks its value and shows it in --help). Without it, the environment.
rubric::i18n::language chosen_language(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string_view argument = argv[i];
    if (argument == "--") break;
    std::optional<rubric::i18n::language> named;
    if (argument == "--lang" && i + 1 < argc) named = rubric::i18n::language_named(argv[i + 1]);
    if (argument.starts_with("--lang=")) named = rubric::i18n::language_named(argument.substr(7));
    if (named) return *named;
  }
  return rubric::i18n::language_from_environment();
}

// CLI11 pads the help's left column by bytes (std::setw), so a Chinese name or label (three
// bytes, two columns a character) puts its description out of line: this pads by the columns a
// terminal shows, so every description starts at one column.
class display_width_formatter : public CLI::Formatter {
 public:
  std::string make_option(const CLI::Option* option, bool is_positional) const override {
    return two_columns(make_option_name(option, is_positional) + make_option_opts(option), make_option_desc(option));
  }
  std::string make_subcommand(const CLI::App* command) const override {
    return two_columns(command->get_display_name(true), command->get_description());
  }

 private:
  // As CLI11's detail::format_help, but measured in display columns.
  std::string two_columns(const std::string& name, const std::string& description) const {
    const std::size_t width = get_column_width();
    std::string out = "  " + name;
    std::size_t used = rubric::lang::display_width(out);
    if (!description.empty() && used >= width) {
      out += "\n";
      used = 0;
    }
    if (used < width) out.append(width - used, ' ');
    for (char c : description) {
      out += c;
      if (c == '\n') out.append(width, ' ');
    }
    return out + "\n";
  }
};

// CLI11's own words in the help text, in the chosen language.
void translate_help_labels(CLI::App& app) {
  using rubric::i18n::text;
  auto formatter = app.get_formatter();
  formatter->label("Usage", text("Usage"));
  formatter->label("OPTIONS", text("OPTIONS"));
  formatter->label("SUBCOMMAND", text("SUBCOMMAND"));
  formatter->label("SUBCOMMANDS", text("SUBCOMMANDS"));
  formatter->label("Positionals", text("Positionals"));
  formatter->label("REQUIRED", text("REQUIRED"));
  formatter->label("Env", text("Env"));
  formatter->label("Needs", text("Needs"));
  formatter->label("Excludes", text("Excludes"));
  app.option_defaults()->group(text("Options"));  // inherited by the subcommands made after this
}

// CLI11's errors, in Chinese: its sentences are recognised by their fixed words and said again
// in the chosen language; any other is shown as CLI11 wrote it. English keeps CLI11's own text.
std::string translated_failure(const CLI::App* app, const CLI::Error& e) {
  using rubric::i18n::tr;
  static const std::vector<std::pair<std::regex, std::function<std::string(const std::smatch&)>>> known = {
      {std::regex("A subcommand is required"), [](const std::smatch&) { return rubric::i18n::text("A subcommand is required"); }},
      {std::regex("(.+) is required"), [](const std::smatch& m) { return tr("{} is required", m.str(1)); }},
      {std::regex("The following arguments? (?:was|were) not expected: (.+)"),
       [](const std::smatch& m) { return tr("These arguments were not expected: {}", m.str(1)); }},
      {std::regex("(.+) excludes (.+)"), [](const std::smatch& m) { return tr("{} cannot be used with {}", m.str(1), m.str(2)); }},
      {std::regex("(.+): (.+) not in (\\{.*\\})"),
       [](const std::smatch& m) { return tr("{}: `{}` is not one of {}", m.str(1), m.str(2), m.str(3)); }},
      {std::regex("(.+): File does not exist: (.+)"),
       [](const std::smatch& m) { return tr("{}: the file `{}` does not exist", m.str(1), m.str(2)); }},
      {std::regex("(.+): Directory does not exist: (.+)"),
       [](const std::smatch& m) { return tr("{}: the folder `{}` does not exist", m.str(1), m.str(2)); }},
      {std::regex("(.+): \\d+ required .* missing"), [](const std::smatch& m) { return tr("{}: a value is missing", m.str(1)); }},
  };
  std::string what = e.what();
  std::string message = what;
  std::smatch match;
  for (const auto& [pattern, say] : known) {
    if (std::regex_match(what, match, pattern)) {
      message = say(match);
      break;
    }
  }
  std::string out = message + "\n";
  if (app->get_help_ptr()) out += tr("Run with {} for more information.", app->get_help_ptr()->get_name()) + "\n";
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  using rubric::i18n::text;
  rubric::i18n::set_language(chosen_language(argc, argv));
  // Named, not taken from argv[0], so help and the manual page say `rubric` however it was run.
  CLI::App app{text("rubric: check community rubrics and score recorded events against them"), "rubric"};
  app.require_subcommand(1);
  app.formatter(std::make_shared<display_width_formatter>());  // before the labels and the subcommands, which share it
  translate_help_labels(app);  // first: the help flag takes its group from the option defaults
  app.set_help_flag("-h,--help", text("Print this help message and exit"));
  app.set_version_flag("--version", rubric::cli::version_text, text("Print the version and the git commit it was built from, and exit"));
  app.footer(text("Every command exits 2 when it cannot write its output (standard output, or a file it writes)."));
  if (rubric::i18n::current_language() != rubric::i18n::language::en) app.failure_message(translated_failure);
  std::vector<std::function<int()>> actions = {rubric::cli::add_check(app), rubric::cli::add_score(app),
                                               rubric::cli::add_explain(app), rubric::cli::add_fmt(app),
                                               rubric::cli::add_diff(app), rubric::cli::add_impact(app),
                                               rubric::cli::add_test(app)};
  actions.push_back(rubric::cli::add_template(app));
  actions.push_back(rubric::cli::add_publish(app));
  actions.push_back(rubric::cli::add_verify(app));
  actions.push_back(rubric::cli::add_serve(app));

  actions.push_back(rubric::cli::add_lsp(app));
  // `--lang` on every command, so that it can be written anywhere on the line.
  std::string lang_option;
  auto add_lang_option = [&](CLI::App& command) {
    command.add_option("--lang", lang_option,
                       text("The language of messages: zh (Chinese) or en (English); without it, from LC_ALL, "
                            "LC_MESSAGES or LANG"))
        ->check(CLI::IsMember({"zh", "en"}));
  };
  add_lang_option(app);
  for (CLI::App* command : app.get_subcommands({})) {
    command->group(text("Subcommands"));
    if (CLI::Option* help = command->get_help_ptr()) help->group(text("Options"));  // made before the defaults
    add_lang_option(*command);
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return checked_standard_output(code == 0 ? 0 : rubric::cli::usage);
  }
  for (auto& action : actions) {
    if (int code = action(); code >= 0) return checked_standard_output(code);
  }
  return checked_standard_output(rubric::cli::usage);
}
