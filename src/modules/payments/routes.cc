// HTTP binding of payments: an intent for its payer or an admin, and the payer's challenge
// page (the code to type, and typing it back).
#include <boost/json.hpp>

#include "module.h"
#include "reskflow/core/json_body.h"
#include "reskflow/identity/identity.h"
#include "reskflow/modules/routes.h"
#include "reskflow/modules/utc_time.h"
#include "stripe_provider.h"

namespace reskflow::payments {
namespace {

using http::Access;
using http::Method;
using modules::error_response;
using modules::no_store;

http::Route route(Method method, std::string pattern, Access access, http::Handler handler) {
  return modules::worker_route("payments", method, std::move(pattern), std::move(access),
                               std::move(handler));
}

Caller caller_of(const http::Request& r) {
  return {r.principal->subject, r.principal->role == identity::role_admin};
}

std::string intent_param(const http::Request& r) {
  return std::string(r.param("intent_id").value_or(""));
}

boost::json::object intent_json(const Intent& i) {
  return {{"id", i.id},
          {"order_id", i.order_id},
          {"payer_user_id", i.payer_user_id},
          {"merchant_id", i.merchant_id},
          {"status", status_name(i.status)},
          {"amount", boost::json::value_from(i.amount)},
          {"captured", boost::json::value_from(i.captured)},
          {"refunded", boost::json::value_from(i.refunded)},
          {"decline_reason", i.decline_reason},
          {"challenge_url", i.challenge_url},
          {"created_at", modules::iso_utc(i.created_at_us)},
          {"updated_at", modules::iso_utc(i.updated_at_us)}};
}

http::Response render(const http::Request& request, const Result<Intent>& intent) {
  if (!intent) return error_response(request, intent.error());
  return no_store(http::json(200, intent_json(*intent)));
}

http::Response get_intent(Service& service, const http::Request& request) {
  return render(request, service.intent_for(intent_param(request), caller_of(request)));
}

http::Response get_challenge(Service& service, const http::Request& request) {
  auto challenge = service.challenge(intent_param(request), caller_of(request));
  if (!challenge) return error_response(request, challenge.error());
  return no_store(http::json(
      200, {{"intent_id", challenge->intent_id},
            {"code", challenge->code},
            {"message", "Your card's bank asks you to confirm this payment: type the code " +
                            challenge->code + " and send it back to this address."}}));
}

http::Response post_challenge(Service& service, const http::Request& request) {
  auto body = json::parse_object(request);
  if (!body) return error_response(request, body.error());
  json::ObjectReader in(*body);
  auto code = in.string("code", {true, 1, 20});
  if (auto ok = in.finish(); !ok) return error_response(request, ok.error());
  return render(request,
                service.complete_challenge(intent_param(request), caller_of(request), *code));
}

// Stripe's news about a PaymentIntent, signed with the webhook secret; 200 once applied (or
// ignored, for events payments does not follow), so Stripe stops retrying.
http::Response post_stripe_webhook(Service& service, const WebhookKeys& keys,
                                   const http::Request& request) {
  const auto now_s = keys.clock() / 1'000'000;
  if (auto ok = verify_stripe_signature(request.header("Stripe-Signature").value_or(""),
                                        request.body, keys.secret, now_s, keys.tolerance);
      !ok) {
    service.webhook_refused();
    return error_response(request, ok.error());
  }
  auto charge = charge_of_stripe_event(request.body);
  if (!charge) return error_response(request, charge.error());
  if (*charge) {
    if (auto applied = service.apply_charge(**charge); !applied)
      return error_response(request, applied.error());
  }
  return http::json(200, {{"received", true}});
}

}  // namespace

Status add_payment_routes(http::Router& router, Service& service,
                          const std::optional<WebhookKeys>& stripe) {
  auto* s = &service;
  if (auto ok = router.add(route(Method::post, "/v1/payments/webhooks/stripe", Access::anyone(),
                                 [s, stripe](http::Request& r) {
                                   if (!stripe) {
                                     return error_response(
                                         r, {ErrorCode::not_found,
                                             "this deployment does not take payments through "
                                             "Stripe (RESKFLOW_PAYMENTS_PROVIDER is not stripe)"});
                                   }
                                   return post_stripe_webhook(*s, *stripe, r);
                                 }));
      !ok)
    return ok;
  const std::string intent = "/v1/payments/{intent_id}";
  return router.add_all({route(Method::get, intent, Access::authenticated("self"),
                               [s](http::Request& r) { return get_intent(*s, r); }),
                         route(Method::get, intent + "/challenge", Access::authenticated("self"),
                               [s](http::Request& r) { return get_challenge(*s, r); }),
                         route(Method::post, intent + "/challenge", Access::authenticated("self"),
                               [s](http::Request& r) { return post_challenge(*s, r); })});
}

}  // namespace reskflow::payments
