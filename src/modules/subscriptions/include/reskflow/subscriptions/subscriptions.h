// The subscriptions module's public interface: membership plans billed monthly through payments
// and the benefits they give in pricing (free delivery over a basket threshold, a reduced service
// fee), which orders asks for when it prices an order (docs/subscriptions.md).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "reskflow/core/errors.h"
#include "reskflow/modules/module.h"
#include "reskflow/modules/money.h"
#include "reskflow/payments/payments.h"
#include "reskflow/store/migrations.h"

namespace reskflow::subscriptions {

// What a member gets while their subscription is active (paid for the current period).
struct Benefits {
  std::string plan_id;
  std::string plan_name;
  // Delivery is free when the items reach this amount; its currency is the plan's, and an
  // order in another currency gets no benefit.
  modules::Money free_delivery_threshold;
  std::int64_t service_fee_bp = 0;  // the member's service fee rate, in basis points
};

// Thread-safe; blocking (call from the worker pool).
class Subscriptions {
 public:
  virtual ~Subscriptions() = default;
  // The customer's benefits now, nullopt when they have no active subscription (none, ended,
  // or past due: a period not paid for gives nothing).
  virtual Result<std::optional<Benefits>> benefits_of(std::string_view customer_id) = 0;
};

class SubscriptionsModule : public modules::Module {
 public:
  virtual Subscriptions& subscriptions() = 0;
};

// The public interfaces subscriptions needs.
struct Deps {
  payments::Payments& payments;  // each period is authorized and captured as platform revenue
};

// Migrations of the subscriptions tables (tests, and verbs that run without the full platform).
store::MigrationSet migrations();

// Fails when a RESKFLOW_SUBSCRIPTIONS_* setting is malformed or unknown.
Result<std::unique_ptr<SubscriptionsModule>> make_module(const modules::Platform& platform,
                                                         Deps deps);

}  // namespace reskflow::subscriptions
