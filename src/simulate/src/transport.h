// How the simulator reaches the target: plain TCP for an http:// target, TLS through OpenSSL for
// an https:// one, for its HTTP pool and its WebSockets alike. Over TLS the server's certificate
// is verified by default (the system's authorities, and the CA file the operator gives) and must
// name the target's host.
#pragma once

#include <boost/asio/ssl.hpp>
#include <boost/beast/ssl.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "asio.h"

namespace reskflow::simulate {

namespace ssl = asio::ssl;
using PlainStream = beast::tcp_stream;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;

// Where the target listens: "http://host[:port]" (port 80) or "https://host[:port]" (443).
struct Endpoint {
  std::string host;
  std::string port;
  bool tls = false;
};
std::optional<Endpoint> parse_target(std::string_view url);

// The client context of an https:// target: TLS 1.2 or later, the peer verified against the
// system's authorities and, when `ca_file` is not empty, the certificates that PEM file holds.
// Throws boost::system::system_error when the file cannot be read.
std::unique_ptr<ssl::context> tls_context(const std::string& ca_file);

// Connects the stream's socket to the first of `addresses` that answers, within `timeout`.
// Over TLS it then shakes hands, sending `host` as the server name and checking that the
// certificate names it. The error of the step that failed, or none.
Task<boost::system::error_code> connect_stream(PlainStream& stream,
                                               const tcp::resolver::results_type& addresses,
                                               const std::string& host,
                                               std::chrono::seconds timeout);
Task<boost::system::error_code> connect_stream(TlsStream& stream,
                                               const tcp::resolver::results_type& addresses,
                                               const std::string& host,
                                               std::chrono::seconds timeout);

}  // namespace reskflow::simulate
