// What an OTLP/HTTP exporter posts, as the tests' collectors read it (otlp.h).
#include "reskflow/testing/otlp.h"

#include <boost/json.hpp>

namespace reskflow::testing {

std::vector<boost::json::object> otlp_spans(std::string_view body) {
  std::vector<boost::json::object> out;
  const auto request = boost::json::parse(body);
  for (const auto& resource : request.at("resourceSpans").as_array()) {
    for (const auto& scope : resource.at("scopeSpans").as_array()) {
      for (const auto& span : scope.at("spans").as_array()) out.push_back(span.as_object());
    }
  }
  return out;
}

std::string otlp_attribute(const boost::json::object& span, std::string_view key) {
  for (const auto& a : span.at("attributes").as_array()) {
    if (a.at("key").as_string() != key) continue;
    const auto& value = a.at("value").as_object();
    if (const auto* text = value.if_contains("stringValue")) return std::string(text->as_string());
    return std::string(value.at("intValue").as_string());
  }
  return "<absent>";
}

}  // namespace reskflow::testing
