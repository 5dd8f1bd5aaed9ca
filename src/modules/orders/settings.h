// The orders module's typed settings (RESKFLOW_ORDERS_*): the pricing rules used until merchants
// set their own tax and fees, quotes, limits, and the acceptance timeout (docs/orders.md).
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>

#include "pricing.h"
#include "reskflow/core/errors.h"

namespace reskflow::orders {

struct OrdersSettings {
  PricingRules pricing;
  std::chrono::seconds quote_ttl_s{300};
  std::int64_t tip_minor_max = 10'000;
  // A placed order the merchant has not answered for this long is auto-rejected.
  std::chrono::seconds accept_timeout_s{600};
  std::chrono::seconds sweep_interval_s{15};
  std::int64_t sweep_batch_orders_max = 100;
  std::int64_t schedule_days_max = 7;
  // A failed release of a payment hold is tried again after this, then after twice as long
  // each time, up to the maximum; the retry job runs this often.
  std::chrono::milliseconds hold_release_retry_ms{5'000};
  std::chrono::milliseconds hold_release_retry_max_ms{3'600'000};
  std::int64_t hold_release_batch_max = 100;
  // An order awaiting its payment (a challenge, the shares of a split order) is cancelled and
  // its holds released when it is not paid this long after checkout; the job looks this often.
  std::chrono::seconds payment_due_s{900};
  std::chrono::milliseconds payment_sweep_interval_ms{5'000};
  // How long after delivery a merchant may refund an order itself (docs/orders.md, "Refunds").
  std::int64_t merchant_refund_days = 7;
};

// Reads RESKFLOW_ORDERS_* from `environment`; unknown keys and values out of range are refused.
// DELIVERY_BANDS is "metres:fee_minor,..." in ascending distance ("2000:199,5000:299").
Result<OrdersSettings> load_settings(const std::map<std::string, std::string>& environment);

}  // namespace reskflow::orders
