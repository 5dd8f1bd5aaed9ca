// Turns one parsed request into a response: CORS, routing (404/405), the worker pool for
// blocking handlers, static files, gzip, metrics and the access log.
#pragma once

#include <atomic>
#include <chrono>
#include <variant>
#include <vector>

#include "http/beast.h"
#include "http/http_metrics.h"
#include "http/request_conversion.h"
#include "reskflow/core/config.h"
#include "reskflow/core/router.h"
#include "reskflow/core/static_files.h"
#include "reskflow/core/trace.h"

namespace reskflow::http {

// A request whose handler must run on the worker pool, with what is needed to answer it.
struct PendingRequest {
  Request request;
  trace::Span span;
  const Route* route = nullptr;
  std::chrono::steady_clock::time_point start;
  std::size_t request_bytes = 0;
  unsigned version = 11;
  bool keep_alive = true;
};

// A response serialised for the wire.
struct Reply {
  Wire wire;
  bool keep_alive = true;
};

class Dispatcher {
 public:
  Dispatcher(const Config& config, const Router& router, metrics::Registry& registry,
             const std::vector<std::string>& page_connect_sources = {});

  // Converts and routes the request, and answers on the spot everything that does not block:
  // inline routes, static files, CORS preflight, 404/405, malformed requests. A worker route
  // comes back as a PendingRequest for finish_on_worker.
  std::variant<Reply, PendingRequest> begin(BeastRequest&& raw, const asio::ip::address& peer,
                                            bool keep_alive);

  // Runs the handler on the bounded worker pool (503 with Retry-After when its queue is full).
  asio::awaitable<Reply> finish_on_worker(PendingRequest pending);

  // Runs the handler on the calling thread (the fuzz harness).
  Reply finish_here(PendingRequest&& pending);

  const TrustedProxies& proxies() const { return proxies_; }
  HttpMetrics& metrics() { return metrics_; }
  void join_workers();
  // The worker pool, for work other than route handlers that may block (topic authorizers).
  asio::any_io_executor workers() { return workers_.get_executor(); }

 private:
  Response route(Request& request, const Route*& matched_route, bool& pending);
  Response preflight(const Request& request) const;
  Response serve_static(const Request& request) const;
  void decorate(const Request& request, Response& response) const;
  bool origin_allowed(std::string_view origin) const;
  Reply complete(const Request& request, const trace::Span& span, Response&& response,
                 std::string_view route_label, std::chrono::steady_clock::time_point start,
                 std::size_t request_bytes, unsigned version, bool keep_alive);

  const Config& config_;
  const Router& router_;
  TrustedProxies proxies_;
  std::vector<StaticFiles> mounts_;
  HttpMetrics metrics_;
  asio::thread_pool workers_;
  std::atomic<std::uint32_t> queued_{0};
};

}  // namespace reskflow::http
