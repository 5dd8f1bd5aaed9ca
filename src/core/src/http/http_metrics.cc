// Registration and per-thread caching of the HTTP metric series.
#include "http/http_metrics.h"

namespace reskflow::http {

HttpMetrics::HttpMetrics(metrics::Registry& r)
    : connections_rejected(r.counter("http_connections_rejected_total",
                                     "Connections closed at accept because of connections_max")),
      requests_shed(r.counter("http_requests_shed_total",
                              "Requests answered 503 because the worker queue was full")),
      handler_exceptions(r.counter("http_handler_exceptions_total",
                                   "Handlers that threw instead of returning an error")),
      ws_slow_consumers_dropped(r.counter("ws_slow_consumers_dropped_total",
                                          "WebSocket clients dropped for a full send queue")),
      connections_open(r.gauge("http_connections_open", "Open HTTP and WebSocket connections")),
      registry_(r) {}

HttpMetrics::Series& HttpMetrics::series(std::string_view route, std::string_view method,
                                         int status) {
  // Per registry and thread: tests run several servers in one process.
  thread_local std::unordered_map<std::string, Series> cache;
  thread_local std::string key;
  key.clear();
  key.append(std::to_string(registry_.id())).append(1, '\x1f').append(route);
  key.append(1, '\x1f').append(method).append(1, '\x1f').append(std::to_string(status));
  if (auto it = cache.find(key); it != cache.end()) return it->second;
  const metrics::Labels labels{{"route", std::string(route)},
                               {"method", std::string(method)},
                               {"status", std::to_string(status)}};
  Series s{
      &registry_.histogram("http_request_duration_seconds", "Request latency in seconds",
                           metrics::latency_buckets_seconds(), labels),
      &registry_.counter("http_requests_total", "Requests served", labels),
      &registry_.histogram("http_request_size_bytes", "Request body size in bytes",
                           metrics::size_buckets_bytes(), labels),
      &registry_.histogram("http_response_size_bytes", "Response body size in bytes",
                           metrics::size_buckets_bytes(), labels),
  };
  return cache.emplace(key, s).first->second;
}

void HttpMetrics::observe(std::string_view route, std::string_view method, int status,
                          double seconds, std::size_t request_bytes, std::size_t response_bytes) {
  auto& s = series(route, method, status);
  s.duration->observe(seconds);
  s.total->inc();
  s.request_size->observe(static_cast<double>(request_bytes));
  s.response_size->observe(static_cast<double>(response_bytes));
}

}  // namespace reskflow::http
