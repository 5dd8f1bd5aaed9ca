// RESKFLOW_NOTIFICATIONS_*: SMTP_URL, SMTP_CA_FILE, MAIL_FROM, MAIL_FILE, TWILIO_BASE_URL,
// TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM, TWILIO_STATUS_CALLBACK_URL, and the queue's.
#include "settings.h"

#include "reskflow/modules/settings.h"

namespace reskflow::notifications {

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
  if (auto ok = s.finish(); !ok) return std::unexpected(ok.error());
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
