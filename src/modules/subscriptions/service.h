// The subscription rules: plans, subscribing with the first period paid at once, cancelling at
// the period's end and resuming, renewals with retries, and members' benefits. No HTTP, no JSON,
// no SQL strings.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "metrics.h"
#include "model.h"
#include "reskflow/modules/clock.h"
#include "reskflow/modules/page.h"
#include "reskflow/payments/payments.h"
#include "reskflow/store/database.h"
#include "reskflow/subscriptions/events.h"
#include "reskflow/subscriptions/subscriptions.h"
#include "settings.h"

namespace reskflow::subscriptions {

// The payee of every subscription payment: the platform itself (its intents name no merchant).
inline constexpr std::string_view payee_platform = "platform";

// The payments order reference of a period: one intent per period and customer.
std::string payment_reference(std::string_view subscription_id, std::int64_t period_number);

class Service final : public Subscriptions {
 public:
  Service(store::Database& db, payments::Payments& payments, const SubscriptionsSettings& settings,
          SubscriptionsMetrics& metrics, modules::Clock clock);

  // Plans (service_plans.cc). validation_failed on bad fields, not_found for an unknown id.
  Result<std::vector<Plan>> plans(bool with_inactive);
  Result<Plan> create_plan(const NewPlan& plan);
  Result<Plan> update_plan(std::string_view plan_id, const PlanChange& change);

  // Subscribing (service_subscribe.cc): the first period is authorized and captured at once.
  // not_found for a plan not on sale; conflict when the customer already has a subscription;
  // payment_declined (nothing kept) when the card is refused or asks for a challenge.
  Result<Subscription> subscribe(std::string_view customer_id, std::string_view plan_id,
                                 const std::string& payment_method);
  // The customer's newest subscription (ended ones included); not_found when none.
  Result<Subscription> mine(std::string_view customer_id);
  // Ends the subscription when its paid period ends (at once when past due); not_found
  // without a live subscription. Cancelling twice changes nothing.
  Result<Subscription> cancel(std::string_view customer_id);
  // Undoes cancel() before the period ends; invalid_transition once it ended.
  Result<Subscription> resume(std::string_view customer_id);
  Result<std::vector<Period>> periods(std::string_view subscription_id);
  // Admins' list, newest first; validation_failed naming `status` for an unknown status.
  Result<SubscriptionPage> list(const SubscriptionFilter& filter, const modules::PageRequest& page);

  // The card (service_card.cc). Active: kept for the next renewal. Past due: the unpaid period
  // is charged with it at once and, paid, the subscription is active again; declined, nothing
  // changes (payment_declined with the reason). not_found without a live subscription.
  Result<Subscription> change_payment_method(std::string_view customer_id,
                                             const std::string& payment_method);

  // identity.user.erased, in the consumer's transaction (service_erasure.cc): the live
  // subscription ends at once, unrefunded, and the card goes from every subscription of the
  // customer. True when a live subscription ended.
  Result<bool> erase_customer(store::Transaction& tx, std::string_view customer_id);

  // Renewals (service_renew.cc): bills or ends up to batch_max subscriptions that are due;
  // how many it settled (a full batch: call again). One that fails (the processor or the
  // database unreachable) is logged, counted and left due for the next run; the others go on.
  Result<std::int64_t> renew_due(std::int64_t batch_max);

  Result<std::optional<Benefits>> benefits_of(std::string_view customer_id) override;

 private:
  // What charging a period came to: paid, or declined with the reason in plain words.
  struct Charge {
    bool paid = false;
    std::string intent_id;
    std::string decline_reason;
  };
  Result<Charge> charge(const Subscription& s, const Period& period);
  Result<payments::Intent> capture(const payments::Intent& intent, const modules::Money& amount);
  Result<Subscription> start_paid(const Subscription& s, const Period& period, const Charge& c);
  Result<Subscription> open_incomplete(std::string_view customer_id, std::string_view plan_id,
                                       const std::string& payment_method);
  Status renew(std::string_view subscription_id);
  // The period after the current one, as it is billed for the first time.
  Period next_period(const Subscription& s) const;
  // Whether this call moved the subscription into the paid period (false: another run did).
  // With keep_card, the card that paid (s.payment_method) becomes the subscription's in the same
  // transaction.
  Result<bool> record_renewal(const Subscription& s, const Period& period, const Charge& c,
                              bool keep_card = false);
  // A month charged for a subscription that ended meanwhile (erased, or cancelled while past
  // due) or was set to end before that month (cancelled while it was charged) belongs to nobody:
  // it is refunded and the period marked failed, unless another run recorded it as paid.
  Status refund_if_not_renewing(const Subscription& s, const Period& period, const Charge& c);
  Status record_decline(const Subscription& s, const Period& period, const Charge& c);
  Status end_cancelled(const Subscription& s);
  Result<Subscription> live(store::Transaction& tx, std::string_view customer_id);
  // The change committed with its event if the row is still at `expected_version` (the version
  // the change was computed from); false when another writer changed it first.
  Result<bool> write(store::Transaction& tx, const Subscription& after,
                     std::int64_t expected_version, std::string_view event_type,
                     const std::string& reason = {});
  std::int64_t renewal_due_at(const Subscription& s) const;

  store::Database& db_;
  payments::Payments& payments_;
  const SubscriptionsSettings settings_;
  SubscriptionsMetrics& metrics_;
  modules::Clock clock_;
};

}  // namespace reskflow::subscriptions
