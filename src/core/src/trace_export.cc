// The OTLP/HTTP JSON span exporter: a bounded queue, a batching thread and libcurl posts.
#include "reskflow/core/trace_export.h"

#include <curl/curl.h>

#include <atomic>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "reskflow/core/json_text.h"
#include "reskflow/core/log.h"

namespace reskflow::trace {
namespace {

std::atomic<Exporter*> installed{nullptr};

boost::json::object attribute_json(const Attribute& attribute) {
  boost::json::object value;
  if (const auto* text = std::get_if<std::string>(&attribute.value)) {
    value["stringValue"] = *text;
  } else {
    // OTLP/JSON writes 64-bit integers as decimal strings.
    value["intValue"] = std::to_string(std::get<std::int64_t>(attribute.value));
  }
  return {{"key", attribute.key}, {"value", std::move(value)}};
}

boost::json::object span_json(const FinishedSpan& s) {
  boost::json::array attributes;
  for (const auto& a : s.attributes) attributes.emplace_back(attribute_json(a));
  boost::json::object status{{"code", s.error ? 2 : 0}};
  if (s.error && !s.status_message.empty()) status["message"] = s.status_message;
  boost::json::object out{{"traceId", s.span.trace_id},
                          {"spanId", s.span.span_id},
                          {"flags", s.span.flags},
                          {"name", s.name},
                          {"kind", static_cast<int>(s.kind)},
                          {"startTimeUnixNano", std::to_string(s.start_unix_ns)},
                          {"endTimeUnixNano", std::to_string(s.end_unix_ns)},
                          {"attributes", std::move(attributes)},
                          {"status", std::move(status)}};
  if (!s.span.parent_span_id.empty()) out["parentSpanId"] = s.span.parent_span_id;
  if (!s.span.tracestate.empty()) out["traceState"] = s.span.tracestate;
  return out;
}

std::size_t discard_body(char* /*data*/, std::size_t size, std::size_t count, void* /*user*/) {
  return size * count;
}

}  // namespace

std::string encode_otlp_json(const ExporterOptions& options,
                             const std::vector<FinishedSpan>& spans) {
  boost::json::array resource_attributes{attribute_json({"service.name", options.service_name})};
  if (!options.service_instance.empty())
    resource_attributes.emplace_back(
        attribute_json({"service.instance.id", options.service_instance}));
  boost::json::array encoded;
  for (const auto& span : spans) encoded.emplace_back(span_json(span));
  boost::json::object scope_spans{{"scope", {{"name", "reskflow"}}}, {"spans", std::move(encoded)}};
  boost::json::object resource_spans{{"resource", {{"attributes", std::move(resource_attributes)}}},
                                     {"scopeSpans", boost::json::array{std::move(scope_spans)}}};
  return json::serialize(
      boost::json::object{{"resourceSpans", boost::json::array{std::move(resource_spans)}}});
}

Result<std::unique_ptr<Exporter>> Exporter::open(ExporterOptions options,
                                                 metrics::Registry& registry) {
  if (!options.endpoint.starts_with("http://") && !options.endpoint.starts_with("https://"))
    return fail(ErrorCode::validation_failed,
                "OTEL_EXPORTER_OTLP_ENDPOINT must be an http:// or https:// URL");
  if (options.queue_spans_max == 0 || options.batch_spans_max == 0)
    return fail(ErrorCode::validation_failed, "the span queue and batch must hold a span");
  static std::once_flag curl_initialised;
  std::call_once(curl_initialised, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  return std::make_unique<Exporter>(Opened{}, std::move(options), registry);
}

Exporter::Exporter(Opened /*checked*/, ExporterOptions options, metrics::Registry& registry)
    : options_(std::move(options)),
      exported_(registry.counter("trace_spans_exported_total", "Spans posted to the collector")),
      dropped_(registry.counter("trace_spans_dropped_total",
                                "Spans dropped: the export queue was full or a post failed")),
      failed_(registry.counter("trace_export_failures_total",
                               "Span batches the collector refused "
                               "or that could not reach it")) {
  url_ = options_.endpoint;
  while (url_.ends_with('/')) url_.pop_back();
  url_ += "/v1/traces";
  thread_ = std::thread([this] { run(); });
}

Exporter::~Exporter() { stop(); }

void Exporter::record(FinishedSpan&& span) {
  if ((span.span.flags & sampled_flag) == 0) return;
  {
    const std::lock_guard lock(mutex_);
    if (stopping_ || queue_.size() >= options_.queue_spans_max) {
      dropped_.inc();
      return;
    }
    queue_.push_back(std::move(span));
    if (queue_.size() < options_.batch_spans_max) return;
  }
  wake_.notify_one();
}

void Exporter::stop() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

// Waits for a full batch, the interval or stop; posts outside the lock; at stop, posts what is
// left and returns.
void Exporter::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait_for(lock, options_.export_interval_ms,
                   [this] { return stopping_ || queue_.size() >= options_.batch_spans_max; });
    if (queue_.empty()) {
      if (stopping_) return;
      continue;
    }
    const auto n = std::min(queue_.size(), options_.batch_spans_max);
    std::vector<FinishedSpan> batch(std::make_move_iterator(queue_.begin()),
                                    std::make_move_iterator(queue_.begin() + static_cast<long>(n)));
    queue_.erase(queue_.begin(), queue_.begin() + static_cast<long>(n));
    lock.unlock();
    post(batch);
    lock.lock();
  }
}

void Exporter::post(const std::vector<FinishedSpan>& batch) {
  const std::string body = encode_otlp_json(options_, batch);
  const std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(),
                                                                 &curl_easy_cleanup);
  const std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers(
      curl_slist_append(nullptr, "Content-Type: application/json"), &curl_slist_free_all);
  CURLcode code = CURLE_FAILED_INIT;
  long status = 0;
  if (curl && headers) {
    curl_easy_setopt(curl.get(), CURLOPT_URL, url_.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl.get(), CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
    curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT_MS,
                     static_cast<long>(options_.export_timeout_ms.count()));
    curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, &discard_body);
    code = curl_easy_perform(curl.get());
    curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &status);
  }
  if (code == CURLE_OK && status >= 200 && status < 300) {
    exported_.inc(static_cast<double>(batch.size()));
    return;
  }
  failed_.inc();
  dropped_.inc(static_cast<double>(batch.size()));
  log::warn("trace_export_failed", {{"url", url_},
                                    {"status", static_cast<std::int64_t>(status)},
                                    {"error", curl_easy_strerror(code)},
                                    {"spans", static_cast<std::int64_t>(batch.size())}});
}

void install(Exporter* exporter) { installed.store(exporter, std::memory_order_release); }

bool exporting() { return installed.load(std::memory_order_acquire) != nullptr; }

void export_span(FinishedSpan&& span) {
  if (auto* exporter = installed.load(std::memory_order_acquire)) exporter->record(std::move(span));
}

std::int64_t unix_now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace reskflow::trace
