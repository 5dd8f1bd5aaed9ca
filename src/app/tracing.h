// Span export chosen by the environment: OTEL_EXPORTER_OTLP_ENDPOINT turns it on.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "reskflow/core/errors.h"
#include "reskflow/core/trace_export.h"

namespace reskflow::app {

// The exporter's options from OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_SERVICE_NAME and the
// RESKFLOW_TRACE_* bounds (QUEUE_SPANS_MAX, BATCH_SPANS_MAX, EXPORT_INTERVAL_MS,
// EXPORT_TIMEOUT_MS); nullopt without an endpoint (nothing is exported).
Result<std::optional<trace::ExporterOptions>> tracing_settings(
    const std::map<std::string, std::string>& environment, const std::string& node);

}  // namespace reskflow::app
