// HTTP binding of payments: an intent for its payer or an admin, the payer's challenge page
// (the code to type, and typing it back), and a stablecoin payment's deposit.
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

boost::json::object payout_json(const crypto::Payout& p) {
  const auto optional_text = [](const std::optional<std::string>& s) -> boost::json::value {
    if (!s) return nullptr;
    return boost::json::string(*s);
  };
  return {{"kind", p.kind},
          {"to_address", p.to_address},
          {"amount_units", crypto::units_text(p.units)},
          {"state", p.state},
          {"tx_hash", optional_text(p.tx_hash)},
          {"created_at", modules::iso_utc(p.created_at_us)}};
}

// Where the deposit's token is on its way to the treasury: for admins.
boost::json::object sweep_json(const crypto::Sweep& s) {
  const auto optional_text = [](const std::optional<std::string>& t) -> boost::json::value {
    if (!t) return nullptr;
    return boost::json::string(*t);
  };
  return {{"state", s.state},
          {"amount_units", crypto::units_text(s.units)},
          {"funding_tx_hash", optional_text(s.funding_tx_hash)},
          {"sweep_tx_hash", optional_text(s.sweep_tx_hash)},
          {"last_error", optional_text(s.last_error)},
          {"updated_at", modules::iso_utc(s.updated_at_us)}};
}

boost::json::object deposit_json(const Intent& intent, const crypto::DepositView& view,
                                 bool admin) {
  const auto& d = view.deposit;
  const auto missing = d.received_units < d.amount_units ? d.amount_units - d.received_units : 0;
  const auto excess = d.received_units > d.amount_units ? d.received_units - d.amount_units : 0;
  boost::json::array payouts;
  for (const auto& p : view.payouts) payouts.emplace_back(payout_json(p));
  boost::json::object out{
      {"intent_id", intent.id},
      {"status", d.status},
      {"chain_id", view.chain_id},
      {"token", view.token},
      {"decimals", view.decimals},
      {"address", d.address},
      {"amount", boost::json::value_from(d.amount)},
      {"amount_units", crypto::units_text(d.amount_units)},
      {"received_units", crypto::units_text(d.received_units)},
      {"missing_units", crypto::units_text(missing)},
      {"excess_units", crypto::units_text(excess)},
      {"payer_address",
       d.payer_address.empty() ? boost::json::value(nullptr) : boost::json::value(d.payer_address)},
      {"payment_uri", view.payment_uri},
      {"expires_at", modules::iso_utc(d.expires_at_us)},
      {"payouts", std::move(payouts)}};
  if (admin)
    out["sweep"] =
        view.sweep ? boost::json::value(sweep_json(*view.sweep)) : boost::json::value(nullptr);
  return out;
}

http::Response get_deposit(Service& service, CryptoProvider* crypto, const http::Request& request) {
  auto stored = service.stored_for(intent_param(request), caller_of(request));
  if (!stored) return error_response(request, stored.error());
  if (crypto == nullptr || stored->provider != crypto->name())
    return error_response(request, {ErrorCode::not_found,
                                    "this payment has no deposit address: "
                                    "it is not paid in the stablecoin"});
  auto view = crypto->deposit_view(stored->provider_ref);
  if (!view) return error_response(request, view.error());
  return no_store(http::json(200, deposit_json(stored->intent, *view, caller_of(request).admin)));
}

// Which ways to pay this deployment takes besides a card: the checkout offers the stablecoin
// only when the provider is configured and its token could be read from the chain, and only for
// an order in the token's currency.
http::Response get_methods(CryptoProvider* crypto) {
  const auto card_only = [] { return http::json(200, {{"card", true}, {"stablecoin", nullptr}}); };
  if (crypto == nullptr) return card_only();
  auto token = crypto->token();
  if (!token) return card_only();
  const auto& c = crypto->settings();
  return http::json(200, {{"card", true},
                          {"stablecoin",
                           {{"currency", c.currency},
                            {"symbol", token->symbol.empty() ? boost::json::value(nullptr)
                                                             : boost::json::value(token->symbol)},
                            {"token", c.token},
                            {"chain_id", c.chain_id},
                            {"decimals", token->decimals},
                            {"confirmations", c.confirmations},
                            {"deposit_ttl_s", c.deposit_ttl_s.count()}}}});
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
                          const std::optional<WebhookKeys>& stripe, CryptoProvider* crypto) {
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
  return router.add_all(
      {route(Method::get, "/v1/payments/methods", Access::anyone(),
             [crypto](http::Request&) { return get_methods(crypto); }),
       route(Method::get, intent, Access::authenticated("self"),
             [s](http::Request& r) { return get_intent(*s, r); }),
       route(Method::get, intent + "/challenge", Access::authenticated("self"),
             [s](http::Request& r) { return get_challenge(*s, r); }),
       route(Method::post, intent + "/challenge", Access::authenticated("self"),
             [s](http::Request& r) { return post_challenge(*s, r); }),
       route(Method::get, intent + "/deposit", Access::authenticated("self"),
             [s, crypto](http::Request& r) { return get_deposit(*s, crypto, r); })});
}

}  // namespace reskflow::payments
