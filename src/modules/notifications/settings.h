// The notifications module's typed settings (RESKFLOW_NOTIFICATIONS_*).
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "reskflow/core/config.h"
#include "reskflow/core/errors.h"

namespace reskflow::notifications {

struct NotificationsSettings {
  // Email: over SMTP when smtp_url is set (smtp:// demands STARTTLS, smtps:// is TLS from the
  // start), else appended to mail_file (none: email is not sent).
  std::string smtp_url;
  std::string smtp_ca_file;
  std::string mail_from = "ReskFlow <no-reply@reskflow.localhost>";
  std::string mail_file = "var/mail.log";
  // SMS through Twilio when an account SID is set.
  std::string twilio_base_url = "https://api.twilio.com";
  std::string twilio_account_sid;
  std::string twilio_auth_token;
  std::string twilio_from;
  // This server's public URL of POST /v1/notifications/sms/status, as Twilio signs it.
  std::string twilio_status_callback_url;
  // The queue: a send is tried up to send_attempts_max times, waiting retry_backoff_initial_ms
  // after the first failure and twice as long after each next one, at most retry_backoff_max_ms;
  // then it is a dead letter.
  std::int64_t send_attempts_max = 8;
  std::int64_t retry_backoff_initial_ms = 30'000;
  std::int64_t retry_backoff_max_ms = 3'600'000;
  std::int64_t send_timeout_ms = 10'000;
  std::int64_t dispatch_interval_ms = 1'000;
  std::int64_t dispatch_batch_max = 50;
  // Web Push: the VAPID key pair (raw bytes; decoded from base64url). When no private key is
  // set, one is generated on first start and kept in the database, sealed with data_key.
  std::string vapid_private_key;
  std::string vapid_subject = "mailto:no-reply@reskflow.localhost";
  // AES-256 key (32 bytes) sealing the generated VAPID private key; outside production it is
  // derived from the JWT secret when unset.
  std::string data_key;
  std::int64_t push_ttl_s = 86'400;
  // Endpoints must be https://; http:// to a loopback host only when this is set (tests).
  bool push_allow_loopback_http = false;
  std::int64_t push_subscriptions_per_user_max = 20;
  // Chat: a recipient who has not read a message this long after it is told (one notice per
  // conversation until they read it); a participant watching the conversation reads it first.
  std::int64_t chat_notice_delay_ms = 30'000;
};

// Reads RESKFLOW_NOTIFICATIONS_* from `environment`; unknown keys, out-of-range values, a Twilio
// account without its token or sending number, malformed VAPID keys and, in production, a
// generated VAPID key without a DATA_KEY to seal it are refused.
// In production there is no mail file unless one is set.
Result<NotificationsSettings> load_settings(const Config& config,
                                            const std::map<std::string, std::string>& environment);

}  // namespace reskflow::notifications
