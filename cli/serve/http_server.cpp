#include "cli/serve/http_server.hpp"

#include <charconv>
#include <chrono>
#include <memory>
#include <iostream>
#include <optional>
#include <random>
#include <string_view>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <fmt/format.h>

#include "engine/publish/html.hpp"
#include "lang/i18n.hpp"

namespace rubric::cli::serve {

// The page, its script and its style sheet, compiled in from cli/serve/assets/ (embed_assets.cmake).
std::string_view workbench_page();
std::string_view workbench_script();
std::string_view workbench_style();

namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using nlohmann::json;
using request = http::request<http::string_body>;
using response = http::response<http::string_body>;

constexpr int idle_seconds = 10;  // a connection that sends nothing for this long is closed

response reply(unsigned version, http::status status, std::string content_type, std::string body) {
  response out{status, version};
  out.set(http::field::content_type, content_type);
  out.set(http::field::cache_control, "no-store");
  out.set("X-Content-Type-Options", "nosniff");
  out.set("Referrer-Policy", "no-referrer");
  // The page runs only its own script; the charts are inline SVG without script.
  out.set("Content-Security-Policy",
          "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
          "base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
  out.body() = std::move(body);
  out.prepare_payload();
  return out;
}

response json_reply(unsigned version, int status, const json& body) {
  return reply(version, static_cast<http::status>(status), "application/json; charset=utf-8",
               body.dump(-1, ' ', false, json::error_handler_t::replace));
}

response error_reply(unsigned version, int status, const std::string& message) {
  return json_reply(version, status, json{{"error", message}});
}

bool same_text(std::string_view a, std::string_view b) {  // in time independent of where they differ
  if (a.size() != b.size()) return false;
  unsigned char differ = 0;
  for (std::size_t i = 0; i < a.size(); ++i) differ |= static_cast<unsigned char>(a[i] ^ b[i]);
  return differ == 0;
}

std::optional<std::size_t> number_in(std::string_view text) {
  std::size_t value = 0;
  if (text.empty() || text.size() > 9) return std::nullopt;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// A query value as a browser sends it: `%XX` escapes and `+` for a space (a token given to
// --token may hold characters a browser escapes). A malformed escape is kept as written, so it
// matches nothing.
std::string percent_decoded(std::string_view text) {
  std::string decoded;
  decoded.reserve(text.size());
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hex(text[i + 1]) >= 0 && hex(text[i + 2]) >= 0) {
      decoded.push_back(static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2])));
      i += 2;
    } else {
      decoded.push_back(text[i] == '+' ? ' ' : text[i]);
    }
  }
  return decoded;
}

// One query parameter, decoded.
std::optional<std::string> query_value(std::string_view query, std::string_view name) {
  while (!query.empty()) {
    auto amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    if (pair.size() > name.size() && pair.substr(0, name.size()) == name && pair[name.size()] == '=') {
      return percent_decoded(pair.substr(name.size() + 1));
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return std::nullopt;
}

class router {
 public:
  router(workbench& bench, const server_options& options, std::uint16_t port) : bench_(bench), options_(options) {
    for (std::string host : {"127.0.0.1", "localhost", "[::1]"}) allowed_hosts_.push_back(fmt::format("{}:{}", host, port));
  }

  response handle(const request& req) {
    const unsigned v = req.version();
    // The checks below read one Host, one Origin and one token: a request carrying two of any
    // would be judged by whichever one a check happened to read.
    if (req.count(http::field::host) > 1 || req.count(http::field::origin) > 1 || req.count("X-Rubric-Token") > 1) {
      return error_reply(v, 400, i18n::text("the request repeats a header the workbench checks (Host, Origin or its token)"));
    }
    // DNS rebinding: a page of another site whose name now points here still sends its own name.
    std::string_view host = req[http::field::host];
    // With --listen the token guards every request instead: the machine's names are not known here.
    if (!options_.token_required_everywhere &&
        std::find(allowed_hosts_.begin(), allowed_hosts_.end(), host) == allowed_hosts_.end()) {
      return error_reply(v, 403, i18n::text("this address is not the workbench's: open it as the address printed at start"));
    }
    std::string_view target = req.target();
    std::string_view path = target.substr(0, target.find('?'));
    std::string_view query = path.size() < target.size() ? target.substr(path.size() + 1) : std::string_view{};
    std::string_view token = req["X-Rubric-Token"];
    bool has_token = same_text(token, options_.token) ||
                     (req.method() == http::verb::get && same_text(query_value(query, "token").value_or(""), options_.token));
    if (options_.token_required_everywhere && !has_token) {
      return error_reply(v, 403, i18n::text("the workbench's token is missing or wrong"));
    }
    if (req.method() == http::verb::post) {
      // Another site's page can send a form here, but it cannot read the token from our page,
      // and its Origin is its own.
      std::string_view origin = req[http::field::origin];
      if (!same_text(token, options_.token)) return error_reply(v, 403, i18n::text("the workbench's token is missing or wrong"));
      if (origin != fmt::format("http://{}", host)) {
        return error_reply(v, 403, i18n::text("this request comes from another page than the workbench's"));
      }
      return post(req, path);
    }
    if (req.method() != http::verb::get && req.method() != http::verb::head) {
      return error_reply(v, 405, i18n::text("this method is not used by the workbench"));
    }
    return get(v, path, query);
  }

 private:
  response get(unsigned v, std::string_view path, std::string_view query) {
    if (path == "/") {
      std::string page(workbench_page());
      replace(page, "{{LANG}}", bench_.language() == "zh" ? "zh-CN" : "en");
      replace(page, "{{TOKEN}}", options_.token);
      replace(page, "{{TITLE}}", engine::publish::escape_html(i18n::text("Rubric workbench")));
      return reply(v, http::status::ok, "text/html; charset=utf-8", page);
    }
    if (path == "/workbench.js") return reply(v, http::status::ok, "text/javascript; charset=utf-8", std::string(workbench_script()));
    if (path == "/workbench.css") return reply(v, http::status::ok, "text/css; charset=utf-8", std::string(workbench_style()));
    if (path == "/api/ui") return json_reply(v, 200, ui_strings());
    if (path == "/api/versions") return send(v, bench_.versions());
    constexpr std::string_view one_version = "/api/versions/";
    if (path.starts_with(one_version)) {
      auto index = number_in(path.substr(one_version.size()));
      if (!index) return error_reply(v, 404, i18n::text("there is no such version"));
      return send(v, bench_.version_text(*index));
    }
    if (path == "/api/scores") return send(v, bench_.scores());
    if (path == "/api/explain") {
      auto unit = number_in(query_value(query, "unit").value_or(""));
      if (!unit) return error_reply(v, 400, i18n::text("name the unit by its number in the listing"));
      std::optional<std::size_t> period;
      if (auto given = query_value(query, "period")) {
        period = number_in(*given);
        if (!period) return error_reply(v, 400, i18n::text("name the period by its number in the listing"));
      }
      return send(v, bench_.explain(*unit, period));
    }
    return error_reply(v, 404, i18n::text("there is no such page in the workbench"));
  }

  response post(const request& req, std::string_view path) {
    const unsigned v = req.version();
    json body = json::parse(req.body(), nullptr, false);
    if (body.is_discarded() || !body.is_object() || !body.contains("text") || !body["text"].is_string()) {
      return error_reply(v, 400, i18n::text("the request must be JSON with the draft's text"));
    }
    const std::string& text = body["text"].get_ref<const std::string&>();
    auto base = [&]() -> std::optional<std::size_t> {
      if (!body.contains("base") || !body["base"].is_number_unsigned()) return std::nullopt;
      return body["base"].get<std::size_t>();
    };
    if (path == "/api/check") return send(v, bench_.check(text));
    if (path == "/api/format") return send(v, bench_.format(text));
    if (path == "/api/diff" || path == "/api/impact") {
      auto index = base();
      if (!index) return error_reply(v, 400, i18n::text("name the version to compare with by its number in the listing"));
      return send(v, path == "/api/diff" ? bench_.diff(text, *index) : bench_.impact(text, *index));
    }
    if (path == "/api/save") {
      if (!body.contains("id") || !body["id"].is_string() || !body.contains("effective") || !body["effective"].is_string()) {
        return error_reply(v, 400, i18n::text("a new version needs its id and its effective date"));
      }
      return send(v, bench_.save(text, body["id"].get<std::string>(), body["effective"].get<std::string>()));
    }
    return error_reply(v, 404, i18n::text("there is no such page in the workbench"));
  }

  static response send(unsigned v, const answer& a) { return json_reply(v, a.status, a.body); }

  static void replace(std::string& text, std::string_view placeholder, std::string_view value) {
    for (auto at = text.find(placeholder); at != std::string::npos; at = text.find(placeholder, at + value.size())) {
      text.replace(at, placeholder.size(), value);
    }
  }

  // The words of the page, in the program's language (the rubric's).
  static json ui_strings() {
    using i18n::text;
    return json{{"versions", text("Versions")},
                {"effective", text("in force from")},
                {"open", text("Open as a draft")},
                {"compare_with", text("Compare with")},
                {"check_ok", text("No problems found")},
                {"format", text("Tidy the layout")},
                {"diff", text("What the draft changes")},
                {"impact", text("What it would have done to the recorded events")},
                {"save", text("Save as a new version")},
                {"version_id", text("Version id")},
                {"effective_date", text("In force from (YYYY-MM-DD)")},
                {"saved", text("Saved as")},
                {"scores", text("Latest scores")},
                {"explain", text("Explanation")},
                {"year", text("Year")},
                {"unit", text("Unit")},
                {"rank", text("Rank in the year")},
                {"subsidy", text("Subsidy")},
                {"flags_gained", text("Flags gained")},
                {"flags_lost", text("Flags lost")},
                {"flags_year", text("Flags in the year")},
                {"subsidies_changed", text("Units whose subsidy changes")},
                {"errors", text("problems")},
                {"line", text("line")},
                {"hint", text("Hint")},
                {"draft", text("Draft")}};
  }

  workbench& bench_;
  const server_options& options_;
  std::vector<std::string> allowed_hosts_;
};

// One connection: read a request, answer it, and read the next while the client keeps the
// connection. Asynchronous on the one thread, so that an idle connection (a browser opens some
// ahead of need) never keeps another from being answered.
class session : public std::enable_shared_from_this<session> {
 public:
  session(tcp::socket socket, router& routes, const server_options& options)
      : stream_(std::move(socket)), routes_(routes), options_(options) {}

  void read() {
    parser_.emplace();
    parser_->body_limit(options_.body_limit);
    parser_->header_limit(16 * 1024);
    stream_.expires_after(std::chrono::seconds(idle_seconds));
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
  }

 private:
  void on_read(beast::error_code ec) {
    if (ec == http::error::end_of_stream) return close();
    if (ec) {
      // A request we cannot read gets a JSON answer when the socket still takes one; then the
      // connection closes, since where the next request would start is unknown.
      bool gone = ec == beast::error::timeout || ec == net::error::connection_reset || ec == net::error::eof ||
                  ec == http::error::partial_message;
      if (gone) return close();
      int status = ec == http::error::body_limit ? 413 : ec == http::error::header_limit ? 431 : 400;
      std::string why = status == 413 ? i18n::text("the request is too large for the workbench") : i18n::text("the request could not be read");
      answer_ = error_reply(11, status, why);
      answer_.keep_alive(false);
      return write();
    }
    request req = parser_->release();
    try {
      answer_ = routes_.handle(req);
    } catch (const std::exception& e) {
      answer_ = error_reply(req.version(), 500, i18n::tr("the workbench failed: {}", e.what()));
    }
    answer_.keep_alive(req.keep_alive());
    if (req.method() == http::verb::head) answer_.body().clear();
    write();
  }

  void write() {
    stream_.expires_after(std::chrono::seconds(idle_seconds));
    http::async_write(stream_, answer_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec || !self->answer_.keep_alive()) return self->close();
      self->read();
    });
  }

  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  response answer_;
  router& routes_;
  const server_options& options_;
};

void accept(tcp::acceptor& acceptor, router& routes, const server_options& options) {
  acceptor.async_accept([&](beast::error_code ec, tcp::socket socket) {
    if (!ec) {
      std::make_shared<session>(std::move(socket), routes, options)->read();
      accept(acceptor, routes, options);
      return;
    }
    // Out of file descriptors (or another failure to accept): the pending connection stays
    // queued, so accepting again at once would fail again at once and spin a core. Wait a little;
    // idle connections time out and free descriptors.
    auto pause = std::make_shared<net::steady_timer>(acceptor.get_executor(), std::chrono::milliseconds(100));
    pause->async_wait([&, pause](beast::error_code) { accept(acceptor, routes, options); });
  });
}

}  // namespace

std::string random_token() {
  std::random_device source;  // the kernel's random source on Linux
  std::string token;
  for (int i = 0; i < 4; ++i) token += fmt::format("{:08x}", static_cast<std::uint32_t>(source()));
  return token;
}

int run_server(workbench& bench, const server_options& options) {
  net::io_context context{1};
  beast::error_code ec;
  auto address = net::ip::make_address(options.address, ec);
  if (ec) {
    std::cerr << i18n::tr("rubric serve: `{}` is not an address to listen on", options.address) << "\n";
    return 2;
  }
  tcp::acceptor acceptor{context};
  tcp::endpoint endpoint{address, options.port};
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    std::cerr << i18n::tr("rubric serve: cannot listen on {} port {}: {}", options.address, options.port, ec.message()) << "\n";
    return 2;
  }
  std::uint16_t port = acceptor.local_endpoint().port();
  router routes(bench, options, port);
  std::string host = address.is_v6() ? fmt::format("[{}]", options.address) : options.address;
  std::string url = fmt::format("http://{}:{}/", host, port);
  if (options.token_required_everywhere) url += "?token=" + options.token;
  std::cerr << i18n::tr("rubric serve: the workbench is at {} (port {}); stop it with Ctrl+C", url, port) << std::endl;
  accept(acceptor, routes, options);
  context.run();
  return 2;
}

}  // namespace rubric::cli::serve
