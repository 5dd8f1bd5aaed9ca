// Reading what an OTLP/HTTP span exporter posts (the JSON encoding), for the tests that stand in
// for a collector.
#pragma once

#include <boost/json/object.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace reskflow::testing {

// Every span of an ExportTraceServiceRequest body, in order; throws on a malformed body.
std::vector<boost::json::object> otlp_spans(std::string_view body);

// The value of a span's attribute as text (an intValue's decimal string), or "<absent>".
std::string otlp_attribute(const boost::json::object& span, std::string_view key);

}  // namespace reskflow::testing
