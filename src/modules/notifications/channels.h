// The senders behind the email, SMS and Web Push channels: SMTP (libcurl, STARTTLS) or a file of
// JSON lines for email, Twilio's Messages API for SMS, RFC 8030 for Web Push. Each call is
// blocking and has a deadline.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "reskflow/core/errors.h"
#include "reskflow/modules/clock.h"
#include "web_push.h"

namespace reskflow::notifications {

// Where a Web Push message goes: one device's subscription, and the key that signs for it.
struct PushTarget {
  std::string endpoint;
  std::string p256dh;  // the subscription's public key, 65 raw bytes
  std::string auth;    // its auth secret, 16 raw bytes
  std::string urgency = "normal";
  web_push::KeyPair vapid;
};

// One message to one address.
struct Outgoing {
  std::string send_id;  // stable across retries: the Message-ID of a mail
  std::string to;       // an email address or an E.164 phone number
  std::string subject;
  std::string text;
  std::string html;                // email only; empty for an identity mail, which is plain text
  std::optional<PushTarget> push;  // Web Push only
};

// What the provider answered: its id for the message and status, when it gives them.
struct Accepted {
  std::string provider_id;
  std::string provider_status;
};

// A failure with ErrorCode::unavailable or timeout is worth retrying (the provider is down or
// slow), as is storage_busy (the address could not be read yet); any other refuses this message
// for good.
class Sender {
 public:
  virtual ~Sender() = default;
  virtual Result<Accepted> send(const Outgoing& message) = 0;
};

bool retryable(const Error& error);

struct SmtpOptions {
  std::string url;  // smtp://user:password@host:587 (STARTTLS required) or smtps://host:465
  std::string from;
  std::string ca_file;  // extra trust anchors (a private relay's CA); empty: the system's
  std::chrono::milliseconds timeout{10'000};
};

// Mail over SMTP: the connection upgraded with STARTTLS before anything is sent (smtp://), or
// TLS from the start (smtps://); a multipart/alternative message with the text and HTML parts.
std::unique_ptr<Sender> make_smtp_sender(SmtpOptions options);

// The mail sink without a mail server: one JSON line per message, {"to","subject","body","html",
// "event_id"} appended to `path` (event_id is the send's id).
class FileMailSender final : public Sender {
 public:
  explicit FileMailSender(std::string path) : path_(std::move(path)) {}
  Result<Accepted> send(const Outgoing& message) override;

 private:
  std::string path_;
  std::mutex mutex_;  // one writer at a time: lines never interleave
};

struct TwilioOptions {
  std::string base_url = "https://api.twilio.com";
  std::string account_sid;
  std::string auth_token;
  std::string from;  // the sending number, E.164
  // Where Twilio posts delivery statuses (this server's /v1/notifications/sms/status); empty:
  // no callbacks.
  std::string status_callback_url;
  std::chrono::milliseconds timeout{10'000};
};

// SMS through Twilio's Messages API: POST /2010-04-01/Accounts/{sid}/Messages.json, form-encoded
// To, From, Body and StatusCallback, with the account SID and auth token as basic auth.
std::unique_ptr<Sender> make_twilio_sender(TwilioOptions options);

// X-Twilio-Signature: base64(HMAC-SHA1(auth token, the callback URL followed by each POST
// parameter's name and value, sorted by name)).
std::string twilio_signature(std::string_view auth_token, std::string_view url,
                             std::vector<std::pair<std::string, std::string>> params);
bool verify_twilio_signature(std::string_view auth_token, std::string_view url,
                             const std::vector<std::pair<std::string, std::string>>& params,
                             std::string_view signature);

struct PushOptions {
  std::string subject;  // the VAPID "sub": a mailto: or https: URL a push service may contact
  std::chrono::seconds ttl{86'400};
  std::chrono::milliseconds timeout{10'000};
  modules::Clock clock;  // the VAPID token's expiry is counted from it
  // Endpoints resolving to loopback addresses are reached (tests); private, link-local and
  // other non-public addresses never are.
  bool allow_loopback = false;
};

// Web Push (RFC 8030): POST of the RFC 8291-encrypted JSON {"id","title","body"} to the
// subscription's endpoint with TTL, Urgency and a VAPID Authorization (RFC 8292). A 404 or 410
// fails with not_found (the subscription is gone), 429 and 5xx with unavailable, any other
// refusal with validation_failed, as is an endpoint whose name resolves to an address that is not
// public (this server's own network).
std::unique_ptr<Sender> make_push_sender(PushOptions options);

}  // namespace reskflow::notifications
