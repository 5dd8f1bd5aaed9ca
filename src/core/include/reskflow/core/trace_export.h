// Span export over OTLP/HTTP (JSON encoding): finished spans queue in a bounded buffer that a
// background thread posts in batches to {endpoint}/v1/traces; a full queue drops and counts.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include "reskflow/core/errors.h"
#include "reskflow/core/metrics.h"
#include "reskflow/core/trace.h"

namespace reskflow::trace {

struct ExporterOptions {
  std::string endpoint;  // OTEL_EXPORTER_OTLP_ENDPOINT: http(s)://host:port, without /v1/traces
  std::string service_name = "reskflow";  // OTEL_SERVICE_NAME
  std::string service_instance;           // the node's name
  std::size_t queue_spans_max = 2048;
  std::size_t batch_spans_max = 512;
  std::chrono::milliseconds export_interval_ms{5000};
  std::chrono::milliseconds export_timeout_ms{10000};
};

// OTLP's SpanKind values.
enum class SpanKind : std::uint8_t { server = 2, client = 3, consumer = 5 };

struct Attribute {
  std::string key;
  std::variant<std::string, std::int64_t> value;
};

struct FinishedSpan {
  Span span;
  std::string name;
  SpanKind kind = SpanKind::server;
  std::int64_t start_unix_ns = 0;
  std::int64_t end_unix_ns = 0;
  bool error = false;
  std::string status_message;  // with error
  std::vector<Attribute> attributes;
};

// The OTLP/JSON ExportTraceServiceRequest for one batch (exposed for tests).
std::string encode_otlp_json(const ExporterOptions& options,
                             const std::vector<FinishedSpan>& spans);

class Exporter {
  struct Opened {  // only open() makes one: the options are checked
    explicit Opened() = default;
  };

 public:
  // validation_failed when the endpoint is not an http(s) URL or a bound is zero.
  static Result<std::unique_ptr<Exporter>> open(ExporterOptions options,
                                                metrics::Registry& registry);
  Exporter(Opened, ExporterOptions options, metrics::Registry& registry);
  ~Exporter();
  Exporter(const Exporter&) = delete;
  Exporter& operator=(const Exporter&) = delete;

  // Queues a sampled span and returns at once; a full queue drops it (counted).
  void record(FinishedSpan&& span);
  // Posts what is queued (each post within its timeout) and ends the thread.
  void stop();

 private:
  void run();
  void post(const std::vector<FinishedSpan>& batch);

  ExporterOptions options_;
  std::string url_;
  metrics::Counter& exported_;
  metrics::Counter& dropped_;
  metrics::Counter& failed_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<FinishedSpan> queue_;  // guarded by mutex_
  bool stopping_ = false;           // guarded by mutex_
  std::thread thread_;
};

// The process's exporter, which the HTTP server and the bus hand their spans to; nullptr (the
// default) exports nothing. The exporter must outlive its installation.
void install(Exporter* exporter);
bool exporting();
void export_span(FinishedSpan&& span);

// Now, in Unix nanoseconds (span timestamps).
std::int64_t unix_now_ns();

}  // namespace reskflow::trace
