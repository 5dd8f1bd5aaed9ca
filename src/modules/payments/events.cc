// payments' event payloads <-> JSON: the one place their field names are written down.
#include "reskflow/payments/events.h"

#include <boost/json.hpp>

#include "reskflow/modules/payload.h"

namespace reskflow::payments::events {

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out,
                const IntentChanged& e) {
  out = boost::json::object{{"intent_id", e.intent_id},
                            {"order_id", e.order_id},
                            {"payer_user_id", e.payer_user_id},
                            {"merchant_id", e.merchant_id},
                            {"status", e.status},
                            {"currency", e.amount.currency},
                            {"amount_minor", e.amount.amount_minor},
                            {"captured_minor", e.captured.amount_minor},
                            {"refunded_minor", e.refunded.amount_minor},
                            {"decline_reason", e.decline_reason}};
}

boost::system::result<IntentChanged> tag_invoke(const boost::json::try_value_to_tag<IntentChanged>&,
                                                const boost::json::value& in) {
  const auto* object = in.if_object();
  if (object == nullptr) return boost::json::make_error_code(boost::json::error::not_object);
  IntentChanged e;
  boost::system::error_code ec;
  using modules::payload::read;
  read(*object, "intent_id", e.intent_id, ec);
  read(*object, "order_id", e.order_id, ec);
  read(*object, "payer_user_id", e.payer_user_id, ec);
  read(*object, "merchant_id", e.merchant_id, ec);
  read(*object, "status", e.status, ec);
  read(*object, "currency", e.amount.currency, ec);
  read(*object, "amount_minor", e.amount.amount_minor, ec);
  read(*object, "captured_minor", e.captured.amount_minor, ec);
  read(*object, "refunded_minor", e.refunded.amount_minor, ec);
  read(*object, "decline_reason", e.decline_reason, ec);
  if (ec) return ec;
  e.captured.currency = e.amount.currency;
  e.refunded.currency = e.amount.currency;
  return e;
}

}  // namespace reskflow::payments::events
