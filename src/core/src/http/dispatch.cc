// Request dispatch: from a parsed request to a decorated response, with metrics and logs.
#include "http/dispatch.h"

#include <chrono>

#include "http/gzip.h"
#include "reskflow/core/log.h"
#include "reskflow/core/trace_export.h"

namespace reskflow::http {
namespace {

Response invoke(const Route& route, const Router& router, Request& request, HttpMetrics& metrics) {
  log::ScopedRequestId scope(request.request_id);
  try {
    if (!route.access->anonymous) {
      const auto& guard = router.guard();
      if (!guard) {
        return problem(Error{ErrorCode::unauthenticated, "this node cannot authenticate callers"},
                       request.request_id, request.path);
      }
      if (auto refused = guard(request, route)) return std::move(*refused);
    }
    if (route.idempotent && router.idempotency())
      return router.idempotency()(request, route, route.handler);
    return route.handler(request);
  } catch (const std::exception& e) {
    metrics.handler_exceptions.inc();
    log::error("handler_exception", {{"route", route.pattern}, {"error", e.what()}});
    return problem(Error{ErrorCode::internal, "an internal error occurred; it has been logged"},
                   request.request_id, request.path);
  }
}

// A route's fast handler on the I/O thread; nullopt (also after an exception, which is logged
// and counted) lets the worker handler answer.
std::optional<Response> invoke_fast(const Route& route, Request& request, HttpMetrics& metrics) {
  log::ScopedRequestId scope(request.request_id);
  try {
    return route.fast(request);
  } catch (const std::exception& e) {
    metrics.handler_exceptions.inc();
    log::error("fast_handler_exception", {{"route", route.pattern}, {"error", e.what()}});
    return std::nullopt;
  }
}

asio::awaitable<Response> run_on_worker(const Route* route, const Router* router, Request* request,
                                        const trace::Span* span, HttpMetrics* metrics) {
  const trace::Scope scope(span);
  co_return invoke(*route, *router, *request, *metrics);
}

// The policy of every page (the portals and the API reference): no inline script, nothing
// from another origin but the configured map tiles and the origins in `connect_sources` (each
// checked by whoever configured it), never in a frame. The one inline style allowed is an empty
// one (the hash is the empty string's): the reference's styled-components creates empty <style>
// elements and fills them through the CSSOM, which the policy does not govern; a page cannot
// inject any rule through it.
std::string page_security_policy(const Config& config,
                                 const std::vector<std::string>& connect_sources) {
  std::string images = "img-src 'self' data:";
  if (auto tiles = tile_source(config.map_tile_url); !tiles.empty()) images += " " + tiles;
  std::string connect = "connect-src 'self'";
  for (const auto& source : connect_sources) connect += " " + source;
  return "default-src 'self'; script-src 'self'; "
         "style-src 'self' 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='; " +
         images + "; " + connect +
         "; object-src 'none'; base-uri 'self'; form-action 'self'; "
         "frame-ancestors 'none'";
}

// Adds `token` to the response's Vary list unless it is there.
void add_vary(Response& response, std::string_view token) {
  const auto vary = response.header("Vary");
  if (!vary) {
    response.set_header("Vary", std::string(token));
  } else if (vary->find(token) == std::string_view::npos) {
    response.set_header("Vary", std::string(*vary) + ", " + std::string(token));
  }
}

constexpr std::string_view static_label = "static";
constexpr std::string_view unmatched_label = "unmatched";

// The route's own pattern (stable storage the metrics cache keys on), or "static" /
// "unmatched", which keep the label's cardinality bounded.
std::string_view label_for(const Route* matched, const Response& response) {
  if (matched != nullptr) return matched->pattern;
  return response.status < 400 ? static_label : unmatched_label;
}

std::string allow_list(const std::vector<Method>& methods) {
  std::string out;
  for (auto m : methods) {
    if (!out.empty()) out += ", ";
    out += method_name(m);
  }
  return out;
}

// The request's server span, after OpenTelemetry's HTTP semantic conventions: named
// "{method} {route template}", or the method alone when no route matched.
trace::FinishedSpan server_span(const Request& request, const trace::Span& span, int status,
                                double seconds) {
  const auto end = trace::unix_now_ns();
  const std::string method(method_name(request.method));
  trace::FinishedSpan out{span,
                          request.route.empty() ? method : method + " " + request.route,
                          trace::SpanKind::server,
                          end - static_cast<std::int64_t>(seconds * 1e9),
                          end,
                          status >= 500,
                          {},
                          {{"http.request.method", method},
                           {"url.path", request.path},
                           {"url.scheme", request.secure ? "https" : "http"},
                           {"http.response.status_code", std::int64_t{status}},
                           {"client.address", request.client_ip}}};
  if (!request.route.empty()) out.attributes.push_back({"http.route", request.route});
  return out;
}

Result<TrustedProxies> proxies_or_empty(const Config& config) {
  return TrustedProxies::parse(config.trusted_proxies);
}

}  // namespace

Dispatcher::Dispatcher(const Config& config, const Router& router, metrics::Registry& registry,
                       const std::vector<std::string>& page_connect_sources)
    : config_(config),
      router_(router),
      proxies_(proxies_or_empty(config).value_or(TrustedProxies{})),
      metrics_(registry),
      workers_(config.worker_threads) {
  // Only the portals read other origins; the API reference keeps to its own.
  mounts_.emplace_back("/docs", config.docs_dir, page_security_policy(config, {}));
  mounts_.emplace_back("/", config.web_root, page_security_policy(config, page_connect_sources));
}

void Dispatcher::join_workers() { workers_.join(); }

bool Dispatcher::origin_allowed(std::string_view origin) const {
  for (const auto& o : config_.cors_origins) {
    if (o == "*" || o == origin) return true;
  }
  return false;
}

Response Dispatcher::preflight(const Request& request) const {
  Response r;
  r.status = 204;
  const auto origin = request.header("Origin").value_or("");
  if (!origin_allowed(origin)) return r;
  auto match = router_.match(Method::get, request.path);
  auto methods = match.kind == MatchKind::found ? std::vector<Method>{Method::get} : match.allowed;
  if (match.kind == MatchKind::found) {
    const auto others = router_.match(Method::options, request.path).allowed;
    methods = others.empty() ? methods : others;
  }
  r.set_header("Access-Control-Allow-Methods", allow_list(methods));
  r.set_header("Access-Control-Allow-Headers",
               "Authorization, Content-Type, Idempotency-Key, If-Match, If-None-Match, "
               "X-Request-Id, traceparent, tracestate");
  r.set_header("Access-Control-Max-Age", "600");
  return r;
}

Response Dispatcher::serve_static(const Request& request) const {
  const bool api_path = request.path == "/v1" || request.path.starts_with("/v1/");
  if (!api_path && (request.method == Method::get || request.method == Method::head)) {
    for (const auto& mount : mounts_) {
      if (auto r = mount.serve(request)) return std::move(*r);
    }
    const auto accept = request.header("Accept");
    if (accept && accept->find("text/html") != std::string_view::npos) {
      if (auto page = mounts_.back().not_found_page(request)) return std::move(*page);
    }
  }
  return problem(Error{ErrorCode::not_found, "no resource at " + request.path}, request.request_id,
                 request.path);
}

// Answers the request unless its handler must run on a worker (then `pending` is set); `matched`
// is the route that matched, if any.
Response Dispatcher::route(Request& request, const Route*& matched_route, bool& pending) {
  if (request.method == Method::options && request.header("Access-Control-Request-Method"))
    return preflight(request);
  auto match = router_.match(request.method, request.path);
  if (match.kind == MatchKind::method_not_allowed) {
    auto r = problem(Error{ErrorCode::method_not_allowed,
                           std::string(method_name(request.method)) + " is not allowed here"},
                     request.request_id, request.path);
    r.set_header("Allow", allow_list(match.allowed));
    return r;
  }
  if (match.kind == MatchKind::not_found) return serve_static(request);
  const Route& matched = *match.route;
  matched_route = &matched;
  request.route = matched.pattern;
  request.params = std::move(match.params);
  if (matched.execution == Execution::io) return invoke(matched, router_, request, metrics_);
  if (matched.fast) {
    if (auto answered = invoke_fast(matched, request, metrics_)) return std::move(*answered);
  }
  pending = true;
  return {};
}

void Dispatcher::decorate(const Request& request, Response& response) const {
  if (auto origin = request.header("Origin"); origin && origin_allowed(*origin)) {
    response.set_header("Access-Control-Allow-Origin", std::string(*origin));
    response.set_header("Access-Control-Expose-Headers",
                        "X-Request-Id, Retry-After, ETag, Location, RateLimit-Limit, "
                        "RateLimit-Remaining, RateLimit-Reset, Idempotent-Replayed, traceresponse");
  }
  // With CORS on, every response depends on Origin, also one asked without it: a cache must not
  // hand a response without Access-Control-Allow-Origin to a page of an allowed origin.
  if (!config_.cors_origins.empty()) add_vary(response, "Origin");
  // A shared body comes from a Representation, which has chosen its encoding already.
  const auto encoding = request.header("Accept-Encoding");
  if (!encoding || response.shared_body || response.payload().size() < config_.gzip_min_bytes ||
      !compressible(response.content_type) || response.header("Content-Encoding") ||
      !accepts_gzip(*encoding))
    return;
  if (auto compressed = gzip_compress(response.payload())) {
    response.body = std::move(*compressed);
    response.shared_body.reset();
    response.set_header("Content-Encoding", "gzip");
    add_vary(response, "Accept-Encoding");
    if (auto etag = response.header("ETag"); etag && etag->size() > 2) {
      auto tagged = std::string(*etag);
      tagged.insert(tagged.size() - 1, "-gz");
      response.set_header("ETag", tagged);
    }
  }
}

std::variant<Reply, PendingRequest> Dispatcher::begin(BeastRequest&& raw,
                                                      const asio::ip::address& peer,
                                                      bool keep_alive) {
  const auto start = std::chrono::steady_clock::now();
  const auto request_bytes = raw.body().size();
  const unsigned version = raw.version();
  auto converted = to_request(std::move(raw), peer, proxies_);
  Request request = converted ? std::move(*converted) : Request{};
  request.request_id = request_id_for(request);
  auto span = trace::span_for_request(request.header("traceparent"), request.header("tracestate"));
  const trace::Scope scope(&span);
  if (!converted) {
    return complete(request, span, problem(converted.error(), request.request_id, ""),
                    unmatched_label, start, request_bytes, version, keep_alive);
  }
  const Route* matched = nullptr;
  bool pending = false;
  Response response = route(request, matched, pending);
  if (pending)
    return PendingRequest{std::move(request), std::move(span), matched,   start,
                          request_bytes,      version,         keep_alive};
  const auto label = label_for(matched, response);
  return complete(request, span, std::move(response), label, start, request_bytes, version,
                  keep_alive);
}

asio::awaitable<Reply> Dispatcher::finish_on_worker(PendingRequest p) {
  Response response;
  if (queued_.load() >= config_.worker_queue_requests_max) {
    metrics_.requests_shed.inc();
    response = problem(Error{ErrorCode::unavailable, "the server is overloaded; retry shortly"},
                       p.request.request_id, p.request.path);
    response.set_header("Retry-After", "1");
  } else {
    queued_.fetch_add(1);
    response = co_await asio::co_spawn(
        workers_, run_on_worker(p.route, &router_, &p.request, &p.span, &metrics_),
        asio::use_awaitable);
    queued_.fetch_sub(1);
  }
  co_return complete(p.request, p.span, std::move(response), p.route->pattern, p.start,
                     p.request_bytes, p.version, p.keep_alive);
}

Reply Dispatcher::finish_here(PendingRequest&& p) {
  const trace::Scope scope(&p.span);
  auto response = invoke(*p.route, router_, p.request, metrics_);
  return complete(p.request, p.span, std::move(response), p.route->pattern, p.start,
                  p.request_bytes, p.version, p.keep_alive);
}

// The response names the server's span in `traceresponse` (W3C Trace Context level 2), so a
// caller that sent no `traceparent` can still find its request's trace.
Reply Dispatcher::complete(const Request& request, const trace::Span& span, Response&& response,
                           std::string_view route_label,
                           std::chrono::steady_clock::time_point start, std::size_t request_bytes,
                           unsigned version, bool keep_alive) {
  decorate(request, response);
  response.set_header("traceresponse", trace::format_traceparent(span));
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const auto method = method_name(request.method);
  metrics_.observe(route_label, method, response.status, seconds, request_bytes,
                   response.payload().size());
  if (trace::exporting()) trace::export_span(server_span(request, span, response.status, seconds));
  const auto level = response.status >= 500 ? log::Level::error : log::Level::debug;
  if (log::enabled(level)) {
    const log::ScopedRequestId scope(request.request_id);
    const trace::Scope trace_scope(&span);
    log::write(level, "http_request",
               {{"method", method},
                {"path", request.path},
                {"route", route_label},
                {"status", response.status},
                {"duration_ms", seconds * 1000.0},
                {"client_ip", request.client_ip}});
  }
  return Reply{serialize(std::move(response), request, keep_alive, version), keep_alive};
}

}  // namespace reskflow::http
