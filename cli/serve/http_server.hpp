// The workbench over HTTP (Boost.Beast), on one thread with asynchronous sockets (one Asio
// io_context, run by the main thread): one secretary's browser is the only client, every answer
// is a library call of milliseconds, and the workbench's state (the folder listing, a save) is
// then never touched by two requests at once, with no lock to get wrong. Asynchronous, not
// blocking reads, because a browser opens connections ahead of need and leaves some idle: a
// blocking server would wait on those while the page's real requests queue. A connection that
// sends nothing for a few seconds is closed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "cli/serve/workbench.hpp"

namespace rubric::cli::serve {

struct server_options {
  std::string address = "127.0.0.1";  // loopback unless --listen
  std::uint16_t port = 8080;          // 0: any free port (printed on standard error)
  std::string token;                  // the same-origin token: random per run, or --token
  bool token_required_everywhere = false;  // --listen: every request carries the token
  std::size_t body_limit = std::size_t{4} << 20;
};

// Serves until the process is stopped; returns only when the address cannot be bound (2).
int run_server(workbench& bench, const server_options& options);

// A random token of 32 hexadecimal digits from the system's random source.
std::string random_token();

}  // namespace rubric::cli::serve
