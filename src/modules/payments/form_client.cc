// Beast over TCP or OpenSSL for the Stripe adapter's requests.
#include "form_client.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
// Asio is compiled separately (reskflow_core); its SSL part is compiled here, its only user in
// the server binary.
#include <openssl/ssl.h>
#include <boost/asio/ssl/impl/src.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include "reskflow/core/trace_client.h"

namespace reskflow::payments {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

struct Target {
  bool tls = false;
  std::string host;
  std::string port;
  std::string prefix;  // a path the base URL carries ("/stripe")
};

Result<Target> target_of(std::string_view url) {
  Target t;
  t.tls = url.starts_with("https://");
  if (!t.tls && !url.starts_with("http://"))
    return fail(ErrorCode::internal, "the provider's base URL is not http(s)");
  url.remove_prefix(t.tls ? 8 : 7);
  const auto slash = url.find('/');
  const auto authority = url.substr(0, slash);
  if (slash != std::string_view::npos) t.prefix = std::string(url.substr(slash));
  while (t.prefix.ends_with('/')) t.prefix.pop_back();
  const auto colon = authority.rfind(':');
  t.host = std::string(authority.substr(0, colon));
  t.port = colon == std::string_view::npos ? (t.tls ? "443" : "80")
                                           : std::string(authority.substr(colon + 1));
  return t;
}

// Runs one asynchronous operation to its end on `io` and throws its error. Beast applies a
// tcp_stream's expiry to asynchronous operations only, so every step is one: the deadline set
// before connecting then bounds the connect, the handshake, the write and the read.
template <class Initiate>
void await_on(asio::io_context& io, Initiate initiate) {
  beast::error_code failure;
  initiate([&failure](beast::error_code ec, auto&&... /*result*/) { failure = ec; });
  io.restart();
  io.run();
  if (failure) throw boost::system::system_error(failure);
}

template <class Stream>
FormResponse exchange(asio::io_context& io, Stream& stream, const Target& t, std::string_view path,
                      std::string_view form,
                      const std::vector<std::pair<std::string, std::string>>& headers) {
  bhttp::request<bhttp::string_body> req{bhttp::verb::post, t.prefix + std::string(path), 11};
  req.set(bhttp::field::host, t.host);
  req.set(bhttp::field::content_type, "application/x-www-form-urlencoded");
  for (const auto& [k, v] : headers) req.set(k, v);
  req.body() = std::string(form);
  req.prepare_payload();
  await_on(io, [&](auto done) { bhttp::async_write(stream, req, std::move(done)); });
  beast::flat_buffer buffer;
  bhttp::response<bhttp::string_body> res;
  await_on(io, [&](auto done) { bhttp::async_read(stream, buffer, res, std::move(done)); });
  return {static_cast<int>(res.result_int()), std::move(res.body())};
}

FormResponse post_tls(asio::io_context& io, const Target& t, const tcp::resolver::results_type& at,
                      std::string_view path, std::string_view form,
                      const std::vector<std::pair<std::string, std::string>>& headers,
                      std::chrono::milliseconds timeout) {
  asio::ssl::context ctx(asio::ssl::context::tls_client);
  ctx.set_default_verify_paths();
  ctx.set_verify_mode(asio::ssl::verify_peer);
  beast::ssl_stream<beast::tcp_stream> stream(io, ctx);
  // SNI (SSL_set_tlsext_host_name without its C cast).
  SSL_ctrl(stream.native_handle(), SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
           const_cast<char*>(t.host.c_str()));
  stream.set_verify_callback(asio::ssl::host_name_verification(t.host));
  beast::get_lowest_layer(stream).expires_after(timeout);
  await_on(io,
           [&](auto done) { beast::get_lowest_layer(stream).async_connect(at, std::move(done)); });
  await_on(io, [&](auto done) {
    stream.async_handshake(asio::ssl::stream_base::client, std::move(done));
  });
  return exchange(io, stream, t, path, form, headers);
}

Result<FormResponse> post_untraced(std::string_view base_url, std::string_view path,
                                   std::string_view form,
                                   const std::vector<std::pair<std::string, std::string>>& headers,
                                   std::chrono::milliseconds timeout) {
  RF_TRY(target, target_of(base_url));
  asio::io_context io;
  try {
    tcp::resolver resolver(io);
    const auto at = resolver.resolve(target->host, target->port);
    if (target->tls) return post_tls(io, *target, at, path, form, headers, timeout);
    beast::tcp_stream stream(io);
    stream.expires_after(timeout);
    await_on(io, [&](auto done) { stream.async_connect(at, std::move(done)); });
    return exchange(io, stream, *target, path, form, headers);
  } catch (const boost::system::system_error& e) {
    if (e.code() == beast::error::timeout)
      return fail(ErrorCode::timeout, "the payment provider did not answer in time");
    return fail(ErrorCode::unavailable,
                "the payment provider cannot be reached: " + e.code().message());
  }
}

}  // namespace

Result<FormResponse> post_form(std::string_view base_url, std::string_view path,
                               std::string_view form,
                               const std::vector<std::pair<std::string, std::string>>& headers,
                               std::chrono::milliseconds timeout) {
  trace::ClientSpan span("POST", std::string(base_url) + std::string(path));
  auto traced = headers;
  for (auto& header : span.headers()) traced.push_back(std::move(header));
  auto answer = post_untraced(base_url, path, form, traced, timeout);
  if (answer)
    span.answered(answer->status);
  else
    span.failed(answer.error());
  return answer;
}

}  // namespace reskflow::payments
