// The request-path fuzz target: Beast parser (server limits) -> the server's Dispatcher
// (to_request, router, handlers with JSON validation, problem+json, gzip, serialisation).
#include "request_fuzz.h"

#include <cstdlib>
#include <variant>

#include "fuzz_routes.h"
#include "http/beast.h"
#include "http/dispatch.h"
#include "reskflow/core/config.h"
#include "reskflow/core/metrics.h"

namespace reskflow::fuzz {
namespace {

using namespace http;  // NOLINT(google-build-using-namespace): the harness speaks core/http

constexpr int pipelined_requests_max = 8;

// The peer alternates so both the trusted-proxy and the direct path are reached.
asio::ip::address peer_for(std::string_view bytes) {
  if (bytes.size() % 3 == 0) return asio::ip::make_address_v4("203.0.113.7");
  if (bytes.size() % 3 == 1) return asio::ip::make_address_v4("127.0.0.1");
  return asio::ip::make_address_v6("::1");
}

// Parses one message from the front of `input` like the server's read loop; returns the bytes
// it used, or 0 when the input holds no complete, valid message.
std::size_t parse_message(std::string_view input, BeastRequest& out) {
  const Config defaults;
  bhttp::request_parser<bhttp::string_body> parser;
  parser.header_limit(defaults.header_bytes_max);
  parser.body_limit(defaults.body_bytes_max);
  parser.eager(true);
  std::size_t used = 0;
  beast::error_code ec;
  while (!parser.is_done() && used < input.size()) {
    const auto n = parser.put(asio::buffer(input.data() + used, input.size() - used), ec);
    used += n;
    if (ec || n == 0) break;
  }
  if (!parser.is_done()) return 0;
  out = parser.release();
  return used;
}

// The server's own dispatcher (routing, 404/405, CORS, static files, gzip, metrics,
// serialisation); worker handlers run on this thread.
Dispatcher& dispatcher() {
  static const Config config = [] {
    Config c;
    c.trusted_proxies = {"127.0.0.1", "10.0.0.0/8", "::1", "fd00::/8"};
    c.cors_origins = {"http://portal.test"};
    c.worker_threads = 1;
    return c;
  }();
  static metrics::Registry registry;
  static Dispatcher instance(config, fuzz_router(), registry);
  return instance;
}

void handle_message(BeastRequest&& raw, const asio::ip::address& peer) {
  const bool keep_alive = raw.keep_alive();
  auto step = dispatcher().begin(std::move(raw), peer, keep_alive);
  const Reply reply = std::holds_alternative<Reply>(step)
                          ? std::move(std::get<Reply>(step))
                          : dispatcher().finish_here(std::move(std::get<PendingRequest>(step)));
  if (!reply.wire.head.starts_with("HTTP/1.")) std::abort();  // always a status line
}

}  // namespace

void fuzz_one_request(std::string_view bytes) {
  const auto peer = peer_for(bytes);
  for (int i = 0; i < pipelined_requests_max && !bytes.empty(); ++i) {
    BeastRequest raw;
    const auto used = parse_message(bytes, raw);
    if (used == 0) return;
    const bool keep_alive = raw.keep_alive();
    handle_message(std::move(raw), peer);
    if (!keep_alive) return;
    bytes.remove_prefix(used);
  }
}

}  // namespace reskflow::fuzz
