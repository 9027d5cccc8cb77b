// `rubric lsp`: a language server (LSP 3.17, JSON-RPC 2.0 over standard input and output with
// Content-Length framing) on the editing core, lang/workspace.hpp. This file only speaks the
// protocol: every answer comes from the core. See docs/editors.md.
#include <cctype>
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "lang/i18n.hpp"
#include "lang/workspace.hpp"

namespace rubric::cli {

namespace {

namespace ws = lang::workspace;
using json = nlohmann::json;

// Bounds on what a client may send: a header line, the number of header lines, a message body
// (a rubric is at most 64 MiB, lang/parse.hpp; a message holds one and some JSON) and how deeply
// its JSON nests (nothing in LSP nests deeper than a few levels).
constexpr std::size_t max_header_line = 1024;
constexpr std::size_t max_header_lines = 16;
constexpr std::size_t max_body_bytes = 80u << 20;
constexpr std::size_t max_nesting = 64;

// JSON-RPC and LSP error codes.
enum error_code : int {
  parse_error = -32700,
  invalid_request = -32600,
  method_not_found = -32601,
  invalid_params = -32602,
  internal_error = -32603,
  server_not_initialized = -32002,
  request_failed = -32803,
};

// nlohmann's messages start with its own tag ("[json.exception.out_of_range.403] key 'uri' not
// found"): the client's log shows what was wrong, not where in the library it was noticed.
std::string without_library_prefix(std::string_view what) {
  if (what.starts_with("[json.exception.")) {
    if (auto close = what.find("] "); close != std::string_view::npos) what.remove_prefix(close + 2);
  }
  return std::string(what);
}

struct rpc_error {
  int code;
  std::string message;
};

// One framed message from standard input: its body, or what was wrong with its header.
struct framed {
  std::optional<std::string> body;
  std::string error;  // set when the header was bad; the body (if any) was skipped
  bool end = false;   // standard input is closed
};

class stdio_channel {
 public:
  framed read() {
    framed out;
    std::optional<std::size_t> length;
    std::size_t lines = 0;
    bool bad = false;
    for (;;) {
      std::string line;
      bool too_long = false;
      int c;
      while ((c = std::cin.get()) != EOF && c != '\n') {
        if (line.size() < max_header_line) line.push_back(static_cast<char>(c));
        else too_long = true;
      }
      if (c == EOF) {
        out.end = true;
        return out;
      }
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.empty() && lines == 0 && !bad) continue;  // stray line breaks between messages
      if (line.empty()) break;
      ++lines;
      if (too_long || lines > max_header_lines) {
        bad = true;
        out.error = "header line too long or too many header lines";
        continue;
      }
      auto colon = line.find(':');
      auto is_header_name = [&](std::size_t end) {
        if (end == 0 || end == std::string::npos) return false;
        for (std::size_t i = 0; i < end; ++i) {
          auto ch = static_cast<unsigned char>(line[i]);
          if (!std::isalnum(ch) && ch != '-') return false;
        }
        return true;
      };
      if (!is_header_name(colon)) {
        // A header glued to the end of what came before (a body shorter than its Content-Length
        // said): read from the header on.
        if (auto glued = line.find("Content-Length:"); glued != std::string::npos && glued > 0) {
          line.erase(0, glued);
          colon = line.find(':');
        }
      }
      if (!is_header_name(colon)) {
        // Not a header line: bytes between messages, or the body of a message whose header was
        // lost. Reading on as if it were a header would take the next message's header for this
        // one's and stay out of step for good; starting a new header at the next line costs at
        // most the message these bytes belong to.
        std::cerr << "rubric lsp: skipped a line that is not a message header\n";
        lines = 0;
        length.reset();
        bad = false;
        out.error.clear();
        continue;
      }
      std::string name = line.substr(0, colon);
      std::string value = line.substr(colon + 1);
      value.erase(0, value.find_first_not_of(" \t"));
      value.erase(value.find_last_not_of(" \t") + 1);
      for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      if (name == "content-length") {
        if (value.empty() || value.size() > 12 || value.find_first_not_of("0123456789") != std::string::npos) {
          bad = true;
          out.error = "Content-Length is not a number";
          continue;
        }
        std::size_t given = std::stoull(value);
        if (length && *length != given) {
          bad = true;
          out.error = "two different Content-Length headers";
          continue;
        }
        length = given;
      }
    }
    if (bad) return out;
    if (!length) {
      out.error = "a message without Content-Length";
      return out;
    }
    if (*length > max_body_bytes) {
      // Read past it, a piece at a time, so that the next message is found and memory stays flat.
      char buffer[65536];
      for (std::size_t left = *length; left > 0 && std::cin;) {
        std::size_t piece = std::min(left, sizeof buffer);
        std::cin.read(buffer, static_cast<std::streamsize>(piece));
        left -= static_cast<std::size_t>(std::cin.gcount());
      }
      out.error = "message too large: " + std::to_string(*length) + " bytes, at most " + std::to_string(max_body_bytes);
      return out;
    }
    std::string body(*length, '\0');
    std::cin.read(body.data(), static_cast<std::streamsize>(*length));
    if (static_cast<std::size_t>(std::cin.gcount()) != *length) {
      out.end = true;
      return out;
    }
    out.body = std::move(body);
    return out;
  }

  void write(const json& message) {
    // Invalid UTF-8 from a document is replaced, never a reason to fail.
    std::string body = message.dump(-1, ' ', false, json::error_handler_t::replace);
    std::cout << "Content-Length: " << body.size() << "\r\n\r\n" << body;
    std::cout.flush();
  }
};

// How deeply `text`'s JSON nests, strings skipped; stops counting past the bound.
std::size_t nesting(std::string_view text) {
  std::size_t depth = 0, deepest = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    else if (c == '[' || c == '{') deepest = std::max(deepest, ++depth);
    else if ((c == ']' || c == '}') && depth > 0) --depth;
    if (deepest > max_nesting) break;
  }
  return deepest;
}

// file:///a/b%20c.rubric → /a/b c.rubric; other schemes have no path on disk.
std::optional<std::string> path_of(const std::string& uri) {
  constexpr std::string_view scheme = "file://";
  if (!uri.starts_with(scheme)) return std::nullopt;
  std::string path;
  std::string_view rest = std::string_view(uri).substr(scheme.size());
  if (!rest.starts_with("/")) rest = rest.substr(std::min(rest.find('/'), rest.size()));  // a host: file://localhost/…
  for (std::size_t i = 0; i < rest.size(); ++i) {
    if (rest[i] == '%' && i + 2 < rest.size() && std::isxdigit(static_cast<unsigned char>(rest[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(rest[i + 2]))) {
      path.push_back(static_cast<char>(std::stoi(std::string(rest.substr(i + 1, 2)), nullptr, 16)));
      i += 2;
    } else {
      path.push_back(rest[i]);
    }
  }
  return path;
}

json to_json(const ws::position& p) { return {{"line", p.line}, {"character", p.character}}; }
json to_json(const ws::range& r) { return {{"start", to_json(r.start)}, {"end", to_json(r.end)}}; }
ws::position position_of(const json& p) {
  return {p.at("line").get<std::uint32_t>(), p.at("character").get<std::uint32_t>()};
}
ws::range range_of(const json& r) { return {position_of(r.at("start")), position_of(r.at("end"))}; }

struct document {
  std::string uri;
  std::string text;
  std::int64_t version = 0;
  ws::analysis analysed;
};

class server {
 public:
  explicit server(std::optional<i18n::language> messages) : messages_(messages) {}

  int run() {
    for (;;) {
      framed message = channel_.read();
      if (message.end) return shutdown_ ? ok : findings;
      if (!message.body) {
        reply_error(nullptr, {invalid_request, message.error});
        continue;
      }
      if (nesting(*message.body) > max_nesting) {
        reply_error(nullptr, {invalid_request, "message nests too deeply"});
        continue;
      }
      json request = json::parse(*message.body, nullptr, false);
      if (request.is_discarded()) {
        reply_error(nullptr, {parse_error, "the message is not JSON"});
        continue;
      }
      // A response from the client (to a request this server never sends) has an id and a result
      // or an error but no method: answering it would start a ping-pong with the client.
      if (request.is_object() && !request.contains("method") && request.contains("id") &&
          (request.contains("result") || request.contains("error"))) {
        continue;
      }
      if (!request.is_object() || !request.contains("method") || !request["method"].is_string()) {
        json id = request.is_object() && request.contains("id") ? request["id"] : json(nullptr);
        reply_error(id, {invalid_request, "a request needs a method"});
        continue;
      }
      std::string method = request["method"];
      if (method == "exit") return shutdown_ ? ok : findings;
      dispatch(request, method);
    }
  }

 private:
  void reply(const json& id, json result) { channel_.write({{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}}); }
  void reply_error(const json& id, const rpc_error& e) {
    channel_.write({{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", e.code}, {"message", e.message}}}});
  }
  void notify(const std::string& method, json params) {
    channel_.write({{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}});
  }

  void dispatch(const json& request, const std::string& method) {
    const bool is_request = request.contains("id");
    json id = is_request ? request["id"] : json(nullptr);
    if (is_request && !(id.is_number_integer() || id.is_string())) {
      reply_error(nullptr, {invalid_request, "a request's id is a number or a string"});
      return;
    }
    json params = request.contains("params") ? request["params"] : json::object();
    try {
      if (method == "initialize") {
        if (initialized_) {
          if (is_request) reply_error(id, {invalid_request, "the server is already initialized"});
          return;
        }
        initialized_ = true;
        reply(id, capabilities());
        return;
      }
      if (!initialized_) {
        if (is_request) reply_error(id, {server_not_initialized, "initialize first"});
        return;
      }
      if (shutdown_) {
        if (is_request) reply_error(id, {invalid_request, "the server is shutting down"});
        return;
      }
      if (method == "shutdown") {
        shutdown_ = true;
        reply(id, nullptr);
      } else if (method == "initialized" || method == "$/setTrace" || method == "workspace/didChangeConfiguration") {
      } else if (method == "textDocument/didOpen") {
        const json& doc = params.at("textDocument");
        opened(doc.at("uri").get<std::string>(), doc.at("text").get<std::string>(), doc.value("version", 0));
      } else if (method == "textDocument/didChange") {
        changed(params);
      } else if (method == "textDocument/didClose") {
        std::string uri = params.at("textDocument").at("uri");
        documents_.erase(uri);
        notify("textDocument/publishDiagnostics", {{"uri", uri}, {"diagnostics", json::array()}});
      } else if (method == "textDocument/didSave") {
      } else if (is_request) {
        answer(id, method, params);
      } else if (!method.starts_with("$/")) {
        // A notification this server does not know is ignored, as JSON-RPC asks.
      }
    } catch (const rpc_error& e) {
      if (is_request) reply_error(id, e);
    } catch (const json::exception& e) {
      if (is_request) reply_error(id, {invalid_params, std::string("invalid params: ") + without_library_prefix(e.what())});
    } catch (const std::exception& e) {
      if (is_request) reply_error(id, {internal_error, e.what()});
    }
  }

  static json capabilities() {
    return {{"capabilities",
             {{"positionEncoding", "utf-16"},
              {"textDocumentSync", {{"openClose", true}, {"change", 2}}},  // 2: incremental
              {"hoverProvider", true},
              {"completionProvider", {{"triggerCharacters", json::array({" ", "、", "（", "("})}}},
              {"definitionProvider", true},
              {"referencesProvider", true},
              {"renameProvider", true},
              {"documentFormattingProvider", true},
              {"documentSymbolProvider", true}}},
            {"serverInfo", {{"name", "rubric"}}}};
  }

  document& find(const json& params) {
    std::string uri = params.at("textDocument").at("uri");
    auto found = documents_.find(uri);
    if (found == documents_.end()) throw rpc_error{invalid_params, "the document is not open: " + uri};
    return found->second;
  }

  // The other versions of the document's folder: open documents as they are in the editor, the
  // rest as they are on disk. Only for a file:// document in a folder of several *.rubric files.
  std::vector<std::shared_ptr<const lang::source_file>> siblings(const std::string& uri) {
    std::vector<std::shared_ptr<const lang::source_file>> out;
    auto path = path_of(uri);
    if (!path) return out;
    std::error_code error;
    std::filesystem::path folder = std::filesystem::path(*path).parent_path();
    if (folder.empty() || !std::filesystem::is_directory(folder, error)) return out;
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
      if (entry.path().extension() == ".rubric" && entry.path() != std::filesystem::path(*path)) files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
      std::string file_uri;
      for (const auto& [open_uri, doc] : documents_) {
        if (path_of(open_uri) == file.string()) file_uri = open_uri;
      }
      if (!file_uri.empty()) {
        out.push_back(std::make_shared<const lang::source_file>(file.string(), documents_[file_uri].text));
        continue;
      }
      std::string read_error;
      if (auto text = lang::read_file_text(file.string(), read_error)) {
        out.push_back(std::make_shared<const lang::source_file>(file.string(), std::move(*text)));
      }
    }
    return out;
  }

  void analyse(document& doc) {
    ws::options opts;
    opts.path = path_of(doc.uri).value_or(doc.uri);
    opts.text = doc.text;
    opts.siblings = siblings(doc.uri);
    opts.messages = messages_;
    doc.analysed = ws::analyse(std::move(opts), doc.analysed.file ? &doc.analysed : nullptr);
    json list = json::array();
    for (const auto& d : doc.analysed.diagnostics) {
      std::string message = d.message;
      {
        // The words around the hint in the analysis' language, as `rubric check` prints them.
        i18n::language previous = i18n::current_language();
        i18n::set_language(doc.analysed.messages);
        const char* colon = doc.analysed.messages == i18n::language::zh ? "：" : ": ";
        auto add_line = [&](const std::string& heading, const std::string& body) {
          message.append("\n").append(heading).append(colon).append(body);
        };
        for (const auto& note : d.notes) add_line(i18n::text("note"), note);
        if (!d.help.empty()) add_line(i18n::text("help"), d.help);
        i18n::set_language(previous);
      }
      int level = d.level == lang::severity::error ? 1 : d.level == lang::severity::warning ? 2 : 3;
      list.push_back({{"range", to_json(d.where)}, {"severity", level}, {"code", d.code}, {"source", "rubric"}, {"message", message}});
    }
    notify("textDocument/publishDiagnostics", {{"uri", doc.uri}, {"version", doc.version}, {"diagnostics", std::move(list)}});
  }

  void opened(const std::string& uri, std::string text, std::int64_t version) {
    document& doc = documents_[uri];
    doc.uri = uri;
    doc.text = std::move(text);
    doc.version = version;
    analyse(doc);
  }

  void changed(const json& params) {
    document& doc = find(params);
    for (const auto& change : params.at("contentChanges")) {
      std::string replacement = change.at("text");
      if (change.contains("range")) {
        ws::apply_change(doc.text, range_of(change.at("range")), replacement);
      } else {
        doc.text = std::move(replacement);
      }
      if (doc.text.size() > max_body_bytes) throw rpc_error{invalid_params, "the document is too large"};
    }
    doc.version = params.at("textDocument").value("version", doc.version + 1);
    analyse(doc);
  }

  std::uint32_t offset_of(const document& doc, const json& params) {
    return ws::text_positions(doc.text).offset(position_of(params.at("position")));
  }

  json location(const document& doc, lang::span where) {
    return {{"uri", doc.uri}, {"range", to_json(ws::text_positions(doc.text).of(where))}};
  }

  static int completion_item_kind(ws::completion_kind kind) {
    switch (kind) {
      case ws::completion_kind::keyword: return 14;
      case ws::completion_kind::kind: return 7;         // Class
      case ws::completion_kind::attribute: return 5;    // Field
      case ws::completion_kind::choice: return 20;      // EnumMember
      case ws::completion_kind::area: return 9;         // Module
      case ws::completion_kind::distinction: return 21; // Constant
      case ws::completion_kind::grade: return 20;
      case ws::completion_kind::role: return 21;
    }
    return 1;
  }

  static int symbol_kind(ws::symbol_sort sort) {
    switch (sort) {
      case ws::symbol_sort::kind: return 5;           // Class
      case ws::symbol_sort::attribute:
      case ws::symbol_sort::roster_column: return 8;  // Field
      case ws::symbol_sort::choice: return 22;        // EnumMember
      case ws::symbol_sort::area: return 3;           // Namespace
      case ws::symbol_sort::role: return 14;          // Constant
      case ws::symbol_sort::rule: return 12;          // Function
      case ws::symbol_sort::veto: return 24;          // Event
      case ws::symbol_sort::distinction: return 14;
      case ws::symbol_sort::grade: return 22;
    }
    return 13;
  }

  void answer(const json& id, const std::string& method, const json& params) {
    if (method == "textDocument/hover") {
      document& doc = find(params);
      std::uint32_t at = offset_of(doc, params);
      std::string words = ws::hover(doc.analysed, at);
      if (words.empty()) return reply(id, nullptr);
      json result = {{"contents", {{"kind", "plaintext"}, {"value", words}}}};
      if (auto where = ws::name_span_at(doc.analysed, at)) result["range"] = to_json(ws::text_positions(doc.text).of(*where));
      return reply(id, result);
    }
    if (method == "textDocument/completion") {
      document& doc = find(params);
      json items = json::array();
      auto candidates = ws::complete(doc.analysed, offset_of(doc, params));
      // A space typed after a word that names nothing in particular is no reason to pop up every
      // keyword: only an explicit request (Ctrl+Space) lists them.
      bool typed_trigger = params.contains("context") && params["context"].value("triggerKind", 1) == 2;
      if (typed_trigger && std::all_of(candidates.begin(), candidates.end(),
                                       [](const auto& c) { return c.kind == ws::completion_kind::keyword; })) {
        candidates.clear();
      }
      for (const auto& c : candidates) {
        json item = {{"label", c.text}, {"kind", completion_item_kind(c.kind)}};
        if (!c.detail.empty()) item["detail"] = c.detail;
        items.push_back(std::move(item));
      }
      return reply(id, {{"isIncomplete", false}, {"items", std::move(items)}});
    }
    if (method == "textDocument/definition") {
      document& doc = find(params);
      auto found = ws::symbol_at(doc.analysed, offset_of(doc, params));
      if (!found) return reply(id, nullptr);
      return reply(id, location(doc, doc.analysed.symbols[*found].name_span));
    }
    if (method == "textDocument/references") {
      document& doc = find(params);
      auto found = ws::symbol_at(doc.analysed, offset_of(doc, params));
      json list = json::array();
      if (found) {
        bool declaration = params.contains("context") && params["context"].value("includeDeclaration", false);
        if (declaration) list.push_back(location(doc, doc.analysed.symbols[*found].name_span));
        for (const auto& r : doc.analysed.references) {
          if (r.symbol == *found) list.push_back(location(doc, r.where));
        }
      }
      return reply(id, list);
    }
    if (method == "textDocument/rename") {
      document& doc = find(params);
      auto result = ws::rename(doc.analysed, offset_of(doc, params), params.at("newName").get<std::string>());
      if (!result.error.empty()) throw rpc_error{request_failed, result.error};
      json edits = json::array();
      ws::text_positions positions(doc.text);
      for (const auto& e : result.edits) edits.push_back({{"range", to_json(positions.of(e.bytes))}, {"newText", e.replacement}});
      return reply(id, {{"changes", {{doc.uri, std::move(edits)}}}});
    }
    if (method == "textDocument/formatting") {
      document& doc = find(params);
      auto text = ws::formatted(doc.analysed);
      if (!text) {
        i18n::language previous = i18n::current_language();
        i18n::set_language(doc.analysed.messages);
        std::string message = i18n::text("the rubric cannot be formatted until its syntax errors are fixed");
        i18n::set_language(previous);
        throw rpc_error{request_failed, message};
      }
      if (*text == doc.text) return reply(id, json::array());
      ws::text_positions positions(doc.text);
      ws::range whole{{0, 0}, positions.at(static_cast<std::uint32_t>(doc.text.size()))};
      return reply(id, json::array({{{"range", to_json(whole)}, {"newText", *text}}}));
    }
    if (method == "textDocument/documentSymbol") {
      document& doc = find(params);
      const auto& a = doc.analysed;
      ws::text_positions positions(doc.text);
      std::vector<json> made(a.symbols.size());
      i18n::language previous = i18n::current_language();
      i18n::set_language(a.messages);
      auto shown = [&](const ws::symbol& s) {
        bool by_label = a.written_in == lang::ast::surface::zh && !s.label.empty();
        return by_label ? s.label : s.name;
      };
      // Children before parents: a parent's index is always smaller (declared first).
      for (std::size_t i = a.symbols.size(); i-- > 0;) {
        const auto& s = a.symbols[i];
        json item = {{"name", shown(s)},
                     {"detail", ws::sort_words(s.sort) + (shown(s) == s.name ? (s.label.empty() ? "" : " " + s.label) : " " + s.name)},
                     {"kind", symbol_kind(s.sort)},
                     {"range", to_json(positions.of(s.declaration))},
                     {"selectionRange", to_json(positions.of(s.name_span))}};
        if (!made[i].is_null() && made[i].contains("children")) item["children"] = made[i]["children"];
        made[i] = std::move(item);
        if (s.parent) {
          json& parent = made[*s.parent];
          if (!parent.is_object()) parent = json::object();
          if (!parent.contains("children")) parent["children"] = json::array();
          parent["children"].insert(parent["children"].begin(), made[i]);
        }
      }
      i18n::set_language(previous);
      json list = json::array();
      for (std::size_t i = 0; i < a.symbols.size(); ++i) {
        if (!a.symbols[i].parent) list.push_back(std::move(made[i]));
      }
      return reply(id, list);
    }
    reply_error(id, {method_not_found, "unknown method: " + method});
  }

  stdio_channel channel_;
  std::optional<i18n::language> messages_;
  std::map<std::string, document> documents_;
  bool initialized_ = false, shutdown_ = false;
};

}  // namespace

std::function<int()> add_lsp(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "lsp", i18n::text("Run the language server for editors (LSP over standard input and output; see docs/editors.md)"));
  cmd->footer(i18n::text("Editors start this command themselves. Messages are in the rubric's language (Chinese for a "
                         "Chinese rubric) unless --lang is given. Exit status: 0 after shutdown and exit; 1 when the "
                         "client exits without asking for shutdown first."));
  return [cmd]() -> int {
    if (!cmd->parsed()) return -1;
    // Only a language asked for on the command line overrides each rubric's own.
    std::optional<i18n::language> messages;
    for (const CLI::App* level : {static_cast<const CLI::App*>(cmd), static_cast<const CLI::App*>(cmd->get_parent())}) {
      if (const CLI::Option* lang = level ? level->get_option_no_throw("--lang") : nullptr; lang && lang->count() > 0) {
        messages = i18n::current_language();
      }
    }
    std::ios::sync_with_stdio(false);
    return server(messages).run();
  };
}

}  // namespace rubric::cli
