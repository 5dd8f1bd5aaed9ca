// Turns a parsed Beast request into the module-facing http::Request, and a Response into
// bytes; shared by the server and the fuzz harness.
#pragma once

#include <array>
#include <memory>
#include <string>
#include <vector>

#include "http/beast.h"
#include "reskflow/core/errors.h"
#include "reskflow/core/http.h"
#include "reskflow/core/networks.h"

namespace reskflow::http {

// Proxies whose X-Forwarded-For / X-Forwarded-Proto are honoured.
class TrustedProxies {
 public:
  // Entries are addresses or CIDR networks ("10.0.0.0/8", "::1"); validation_failed on a bad one.
  static Result<TrustedProxies> parse(const std::vector<std::string>& entries);
  bool contains(const asio::ip::address& address) const;

 private:
  Networks networks_;
};

// bad_request when the method is unknown or the target is not a decodable origin-form path.
Result<Request> to_request(BeastRequest&& raw, const asio::ip::address& peer,
                           const TrustedProxies& proxies);

// `s` without the optional whitespace (spaces and tabs, RFC 9110 §5.6.3) around a header value
// or list element.
std::string_view trim_ows(std::string_view s);

// A valid client-supplied X-Request-Id is kept; otherwise a fresh one is generated.
std::string request_id_for(const Request& request);

// A response as bytes on the wire: the status line, headers and an owned body in `head`, then a
// shared body (Response::shared_body) written from the cache that keeps it.
struct Wire {
  std::string head;
  std::shared_ptr<const std::string> tail;

  std::array<asio::const_buffer, 2> buffers() const {
    return {asio::buffer(head), tail ? asio::buffer(*tail) : asio::const_buffer{}};
  }
};

// The status line, headers (CR and LF stripped from values), the headers every response carries
// (X-Content-Type-Options, Referrer-Policy, and Strict-Transport-Security when the request came
// over HTTPS), Content-Length, and the body unless the request was HEAD or the status has none.
Wire serialize(Response&& response, const Request& request, bool keep_alive, unsigned version);

}  // namespace reskflow::http
