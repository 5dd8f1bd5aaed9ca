// Web Push delivery (RFC 8030) with libcurl: the encrypted message POSTed to the subscription's
// endpoint with its TTL, Urgency and VAPID Authorization, only to public addresses, and the push
// service's answer mapped onto the send queue's outcomes.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <boost/json.hpp>

#include <array>
#include <cctype>
#include <cstring>

#include "channels.h"
#include "curl_easy.h"
#include "reskflow/core/json_text.h"
#include "reskflow/core/trace_client.h"

namespace reskflow::notifications {
namespace {

// The token is good for 12 hours: RFC 8292 allows at most 24.
constexpr std::int64_t vapid_token_lifetime_s = 12LL * 3'600;

std::size_t append_body(char* data, std::size_t size, std::size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

// Keeps the Location header: the push service's URL of the message it accepted.
std::size_t keep_location(char* data, std::size_t size, std::size_t count, void* user) {
  const std::string_view line(data, size * count);
  constexpr std::string_view name = "location:";
  if (line.size() > name.size()) {
    bool matches = true;
    for (std::size_t i = 0; i < name.size(); ++i)
      matches = matches && std::tolower(static_cast<unsigned char>(line[i])) == name[i];
    if (matches) {
      auto value = line.substr(name.size());
      while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
        value.remove_prefix(1);
      while (!value.empty() && (value.back() == '\r' || value.back() == '\n'))
        value.remove_suffix(1);
      *static_cast<std::string*>(user) = value;
    }
  }
  return size * count;
}

bool loopback(const sockaddr* address) {
  if (address->sa_family == AF_INET) {
    const auto ip = ntohl(reinterpret_cast<const sockaddr_in*>(address)->sin_addr.s_addr);
    return (ip >> 24) == 127;
  }
  if (address->sa_family == AF_INET6)
    return IN6_IS_ADDR_LOOPBACK(&reinterpret_cast<const sockaddr_in6*>(address)->sin6_addr);
  return false;
}

// Only public unicast addresses: not loopback, private (RFC 1918, RFC 4193), shared (RFC 6598),
// link-local, unspecified, multicast or reserved.
bool public_address(const sockaddr* address) {
  if (address->sa_family == AF_INET6) {
    const auto& ip6 = reinterpret_cast<const sockaddr_in6*>(address)->sin6_addr;
    if (IN6_IS_ADDR_V4MAPPED(&ip6)) {
      sockaddr_in v4{};
      v4.sin_family = AF_INET;
      std::memcpy(&v4.sin_addr, ip6.s6_addr + 12, 4);
      return public_address(reinterpret_cast<const sockaddr*>(&v4));
    }
    const auto first = ip6.s6_addr[0];
    return !IN6_IS_ADDR_LOOPBACK(&ip6) && !IN6_IS_ADDR_UNSPECIFIED(&ip6) &&
           !IN6_IS_ADDR_LINKLOCAL(&ip6) && !IN6_IS_ADDR_MULTICAST(&ip6) && (first & 0xFE) != 0xFC;
  }
  if (address->sa_family != AF_INET) return false;
  const auto ip = ntohl(reinterpret_cast<const sockaddr_in*>(address)->sin_addr.s_addr);
  const auto a = ip >> 24;
  const auto b = (ip >> 16) & 0xFF;
  return a != 0 && a != 10 && a != 127 && a < 224 && !(a == 100 && b >= 64 && b < 128) &&
         !(a == 169 && b == 254) && !(a == 172 && b >= 16 && b < 32) && !(a == 192 && b == 168);
}

struct SocketGate {
  bool allow_loopback = false;
  bool refused = false;
};

// libcurl's socket opener: refuses addresses of this server's own network before connecting.
curl_socket_t open_public_socket(void* user, curlsocktype /*purpose*/, curl_sockaddr* address) {
  auto* gate = static_cast<SocketGate*>(user);
  if (!public_address(&address->addr) && !(gate->allow_loopback && loopback(&address->addr))) {
    gate->refused = true;
    return CURL_SOCKET_BAD;
  }
  return ::socket(address->family, address->socktype, address->protocol);
}

struct Answer {
  long status = 0;
  std::string body;
  std::string location;
};

class PushSender final : public Sender {
 public:
  explicit PushSender(PushOptions options) : options_(std::move(options)) {}

  Result<Accepted> send(const Outgoing& message) override {
    if (!message.push) return fail(ErrorCode::internal, "a push send without a subscription");
    const auto& target = *message.push;
    const auto payload = json::serialize(boost::json::object{
        {"id", message.send_id}, {"title", message.subject}, {"body", fitted_body(message)}});
    RF_TRY(body, web_push::encrypt(payload, target.p256dh, target.auth));
    const auto audience = web_push::origin_of(target.endpoint);
    const auto expires_at_s = options_.clock() / 1'000'000 + vapid_token_lifetime_s;
    RF_TRY(token, web_push::vapid_token(target.vapid, audience, expires_at_s, options_.subject));
    RF_TRY(answer, post(target, *body, web_push::vapid_authorization(*token, target.vapid)));
    if (answer->status == 201 || answer->status == 202 || answer->status == 200)
      return Accepted{answer->location, "accepted"};
    const auto detail = "the push service answered " + std::to_string(answer->status) +
                        (answer->body.empty() ? "" : ": " + answer->body.substr(0, 200));
    if (answer->status == 404 || answer->status == 410)
      return fail(ErrorCode::not_found, detail + " (the subscription is gone)");
    if (answer->status == 429 || answer->status >= 500) return fail(ErrorCode::unavailable, detail);
    return fail(ErrorCode::validation_failed, detail);
  }

 private:
  // The text cut so that the JSON document fits one record (a notification shows a few lines).
  static std::string fitted_body(const Outgoing& message) {
    constexpr std::size_t envelope_bytes_max = 256;
    const auto room = web_push::plaintext_bytes_max - envelope_bytes_max - message.subject.size() -
                      message.send_id.size();
    if (message.text.size() <= room) return message.text;
    auto cut = room;
    // Never split a UTF-8 sequence: back up to the start of a character.
    while (cut > 0 && (static_cast<unsigned char>(message.text[cut]) & 0xC0) == 0x80) --cut;
    return message.text.substr(0, cut);
  }

  Result<Answer> post(const PushTarget& target, const std::string& body,
                      const std::string& authorization) {
    RF_TRY(handle, curl::easy());
    CURL* h = handle->get();
    curl::List headers;
    const std::array<std::string, 5> lines{
        "Content-Type: application/octet-stream", "Content-Encoding: aes128gcm",
        "TTL: " + std::to_string(options_.ttl.count()), "Urgency: " + target.urgency,
        "Authorization: " + authorization};
    for (const auto& line : lines)
      headers.reset(curl_slist_append(headers.release(), line.c_str()));
    // The endpoint's path is the subscription's capability: the span shows its origin only.
    trace::ClientSpan span("POST", target.endpoint, trace::UrlShown::origin_only);
    for (const auto& [name, value] : span.headers())
      headers.reset(curl_slist_append(headers.release(),
                                      std::string(name).append(": ").append(value).c_str()));
    Answer answer;
    SocketGate gate{options_.allow_loopback, false};
    std::array<char, CURL_ERROR_SIZE> error{};
    curl_easy_setopt(h, CURLOPT_URL, target.endpoint.c_str());
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "https,http");
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, append_body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &answer.body);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, keep_location);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, &answer.location);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.timeout.count()));
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error.data());
    curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, open_public_socket);
    curl_easy_setopt(h, CURLOPT_OPENSOCKETDATA, &gate);
    const auto code = curl_easy_perform(h);
    Error failure;
    if (gate.refused) {
      failure = Error{ErrorCode::validation_failed,
                      "the push endpoint resolves to an address of this server's own network",
                      {},
                      {}};
    } else if (code != CURLE_OK) {
      failure = curl::transfer_error(code, "push service", error.data());
    } else {
      curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &answer.status);
      span.answered(static_cast<int>(answer.status));
      return answer;
    }
    span.failed(failure);
    return std::unexpected(std::move(failure));
  }

  PushOptions options_;
};

}  // namespace

std::unique_ptr<Sender> make_push_sender(PushOptions options) {
  if (!options.clock) options.clock = modules::system_clock();
  return std::make_unique<PushSender>(std::move(options));
}

}  // namespace reskflow::notifications
