// The simulator's plain and TLS connections (transport.h).
#include "transport.h"

#include <openssl/err.h>
#include <openssl/ssl.h>

namespace reskflow::simulate {

std::optional<Endpoint> parse_target(std::string_view url) {
  Endpoint endpoint;
  if (url.starts_with("https://")) {
    endpoint.tls = true;
    url.remove_prefix(8);
  } else if (url.starts_with("http://")) {
    url.remove_prefix(7);
  } else {
    return std::nullopt;
  }
  while (url.ends_with('/')) url.remove_suffix(1);
  if (url.empty() || url.find('/') != std::string_view::npos) return std::nullopt;
  const auto colon = url.rfind(':');
  endpoint.host = std::string(url.substr(0, colon));
  endpoint.port = colon == std::string_view::npos ? (endpoint.tls ? "443" : "80")
                                                  : std::string(url.substr(colon + 1));
  return endpoint;
}

std::unique_ptr<ssl::context> tls_context(const std::string& ca_file) {
  auto context = std::make_unique<ssl::context>(ssl::context::tls_client);
  SSL_CTX_set_min_proto_version(context->native_handle(), TLS1_2_VERSION);
  context->set_default_verify_paths();
  if (!ca_file.empty()) context->load_verify_file(ca_file);
  context->set_verify_mode(ssl::verify_peer);
  return context;
}

Task<boost::system::error_code> connect_stream(PlainStream& stream,
                                               const tcp::resolver::results_type& addresses,
                                               const std::string& /*host*/,
                                               std::chrono::seconds timeout) {
  stream.expires_after(timeout);
  auto [ec, ignored] = co_await stream.async_connect(addresses, use_tuple);
  co_return ec;
}

Task<boost::system::error_code> connect_stream(TlsStream& stream,
                                               const tcp::resolver::results_type& addresses,
                                               const std::string& host,
                                               std::chrono::seconds timeout) {
  auto& socket = beast::get_lowest_layer(stream);
  socket.expires_after(timeout);
  auto [ec, ignored] = co_await socket.async_connect(addresses, use_tuple);
  if (ec) co_return ec;
  boost::system::error_code not_an_address;
  asio::ip::make_address(host, not_an_address);
  // Server Name Indication (SSL_set_tlsext_host_name without its C cast) carries names only,
  // never an address.
  if (not_an_address && SSL_ctrl(stream.native_handle(), SSL_CTRL_SET_TLSEXT_HOSTNAME,
                                 TLSEXT_NAMETYPE_host_name, const_cast<char*>(host.c_str())) != 1)
    co_return boost::system::error_code(static_cast<int>(::ERR_get_error()),
                                        asio::error::get_ssl_category());
  stream.set_verify_callback(ssl::host_name_verification(host));
  auto [handshake_ec] = co_await stream.async_handshake(ssl::stream_base::client, use_tuple);
  co_return handshake_ec;
}

}  // namespace reskflow::simulate
