// RESKFLOW_NOTIFICATIONS_*: SMTP_URL, SMTP_CA_FILE, MAIL_FROM, MAIL_FILE, TWILIO_BASE_URL,
// TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM, TWILIO_STATUS_CALLBACK_URL, the queue's,
// and Web Push's: VAPID_PRIVATE_KEY, VAPID_PUBLIC_KEY, VAPID_SUBJECT, DATA_KEY, PUSH_*.
#include "settings.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>

#include "reskflow/modules/settings.h"
#include "web_push.h"

namespace reskflow::notifications {
namespace {

std::string derived_key(const Config& config, std::string_view purpose) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int size = 0;
  HMAC(EVP_sha256(), config.jwt_secret.data(), static_cast<int>(config.jwt_secret.size()),
       reinterpret_cast<const unsigned char*>(purpose.data()), purpose.size(), mac.data(), &size);
  return {reinterpret_cast<const char*>(mac.data()), size};
}

struct PushText {
  std::string private_key;
  std::string public_key;
  std::string data_key;
};

PushText read_push(modules::Settings& s, NotificationsSettings& out) {
  PushText text{s.text("VAPID_PRIVATE_KEY", ""), s.text("VAPID_PUBLIC_KEY", ""),
                s.text("DATA_KEY", "")};
  out.vapid_subject = s.text("VAPID_SUBJECT", out.vapid_subject);
  out.push_ttl_s = s.integer("PUSH_TTL_S", out.push_ttl_s, 0, 28LL * 86'400);
  out.push_allow_loopback_http = s.integer("PUSH_ALLOW_LOOPBACK_HTTP", 0, 0, 1) == 1;
  out.push_subscriptions_per_user_max =
      s.integer("PUSH_SUBSCRIPTIONS_PER_USER_MAX", out.push_subscriptions_per_user_max, 1, 1'000);
  return text;
}

// The VAPID key pair and the sealing key from their base64url text.
void decode_push(const Config& config, const PushText& text, NotificationsSettings& out,
                 std::vector<FieldError>& errors) {
  if (!text.private_key.empty()) {
    const auto raw = web_push::from_base64url(text.private_key);
    Result<web_push::KeyPair> pair = fail(ErrorCode::validation_failed, "not base64url");
    if (raw) pair = web_push::key_pair_of(*raw);
    if (!pair) {
      errors.push_back({"RESKFLOW_NOTIFICATIONS_VAPID_PRIVATE_KEY",
                        "must be a P-256 private key, 32 bytes in base64url"});
    } else if (!text.public_key.empty() &&
               web_push::from_base64url(text.public_key) != pair->public_key) {
      errors.push_back({"RESKFLOW_NOTIFICATIONS_VAPID_PUBLIC_KEY",
                        "is not the public key of VAPID_PRIVATE_KEY"});
    } else {
      out.vapid_private_key = *raw;
    }
  } else if (!text.public_key.empty()) {
    errors.push_back({"RESKFLOW_NOTIFICATIONS_VAPID_PUBLIC_KEY", "needs VAPID_PRIVATE_KEY"});
  }
  if (!out.vapid_subject.starts_with("mailto:") && !out.vapid_subject.starts_with("https://"))
    errors.push_back({"RESKFLOW_NOTIFICATIONS_VAPID_SUBJECT", "must be a mailto: or https: URL"});
  if (!text.data_key.empty()) {
    const auto raw = web_push::from_base64url(text.data_key);
    if (!raw || raw->size() != 32)
      errors.push_back({"RESKFLOW_NOTIFICATIONS_DATA_KEY", "must be 32 bytes in base64url"});
    else
      out.data_key = *raw;
  } else if (config.environment != Environment::production) {
    out.data_key = derived_key(config, "reskflow-dev-notifications-data-key");
  } else if (out.vapid_private_key.empty()) {
    errors.push_back({"RESKFLOW_NOTIFICATIONS_DATA_KEY",
                      "is required in production unless VAPID_PRIVATE_KEY is set"});
  }
}

}  // namespace

Result<NotificationsSettings> load_settings(const Config& config,
                                            const std::map<std::string, std::string>& environment) {
  modules::Settings s("notifications", environment);
  NotificationsSettings out;
  if (config.environment == Environment::production) out.mail_file.clear();
  out.smtp_url = s.text("SMTP_URL", out.smtp_url);
  out.smtp_ca_file = s.text("SMTP_CA_FILE", out.smtp_ca_file);
  out.mail_from = s.text("MAIL_FROM", out.mail_from);
  out.mail_file = s.text("MAIL_FILE", out.mail_file);
  out.twilio_base_url = s.text("TWILIO_BASE_URL", out.twilio_base_url);
  out.twilio_account_sid = s.text("TWILIO_ACCOUNT_SID", out.twilio_account_sid);
  out.twilio_auth_token = s.text("TWILIO_AUTH_TOKEN", out.twilio_auth_token);
  out.twilio_from = s.text("TWILIO_FROM", out.twilio_from);
  out.twilio_status_callback_url =
      s.text("TWILIO_STATUS_CALLBACK_URL", out.twilio_status_callback_url);
  out.send_attempts_max = s.integer("SEND_ATTEMPTS_MAX", out.send_attempts_max, 1, 100);
  out.retry_backoff_initial_ms =
      s.integer("RETRY_BACKOFF_INITIAL_MS", out.retry_backoff_initial_ms, 1, 86'400'000);
  out.retry_backoff_max_ms =
      s.integer("RETRY_BACKOFF_MAX_MS", out.retry_backoff_max_ms, 1, 7 * 86'400'000LL);
  out.send_timeout_ms = s.integer("SEND_TIMEOUT_MS", out.send_timeout_ms, 100, 120'000);
  out.dispatch_interval_ms =
      s.integer("DISPATCH_INTERVAL_MS", out.dispatch_interval_ms, 10, 3'600'000);
  out.dispatch_batch_max = s.integer("DISPATCH_BATCH_MAX", out.dispatch_batch_max, 1, 1'000);
  out.chat_notice_delay_ms =
      s.integer("CHAT_NOTICE_DELAY_MS", out.chat_notice_delay_ms, 0, 3'600'000);
  const auto push = read_push(s, out);
  if (auto ok = s.finish(); !ok) return std::unexpected(ok.error());
  std::vector<FieldError> errors;
  decode_push(config, push, out, errors);
  if (!errors.empty())
    return fail(ErrorCode::validation_failed, "invalid notifications settings", std::move(errors));
  if (out.retry_backoff_max_ms < out.retry_backoff_initial_ms)
    return fail(ErrorCode::validation_failed,
                "RESKFLOW_NOTIFICATIONS_RETRY_BACKOFF_MAX_MS is "
                "below RETRY_BACKOFF_INITIAL_MS");
  if (!out.twilio_account_sid.empty() && (out.twilio_auth_token.empty() || out.twilio_from.empty()))
    return fail(ErrorCode::validation_failed,
                "RESKFLOW_NOTIFICATIONS_TWILIO_ACCOUNT_SID needs TWILIO_AUTH_TOKEN and "
                "TWILIO_FROM");
  return out;
}

}  // namespace reskflow::notifications
