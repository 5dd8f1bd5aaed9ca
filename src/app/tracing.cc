// Reads the span exporter's settings from the environment (docs/deployment.md#tracing).
#include "tracing.h"

#include "reskflow/modules/settings.h"

namespace reskflow::app {

Result<std::optional<trace::ExporterOptions>> tracing_settings(
    const std::map<std::string, std::string>& environment, const std::string& node) {
  trace::ExporterOptions out;
  out.service_instance = node;
  if (auto name = environment.find("OTEL_SERVICE_NAME"); name != environment.end())
    out.service_name = name->second;
  modules::Settings s("trace", environment);
  out.queue_spans_max = static_cast<std::size_t>(
      s.integer("QUEUE_SPANS_MAX", static_cast<std::int64_t>(out.queue_spans_max), 1, 1'000'000));
  out.batch_spans_max = static_cast<std::size_t>(
      s.integer("BATCH_SPANS_MAX", static_cast<std::int64_t>(out.batch_spans_max), 1, 10'000));
  out.export_interval_ms = std::chrono::milliseconds(
      s.integer("EXPORT_INTERVAL_MS", out.export_interval_ms.count(), 100, 600'000));
  out.export_timeout_ms = std::chrono::milliseconds(
      s.integer("EXPORT_TIMEOUT_MS", out.export_timeout_ms.count(), 100, 60'000));
  if (auto ok = s.finish(); !ok) return std::unexpected(ok.error());
  const auto endpoint = environment.find("OTEL_EXPORTER_OTLP_ENDPOINT");
  if (endpoint == environment.end() || endpoint->second.empty()) return std::nullopt;
  out.endpoint = endpoint->second;
  return out;
}

}  // namespace reskflow::app
