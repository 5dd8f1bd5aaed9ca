// The payments module's typed settings (RESKFLOW_PAYMENTS_*): which provider takes the money,
// and Stripe's address, keys and webhook tolerance when it is Stripe.
#pragma once

#include <chrono>
#include <map>
#include <string>

#include "reskflow/core/errors.h"

namespace reskflow::payments {

struct PaymentsSettings {
  std::string provider = "test";  // "test" (built in) or "stripe"
  std::string stripe_base_url = "https://api.stripe.com";
  std::string stripe_secret_key;      // never logged
  std::string stripe_webhook_secret;  // never logged
  std::chrono::milliseconds stripe_timeout_ms{10'000};
  std::chrono::seconds webhook_tolerance_s{300};  // how old a signed webhook may be
};

// Reads RESKFLOW_PAYMENTS_* from `environment`; unknown keys, values out of range, and Stripe
// without its keys are refused.
Result<PaymentsSettings> load_settings(const std::map<std::string, std::string>& environment);

}  // namespace reskflow::payments
