// subscriptions' event payload <-> JSON: the one place its field names are written down.
#include "reskflow/subscriptions/events.h"

#include <boost/json.hpp>

#include "reskflow/modules/payload.h"
#include "reskflow/modules/utc_time.h"

namespace reskflow::subscriptions::events {

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out,
                const SubscriptionChanged& event) {
  out = boost::json::object{
      {"subscription_id", event.subscription_id},
      {"customer_id", event.customer_id},
      {"plan_id", event.plan_id},
      {"plan_name", event.plan_name},
      {"status", event.status},
      {"amount_minor", event.amount.amount_minor},
      {"currency", event.amount.currency},
      {"period_end", modules::iso_utc(event.period_end_us)},
      {"cancel_at_period_end", event.cancel_at_period_end},
      {"renewal_failures", event.renewal_failures},
      {"next_attempt_at", event.next_attempt_at_us
                              ? boost::json::value(modules::iso_utc(*event.next_attempt_at_us))
                              : boost::json::value(nullptr)},
      {"reason", event.reason},
      {"at", modules::iso_utc(event.at_us)}};
}

boost::system::result<SubscriptionChanged> tag_invoke(
    const boost::json::try_value_to_tag<SubscriptionChanged>&, const boost::json::value& in) {
  const auto* object = in.if_object();
  if (object == nullptr) return boost::json::make_error_code(boost::json::error::not_object);
  SubscriptionChanged event;
  boost::system::error_code ec;
  modules::payload::read(*object, "subscription_id", event.subscription_id, ec);
  modules::payload::read(*object, "customer_id", event.customer_id, ec);
  modules::payload::read(*object, "plan_id", event.plan_id, ec);
  modules::payload::read(*object, "plan_name", event.plan_name, ec);
  modules::payload::read(*object, "status", event.status, ec);
  modules::payload::read(*object, "amount_minor", event.amount.amount_minor, ec);
  modules::payload::read(*object, "currency", event.amount.currency, ec);
  modules::payload::read_time(*object, "period_end", event.period_end_us, ec);
  modules::payload::read(*object, "cancel_at_period_end", event.cancel_at_period_end, ec);
  modules::payload::read(*object, "renewal_failures", event.renewal_failures, ec);
  modules::payload::read_time(*object, "next_attempt_at", event.next_attempt_at_us, ec);
  modules::payload::read(*object, "reason", event.reason, ec);
  modules::payload::read_time(*object, "at", event.at_us, ec);
  if (ec) return ec;
  return event;
}

}  // namespace reskflow::subscriptions::events
