// The CLIENT span of an outgoing HTTP call: its attributes after OpenTelemetry's HTTP client
// conventions, the headers that carry it, and its export when it ends.
#include "reskflow/core/trace_client.h"

#include <algorithm>
#include <charconv>

namespace reskflow::trace {
namespace {

struct UrlParts {
  std::string origin;  // scheme://host[:port], without user and password
  std::string host;
  std::int64_t port = 0;
  std::string rest;  // path, query and fragment
};

std::int64_t port_of(std::string_view scheme, std::string_view text) {
  std::int64_t port = 0;
  if (text.empty() ||
      std::from_chars(text.data(), text.data() + text.size(), port).ec != std::errc{})
    return scheme == "https" ? 443 : 80;
  return port;
}

UrlParts parts_of(std::string_view url) {
  const auto scheme_end = url.find("://");
  const auto scheme =
      scheme_end == std::string_view::npos ? std::string_view("http") : url.substr(0, scheme_end);
  auto after = scheme_end == std::string_view::npos ? url : url.substr(scheme_end + 3);
  const auto path_start = std::min(after.find_first_of("/?#"), after.size());
  auto authority = after.substr(0, path_start);
  if (const auto at = authority.rfind('@'); at != std::string_view::npos)
    authority.remove_prefix(at + 1);
  UrlParts out;
  out.origin = std::string(scheme) + "://" + std::string(authority);
  out.rest = std::string(after.substr(path_start));
  std::string_view port_text;
  if (authority.starts_with('[')) {  // [IPv6]:port
    const auto close = std::min(authority.find(']'), authority.size());
    out.host = std::string(authority.substr(1, close - 1));
    if (close + 1 < authority.size() && authority[close + 1] == ':')
      port_text = authority.substr(close + 2);
  } else {
    const auto colon = authority.rfind(':');
    out.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) port_text = authority.substr(colon + 1);
  }
  out.port = port_of(scheme, port_text);
  return out;
}

}  // namespace

ClientSpan::ClientSpan(std::string_view method, std::string_view url, UrlShown shown) {
  const auto* parent = current();
  if (parent == nullptr) return;
  auto parts = parts_of(url);
  const std::string full = shown == UrlShown::whole ? parts.origin + parts.rest : parts.origin;
  span_ = FinishedSpan{child_of(*parent),
                       std::string(method),
                       SpanKind::client,
                       unix_now_ns(),
                       0,
                       false,
                       {},
                       {{"http.request.method", std::string(method)},
                        {"server.address", std::move(parts.host)},
                        {"server.port", parts.port},
                        {"url.full", full}}};
}

ClientSpan::~ClientSpan() {
  if (!span_) return;
  if (!ended_) {
    span_->error = true;
    span_->status_message = "the call ended without an answer";
    span_->attributes.push_back({"error.type", "_OTHER"});
  }
  span_->end_unix_ns = unix_now_ns();
  if (exporting()) export_span(std::move(*span_));
}

std::vector<std::pair<std::string, std::string>> ClientSpan::headers() const {
  if (!span_) return {};
  std::vector<std::pair<std::string, std::string>> out{
      {"traceparent", format_traceparent(span_->span)}};
  if (!span_->span.tracestate.empty()) out.emplace_back("tracestate", span_->span.tracestate);
  return out;
}

void ClientSpan::answered(int status) {
  if (!span_ || ended_) return;
  ended_ = true;
  span_->attributes.push_back({"http.response.status_code", std::int64_t{status}});
  if (status < 400) return;
  span_->error = true;
  span_->attributes.push_back({"error.type", std::to_string(status)});
}

void ClientSpan::failed(const Error& error) {
  if (!span_ || ended_) return;
  ended_ = true;
  span_->error = true;
  span_->status_message = error.detail;
  span_->attributes.push_back({"error.type", std::string(error_info(error.code).slug)});
}

}  // namespace reskflow::trace
