// Turns one parsed request into a response: CORS, routing (404/405), the worker pool for
// blocking handlers, static files, gzip, metrics and the access log.
#pragma once

#include <atomic>
#include <vector>

#include "http/beast.h"
#include "http/http_metrics.h"
#include "http/request_conversion.h"
#include "reskflow/core/config.h"
#include "reskflow/core/router.h"
#include "reskflow/core/static_files.h"

namespace reskflow::http {

class Dispatcher {
 public:
  Dispatcher(const Config& config, const Router& router, metrics::Registry& registry);

  asio::awaitable<BeastResponse> handle(BeastRequest raw, asio::ip::address peer, bool keep_alive);

  const TrustedProxies& proxies() const { return proxies_; }
  HttpMetrics& metrics() { return metrics_; }
  void join_workers();

 private:
  asio::awaitable<Response> respond(Request& request, std::string& route_label);
  Response preflight(const Request& request) const;
  Response serve_static(const Request& request, std::string& route_label) const;
  void decorate(const Request& request, Response& response) const;
  bool origin_allowed(std::string_view origin) const;

  const Config& config_;
  const Router& router_;
  TrustedProxies proxies_;
  std::vector<StaticFiles> mounts_;
  HttpMetrics metrics_;
  asio::thread_pool workers_;
  std::atomic<std::uint32_t> queued_{0};
};

}  // namespace reskflow::http
