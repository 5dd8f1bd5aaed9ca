// HTTP request and response as plain types: modules see these, never Beast.
#pragma once

#include <boost/json/fwd.hpp>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "reskflow/core/errors.h"

namespace reskflow::http {

enum class Method : std::uint8_t { get, head, post, put, patch, delete_, options, count_ };

std::string_view method_name(Method m);
std::optional<Method> parse_method(std::string_view name);

using HeaderList = std::vector<std::pair<std::string, std::string>>;

// How a caller proved who they are: a person's session, or a partner's API key (limited to
// its scopes).
enum class Credential : std::uint8_t { session, api_key };

// Who made a request, once the router's guard has authenticated it.
struct Principal {
  std::string subject;              // user id, or API key id for partners
  std::string role;                 // customer, merchant, driver, admin, partner
  std::vector<std::string> scopes;  // API key scopes (empty for user sessions)
  std::string session_id;           // the refresh-token family of a user session
  Credential credential = Credential::session;
};

struct Request {
  Method method = Method::get;
  std::string target;  // as received: path and query
  std::string path;    // percent-decoded path
  std::vector<std::pair<std::string, std::string>> query;
  HeaderList headers;
  std::string body;
  std::string client_ip;  // the peer, or X-Forwarded-For when the peer is a trusted proxy
  bool secure = false;    // TLS here, or X-Forwarded-Proto: https from a trusted proxy
  std::string request_id;
  std::string route;  // the matched route template, e.g. /v1/orders/{id}
  std::vector<std::pair<std::string, std::string>> params;  // path parameters
  std::optional<Principal> principal;                       // set by the guard

  std::optional<std::string_view> header(std::string_view name) const;  // case-insensitive
  std::optional<std::string_view> query_param(std::string_view name) const;
  std::optional<std::string_view> param(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type;
  HeaderList headers;
  std::string body;
  // A body that a cache keeps (a rendered menu, a static file), written to the socket from
  // there and never copied. When set, it is the body and `body` stays empty.
  std::shared_ptr<const std::string> shared_body;

  std::string_view payload() const { return shared_body ? std::string_view(*shared_body) : body; }
  void set_header(std::string name, std::string value);
  std::optional<std::string_view> header(std::string_view name) const;
};

// A JSON response with the given status.
Response json(int status, const boost::json::value& body);

// RFC 9457 problem+json for an error; `instance` is the request path.
Response problem(const Error& error, std::string_view request_id, std::string_view instance);

// Splits "a=1&b=x%20y" into decoded pairs; false when an escape is malformed or a decoded
// key or value is not UTF-8.
bool parse_query(std::string_view raw, std::vector<std::pair<std::string, std::string>>& out);

// Percent-decodes a path; false on a bad escape, an encoded NUL or '/', or bytes that are not
// UTF-8.
bool decode_path(std::string_view raw, std::string& out);

bool iequals(std::string_view a, std::string_view b);

}  // namespace reskflow::http
