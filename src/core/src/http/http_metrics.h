// The HTTP metrics of the original's appendix D, looked up per (route, method, status) once per
// thread and then updated lock-free. Route labels are route patterns or string literals, so
// their address identifies them.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

#include "reskflow/core/metrics.h"

namespace reskflow::http {

class HttpMetrics {
 public:
  explicit HttpMetrics(metrics::Registry& registry);

  void observe(std::string_view route, std::string_view method, int status, double seconds,
               std::size_t request_bytes, std::size_t response_bytes);

  metrics::Counter& connections_rejected;
  metrics::Counter& requests_shed;
  metrics::Counter& handler_exceptions;
  metrics::Counter& ws_slow_consumers_dropped;
  metrics::Gauge& connections_open;

 private:
  struct Series {
    metrics::Histogram* duration;
    metrics::Counter* total;
    metrics::Histogram* request_size;
    metrics::Histogram* response_size;
  };
  Series& series(std::string_view route, std::string_view method, int status);

  metrics::Registry& registry_;
};

}  // namespace reskflow::http
