// RESKFLOW_PAYMENTS_* settings with their bounds.
#include "settings.h"

#include "reskflow/modules/settings.h"

namespace reskflow::payments {

Result<PaymentsSettings> load_settings(const std::map<std::string, std::string>& environment) {
  modules::Settings s("payments", environment);
  PaymentsSettings out;
  out.provider = s.text("PROVIDER", out.provider);
  out.stripe_base_url = s.text("STRIPE_BASE_URL", out.stripe_base_url);
  out.stripe_secret_key = s.text("STRIPE_SECRET_KEY", "");
  out.stripe_webhook_secret = s.text("STRIPE_WEBHOOK_SECRET", "");
  out.stripe_timeout_ms = std::chrono::milliseconds(
      s.integer("STRIPE_TIMEOUT_MS", out.stripe_timeout_ms.count(), 100, 120'000));
  out.webhook_tolerance_s = std::chrono::seconds(
      s.integer("WEBHOOK_TOLERANCE_S", out.webhook_tolerance_s.count(), 1, 86'400));
  if (auto ok = s.finish(); !ok) return std::unexpected(ok.error());
  std::vector<FieldError> errors;
  if (out.provider != "test" && out.provider != "stripe")
    errors.push_back({"RESKFLOW_PAYMENTS_PROVIDER", "must be test or stripe"});
  if (out.provider == "stripe" && out.stripe_secret_key.empty())
    errors.push_back({"RESKFLOW_PAYMENTS_STRIPE_SECRET_KEY", "is required for Stripe"});
  if (out.provider == "stripe" && out.stripe_webhook_secret.empty())
    errors.push_back({"RESKFLOW_PAYMENTS_STRIPE_WEBHOOK_SECRET", "is required for Stripe"});
  if (!out.stripe_base_url.starts_with("https://") && !out.stripe_base_url.starts_with("http://"))
    errors.push_back({"RESKFLOW_PAYMENTS_STRIPE_BASE_URL", "must be an http(s) URL"});
  if (errors.empty()) return out;
  return fail(ErrorCode::validation_failed, "invalid payments settings", std::move(errors));
}

}  // namespace reskflow::payments
