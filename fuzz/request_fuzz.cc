// The request-path fuzz target: Beast parser (server limits) -> to_request -> router -> handler
// (JSON validation) -> problem/JSON rendering -> gzip -> to_beast -> wire serialisation.
#include "request_fuzz.h"

#include <cstdlib>
#include <sstream>

#include "fuzz_routes.h"
#include "http/beast.h"
#include "http/gzip.h"
#include "http/request_conversion.h"
#include "reskflow/core/config.h"

namespace reskflow::fuzz {
namespace {

using namespace http;  // NOLINT(google-build-using-namespace): the harness speaks core/http

constexpr int pipelined_requests_max = 8;

const TrustedProxies& trusted_proxies() {
  static const auto proxies = [] {
    auto parsed = TrustedProxies::parse({"127.0.0.1", "10.0.0.0/8", "::1", "fd00::/8"});
    if (!parsed) std::abort();
    return std::move(*parsed);
  }();
  return proxies;
}

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

// The dispatcher's routing decision: 405 with Allow, 404, or the handler's response.
Response route_request(Request& request) {
  auto match = fuzz_router().match(request.method, request.path);
  if (match.kind == MatchKind::method_not_allowed) {
    auto r = problem(Error{ErrorCode::method_not_allowed, "not allowed here"},
                     request.request_id, request.path);
    std::string allow;
    for (auto m : match.allowed) allow += std::string(allow.empty() ? "" : ", ") +
                                          std::string(method_name(m));
    r.set_header("Allow", allow);
    return r;
  }
  if (match.kind == MatchKind::not_found) {
    return problem(Error{ErrorCode::not_found, "no resource at " + request.path},
                   request.request_id, request.path);
  }
  request.route = match.route->pattern;
  request.params = std::move(match.params);
  return match.route->handler(request);
}

void compress_if_asked(const Request& request, Response& response) {
  const auto encoding = request.header("Accept-Encoding");
  if (!encoding || !accepts_gzip(*encoding) || !compressible(response.content_type)) return;
  if (auto compressed = gzip_compress(response.body)) {
    response.body = std::move(*compressed);
    response.set_header("Content-Encoding", "gzip");
  }
}

void handle_message(BeastRequest&& raw, const asio::ip::address& peer) {
  const bool keep_alive = raw.keep_alive();
  const unsigned version = raw.version();
  auto converted = to_request(std::move(raw), peer, trusted_proxies());
  Request request = converted ? std::move(*converted) : Request{};
  request.request_id = request_id_for(request);
  Response response = converted ? route_request(request)
                                : problem(converted.error(), request.request_id, "");
  compress_if_asked(request, response);
  auto wire = to_beast(std::move(response), request, keep_alive, version);
  std::ostringstream out;
  out << wire;
  if (out.str().empty()) std::abort();  // a serialised response always has a status line
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
