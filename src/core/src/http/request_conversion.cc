// Beast request → http::Request (path, query, headers, client address) and back for responses.
#include "http/request_conversion.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <random>

namespace reskflow::http {
namespace {

constexpr std::size_t request_id_chars_max = 128;

bool valid_request_id(std::string_view id) {
  if (id.empty() || id.size() > request_id_chars_max) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

// The client is the rightmost X-Forwarded-For entry that is not itself a trusted proxy.
void apply_forwarded(Request& r, const TrustedProxies& proxies) {
  if (auto xff = r.header("X-Forwarded-For")) {
    std::string_view chain = *xff;
    while (!chain.empty()) {
      const auto comma = chain.rfind(',');
      const auto entry =
          trim_ows(comma == std::string_view::npos ? chain : chain.substr(comma + 1));
      chain = comma == std::string_view::npos ? std::string_view{} : chain.substr(0, comma);
      boost::system::error_code ec;
      const auto address = asio::ip::make_address(std::string(entry), ec);
      if (ec) break;
      r.client_ip = address.to_string();
      if (!proxies.contains(address)) break;
    }
  }
  if (auto proto = r.header("X-Forwarded-Proto")) r.secure = iequals(trim_ows(*proto), "https");
}

// True when `text` has none of CR, LF and (for a header name) ':'. One pass: find_first_of
// would search the set once per character.
bool header_safe(std::string_view text, bool name) {
  return std::ranges::none_of(
      text, [name](char c) { return c == '\r' || c == '\n' || (name && c == ':'); });
}

// Header names and values never carry CR or LF: no response splitting.
void append_header(std::string& out, std::string_view name, std::string_view value) {
  if (header_safe(name, true) && header_safe(value, false)) {
    out.append(name).append(": ").append(value).append("\r\n");
    return;
  }
  for (char c : name) {
    if (c != '\r' && c != '\n' && c != ':') out.push_back(c);
  }
  out += ": ";
  for (char c : value) {
    if (c != '\r' && c != '\n') out.push_back(c);
  }
  out += "\r\n";
}

const std::string& http_date() {
  thread_local std::time_t cached_second = 0;
  thread_local std::string cached;
  const auto now = std::time(nullptr);
  if (now != cached_second) {
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[64];
    const auto n = std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    cached.assign(buf, n);
    cached_second = now;
  }
  return cached;
}

// The peer's text form, kept per thread: inet_ntop costs more than the rest of a small
// request's conversion, and a connection's requests (or a proxy's) come from one address.
const std::string& peer_text(const asio::ip::address& peer) {
  thread_local asio::ip::address last;
  thread_local std::string text;
  if (text.empty() || peer != last) {
    last = peer;
    text = peer.to_string();
  }
  return text;
}

}  // namespace

std::string_view trim_ows(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

Result<TrustedProxies> TrustedProxies::parse(const std::vector<std::string>& entries) {
  RF_TRY(networks, Networks::parse(entries, "trusted_proxies"));
  TrustedProxies out;
  out.networks_ = std::move(*networks);
  return out;
}

bool TrustedProxies::contains(const asio::ip::address& address) const {
  if (address.is_v4()) return networks_.contains_v4(address.to_v4().to_uint());
  const auto a = address.to_v6();
  if (a.is_v4_mapped())
    return networks_.contains_v4(asio::ip::make_address_v4(asio::ip::v4_mapped, a).to_uint());
  return networks_.contains_v6(a.to_bytes());
}

Result<Request> to_request(BeastRequest&& raw, const asio::ip::address& peer,
                           const TrustedProxies& proxies) {
  Request r;
  const auto method = parse_method(std::string_view(raw.method_string()));
  if (!method) return fail(ErrorCode::method_not_allowed, "unsupported HTTP method");
  r.method = *method;
  r.target = std::string(raw.target());
  if (r.target.empty() || r.target.front() != '/')
    return fail(ErrorCode::bad_request, "the request target must be an absolute path");
  const auto question = r.target.find('?');
  if (!decode_path(std::string_view(r.target).substr(0, question), r.path))
    return fail(ErrorCode::bad_request, "the request path has a malformed percent-escape");
  if (question != std::string::npos &&
      !parse_query(std::string_view(r.target).substr(question + 1), r.query))
    return fail(ErrorCode::bad_request, "the query string has a malformed percent-escape");
  r.headers.reserve(16);
  for (const auto& field : raw) {
    r.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  r.body = std::move(raw.body());
  r.client_ip = peer_text(peer);
  if (proxies.contains(peer)) apply_forwarded(r, proxies);
  return r;
}

std::string request_id_for(const Request& request) {
  if (auto given = request.header("X-Request-Id"); given && valid_request_id(*given))
    return std::string(*given);
  // 128 random bits as 32 hex digits (written by hand: a format call cost more than the rest).
  thread_local std::mt19937_64 rng{std::random_device{}()};
  constexpr std::string_view hex = "0123456789abcdef";
  std::string id(32, '0');
  for (std::size_t half = 0; half < 2; ++half) {
    auto bits = rng();
    for (std::size_t i = 16; i-- > 0; bits >>= 4) id[half * 16 + i] = hex[bits & 0xFU];
  }
  return id;
}

Wire serialize(Response&& response, const Request& request, bool keep_alive, unsigned version) {
  std::string out;
  out.reserve(256 + response.body.size());
  out += version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ";
  out += std::to_string(response.status);
  out += ' ';
  out += bhttp::obsolete_reason(static_cast<bhttp::status>(response.status));
  out += "\r\n";
  out += "Server: reskflow\r\n";
  append_header(out, "Date", http_date());
  if (!response.content_type.empty()) append_header(out, "Content-Type", response.content_type);
  out += "X-Content-Type-Options: nosniff\r\n";
  // Other sites learn at most this origin from links and requests, never a path or query.
  out += "Referrer-Policy: strict-origin-when-cross-origin\r\n";
  // Browsers that reached this node over HTTPS (through a trusted proxy) keep to HTTPS for a
  // year; over plain HTTP the header would mean nothing (RFC 6797 §8.1), so it is not sent.
  if (request.secure) out += "Strict-Transport-Security: max-age=31536000\r\n";
  if (!request.request_id.empty()) append_header(out, "X-Request-Id", request.request_id);
  for (const auto& [name, value] : response.headers) append_header(out, name, value);
  if (!keep_alive) {
    append_header(out, "Connection", "close");
  } else if (version == 10) {
    append_header(out, "Connection", "keep-alive");
  }
  const bool bodiless = response.status == 204 || response.status == 304 || response.status < 200;
  if (!bodiless) append_header(out, "Content-Length", std::to_string(response.payload().size()));
  out += "\r\n";
  if (bodiless || request.method == Method::head) return {std::move(out), nullptr};
  out += response.body;
  return {std::move(out), std::move(response.shared_body)};
}

}  // namespace reskflow::http
