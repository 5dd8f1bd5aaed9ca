// HTTP binding of refunds: an admin, or the merchant's staff within its policy, gives back part or
// all of a delivered order's payment; the order's parties read its refunds (docs/orders.md,
// "Refunds").
#include "reskflow/modules/utc_time.h"
#include "routes_common.h"

namespace reskflow::orders {
namespace {

constexpr std::int64_t refund_minor_max = 100'000'000;

boost::json::value optional_time(const std::optional<std::int64_t>& at_us) {
  if (!at_us) return nullptr;
  return boost::json::value(modules::iso_utc(*at_us));
}

boost::json::object refund_document(const OrderRefund& r, bool audit) {
  boost::json::object out{{"id", r.id},
                          {"order_id", r.order_id},
                          {"amount_minor", r.amount.amount_minor},
                          {"currency", r.amount.currency},
                          {"reason", r.reason},
                          {"by", r.actor},
                          {"status", r.status()},
                          {"created_at", modules::iso_utc(r.created_at_us)}};
  if (audit) out["by_user_id"] = r.user_id;
  return out;
}

boost::json::object summary_document(const RefundSummary& s, bool audit) {
  boost::json::array refunds;
  for (const auto& r : s.refunds) refunds.push_back(refund_document(r, audit));
  boost::json::value merchant = nullptr;
  if (s.merchant_refundable) merchant = s.merchant_refundable->amount_minor;
  return {{"currency", s.paid.currency},
          {"paid_minor", s.paid.amount_minor},
          {"refunded_minor", s.refunded.amount_minor},
          {"refundable_minor", s.refundable.amount_minor},
          {"merchant_refundable_minor", std::move(merchant)},
          {"merchant_refund_until", optional_time(s.merchant_refund_until_us)},
          {"refunds", std::move(refunds)}};
}

Result<RefundRequest> read_refund(const http::Request& r) {
  auto body = json::parse_object(r);
  if (!body) return std::unexpected(body.error());
  json::ObjectReader in(*body);
  RefundRequest out;
  out.amount.amount_minor = in.integer("amount_minor", {true, 1, refund_minor_max}).value_or(0);
  out.amount.currency = in.string("currency", {true, 3, 3}).value_or("");
  out.reason = in.string("reason", {true, 1, 150, true}).value_or("");
  if (auto ok = in.finish(); !ok) return std::unexpected(ok.error());
  out.user_id = r.principal->subject;
  out.request_key = std::string(r.header("Idempotency-Key").value_or(""));
  return out;
}

// POST /v1/orders/{order_id}/refunds: it moves money, so the key is required.
http::Response give_back(Service& service, identity::Directory& directory, http::Request& request) {
  if (auto keyed = require_idempotency_key(request, "a refund moves money", "refund twice"); !keyed)
    return error_response(request, keyed.error());
  auto wanted = read_refund(request);
  if (!wanted) return error_response(request, wanted.error());
  auto party = order_party(service, directory, request);
  if (!party) return error_response(request, party.error());
  wanted->actor = party->actor;
  auto refund = service.refund(party->order.id, *wanted);
  if (!refund) return error_response(request, refund.error());
  return modules::no_store(http::json(201, refund_document(*refund, is_admin(request))));
}

// GET /v1/orders/{order_id}/refunds
http::Response refunds_of(Service& service, identity::Directory& directory,
                          http::Request& request) {
  auto party = order_party(service, directory, request);
  if (!party) return error_response(request, party.error());
  auto summary = service.refunds(party->order.id);
  if (!summary) return error_response(request, summary.error());
  return modules::no_store(http::json(200, summary_document(*summary, is_admin(request))));
}

}  // namespace

Status add_refund_routes(http::Router& router, Service& service, identity::Directory& directory) {
  using http::Access;
  using http::Method;
  const auto staff = roles({identity::role_merchant, identity::role_admin});
  const auto parties =
      roles({identity::role_customer, identity::role_merchant, identity::role_admin});
  return router.add_all(
      {http::idempotent(route(
           Method::post, "/v1/orders/{order_id}/refunds", Access::roles_in(staff, "merchant_staff"),
           [&service, &directory](http::Request& r) { return give_back(service, directory, r); })),
       route(Method::get, "/v1/orders/{order_id}/refunds", Access::roles_in(parties, "order_party"),
             [&service, &directory](http::Request& r) {
               return refunds_of(service, directory, r);
             })});
}

}  // namespace reskflow::orders
