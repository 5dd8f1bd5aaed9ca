// Registration and per-thread caching of the HTTP metric series.
#include "http/http_metrics.h"

#include <memory>

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
  // Per registry and thread (tests run several servers in one process); keyed by the label's
  // address and length, which stay fixed for the life of the router.
  struct Key {
    std::uint64_t registry;
    const void* route;  // identity, never read as a string
    std::size_t route_chars;
    const void* method;
    int status;
    bool operator==(const Key&) const = default;
  };
  struct KeyHash {
    std::size_t operator()(const Key& k) const {
      auto h = std::hash<const void*>{}(k.route) ^ (k.registry << 1);
      h ^= std::hash<const void*>{}(k.method) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
      return h ^ (static_cast<std::size_t>(k.status) << 17) ^ k.route_chars;
    }
  };
  thread_local std::unordered_map<Key, Series, KeyHash> cache;
  const Key key{registry_.id(), static_cast<const void*>(std::to_address(route.begin())),
                route.size(), static_cast<const void*>(std::to_address(method.begin())), status};
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
