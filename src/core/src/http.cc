// Request/response helpers: header lookup, query parsing, JSON and problem+json rendering.
#include "reskflow/core/http.h"

#include <algorithm>
#include <array>
#include <boost/json.hpp>

#include "reskflow/core/json_text.h"

namespace reskflow::http {
namespace {

constexpr std::array<std::string_view, static_cast<std::size_t>(Method::count_)> method_names{
    "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool decode_component(std::string_view raw, bool plus_is_space, std::string& out) {
  out.clear();
  out.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const char c = raw[i];
    if (c == '%') {
      if (i + 2 >= raw.size()) return false;
      const int hi = hex_value(raw[i + 1]);
      const int lo = hex_value(raw[i + 2]);
      if (hi < 0 || lo < 0) return false;
      const char decoded = static_cast<char>(hi * 16 + lo);
      if (decoded == '\0') return false;
      out.push_back(decoded);
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return true;
}

// Well-formed UTF-8 (no overlongs, surrogates or code points above U+10FFFF).
bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t extra = 0;
    std::uint32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      extra = 1;
      cp = c & 0x1Fu;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2;
      cp = c & 0x0Fu;
    } else if ((c & 0xF8) == 0xF0) {
      extra = 3;
      cp = c & 0x07u;
    } else {
      return false;
    }
    if (i + extra >= s.size()) return false;
    for (std::size_t k = 1; k <= extra; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3Fu);
    }
    constexpr std::uint32_t min_for[] = {0, 0x80, 0x800, 0x10000};
    if (cp < min_for[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += extra + 1;
  }
  return true;
}

template <class Pairs>
std::optional<std::string_view> find_exact(const Pairs& pairs, std::string_view name) {
  for (const auto& [k, v] : pairs) {
    if (k == name) return std::string_view(v);
  }
  return std::nullopt;
}

}  // namespace

std::string_view method_name(Method m) { return method_names[static_cast<std::size_t>(m)]; }

std::optional<Method> parse_method(std::string_view name) {
  for (std::size_t i = 0; i < method_names.size(); ++i) {
    if (method_names[i] == name) return static_cast<Method>(i);
  }
  return std::nullopt;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  }
  return true;
}

std::optional<std::string_view> Request::header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (iequals(k, name)) return std::string_view(v);
  }
  return std::nullopt;
}

std::optional<std::string_view> Request::query_param(std::string_view name) const {
  return find_exact(query, name);
}

std::optional<std::string_view> Request::param(std::string_view name) const {
  return find_exact(params, name);
}

void Response::set_header(std::string name, std::string value) {
  for (auto& [k, v] : headers) {
    if (iequals(k, name)) {
      v = std::move(value);
      return;
    }
  }
  headers.emplace_back(std::move(name), std::move(value));
}

std::optional<std::string_view> Response::header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (iequals(k, name)) return std::string_view(v);
  }
  return std::nullopt;
}

Response json(int status, const boost::json::value& body) {
  Response r;
  r.status = status;
  r.content_type = "application/json";
  r.body = reskflow::json::serialize(body);
  return r;
}

Response problem(const Error& error, std::string_view request_id, std::string_view instance) {
  const auto& info = error_info(error.code);
  boost::json::object body;
  body["type"] = problem_type(error.code);
  body["title"] = info.title;
  body["status"] = info.http_status;
  std::string detail(error.detail.empty() ? info.title : std::string_view(error.detail));
  const auto listed = std::min(error.fields.size(), field_errors_max);
  if (listed < error.fields.size())
    detail += " (" + omitted_field_errors_note(error.fields.size()) + ")";
  body["detail"] = detail;
  body["code"] = static_cast<int>(error.code);
  if (!instance.empty()) body["instance"] = instance;
  if (!request_id.empty()) body["request_id"] = request_id;
  if (!error.fields.empty()) {
    boost::json::array errors;
    for (std::size_t i = 0; i < listed; ++i) {
      const auto& f = error.fields[i];
      errors.push_back(boost::json::object{{"field", f.field}, {"message", f.message}});
    }
    body["errors"] = std::move(errors);
  }
  for (const auto& m : error.members) body[m.name] = m.value;
  Response r = json(info.http_status, body);
  r.content_type = "application/problem+json";
  return r;
}

bool parse_query(std::string_view raw, std::vector<std::pair<std::string, std::string>>& out) {
  out.clear();
  while (!raw.empty()) {
    const auto amp = raw.find('&');
    const auto part = raw.substr(0, amp);
    raw = amp == std::string_view::npos ? std::string_view{} : raw.substr(amp + 1);
    if (part.empty()) continue;
    const auto eq = part.find('=');
    std::string key;
    std::string value;
    if (!decode_component(part.substr(0, eq), true, key) || !valid_utf8(key)) return false;
    if (eq != std::string_view::npos &&
        (!decode_component(part.substr(eq + 1), true, value) || !valid_utf8(value)))
      return false;
    out.emplace_back(std::move(key), std::move(value));
  }
  return true;
}

bool decode_path(std::string_view raw, std::string& out) {
  // An encoded '/' would otherwise split a segment after decoding ("/v1/orders/a%2Fb").
  for (std::size_t i = 0; i + 2 < raw.size(); ++i) {
    if (raw[i] == '%' && raw[i + 1] == '2' && (raw[i + 2] == 'F' || raw[i + 2] == 'f'))
      return false;
  }
  return decode_component(raw, false, out) && valid_utf8(out);
}

}  // namespace reskflow::http
