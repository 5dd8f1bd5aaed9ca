// HTTP binding of checkout, modification and the customer's reads: quote, place, modify and pay
// a share (idempotent), the caller's orders, one order with its timeline. Another customer's
// order is 404.
#include "reskflow/modules/idempotency.h"
#include "routes_common.h"

namespace reskflow::orders {
namespace {

http::Response quote(Service& service, http::Request& request) {
  auto body = json::parse_object(request);
  if (!body) return error_response(request, body.error());
  auto checkout = read_checkout(*body, false);
  if (!checkout) return error_response(request, checkout.error());
  auto q = service.quote(caller_of(request), *checkout);
  if (!q) return error_response(request, q.error());
  return modules::no_store(http::json(201, quote_document(*q)));
}

http::Response placed_response(const http::Request& request, const Order& order) {
  auto out = render_order(request, order, 201);
  out.set_header("Location", "/v1/orders/" + order.id);
  return out;
}

// The Idempotency-Key, when the hook handed it over, is written with the order
// (modules::idempotent_in_handler); the response written with it is the one sent.
http::Response place(Service& service, http::Request& request) {
  auto body = json::parse_object(request);
  if (!body) return error_response(request, body.error());
  auto checkout = read_checkout(*body, true);
  if (!checkout) return error_response(request, checkout.error());
  CheckoutKey key;
  std::optional<http::Response> written;
  if (auto* own = modules::key_in_transaction(request)) {
    key.claim = [own] { return own->claim(); };
    key.take = [own](store::Transaction& tx) { return own->take(tx); };
    key.write = [own, &request, &written](store::Transaction& tx, const Order& order) {
      written = placed_response(request, order);
      return own->write(tx, {written->status, written->content_type, written->headers,
                             std::string(written->payload())});
    };
  }
  auto placed = service.place(caller_of(request), *checkout, key);
  if (!placed) return error_response(request, placed.error());
  if (written) return std::move(*written);
  return placed_response(request, *placed);
}

http::Response my_orders(Service& service, http::Request& request) {
  if (auto cart_id = request.query_param("cart_id"))
    return render_page(request, service.order_of_cart(caller_of(request), *cart_id));
  auto page = modules::page_request(request);
  if (!page) return error_response(request, page.error());
  auto status = status_query(request);
  if (!status) return error_response(request, status.error());
  repository::Filter filter;
  filter.customer_id = request.principal->subject;
  filter.status = *status;
  filter.after_id = page->cursor.value_or("");
  filter.limit = page->limit;
  return render_page(request, service.list(std::move(filter)));
}

// The customer's own order, any order for an admin, the merchant's orders for its staff.
http::Response one_order(Service& service, identity::Directory& directory, http::Request& request) {
  const auto id = param(request, "order_id");
  if (request.principal->role != identity::role_merchant)
    return render_order(request, service.get(caller_of(request), id));
  auto order = service.get_any(id);
  if (!order) return error_response(request, order.error());
  if (auto staff = directory.require_merchant_staff(*request.principal, order->merchant_id,
                                                    identity::MerchantLevel::staff);
      !staff)
    return error_response(request, staff.error());
  return render_order(request, order);
}

// POST /v1/orders/{order_id}/modifications: the customer's (or an admin's) change of lines. It
// moves money (the hold may grow), so a retry must reach the first answer: the key is required.
http::Response modify(Service& service, http::Request& request) {
  if (auto keyed = require_idempotency_key(request, "a modification may change the payment",
                                           "apply it twice");
      !keyed)
    return error_response(request, keyed.error());
  auto body = json::parse_object(request);
  if (!body) return error_response(request, body.error());
  auto wanted = read_modification(*body);
  if (!wanted) return error_response(request, wanted.error());
  return render_order(request,
                      service.modify(caller_of(request), param(request, "order_id"), *wanted));
}

// POST /v1/orders/{order_id}/payment-shares: a participant of a split group order pays their
// share. It moves money, so the key is required.
http::Response pay_share(Service& service, http::Request& request) {
  if (auto keyed = require_idempotency_key(request, "paying a share moves money", "pay twice");
      !keyed)
    return error_response(request, keyed.error());
  auto body = json::parse_object(request);
  if (!body) return error_response(request, body.error());
  json::ObjectReader in(*body);
  const auto method = in.string("payment_method", {true, 1, 255}).value_or("");
  if (auto ok = in.finish(); !ok) return error_response(request, ok.error());
  return render_order(request,
                      service.pay_share(caller_of(request), param(request, "order_id"), method));
}

}  // namespace

Status add_checkout_routes(http::Router& router, Service& service, identity::Directory& directory) {
  using http::Access;
  using http::Method;
  const auto customers = roles({identity::role_customer});
  const auto parties =
      roles({identity::role_customer, identity::role_merchant, identity::role_admin});
  const auto owners = roles({identity::role_customer, identity::role_admin});
  return router.add_all(
      {http::idempotent(route(Method::post, "/v1/orders/quote", Access::roles_in(customers, "self"),
                              [&service](http::Request& r) { return quote(service, r); })),
       modules::idempotent_in_handler(
           route(Method::post, "/v1/orders", Access::roles_in(customers, "self"),
                 [&service](http::Request& r) { return place(service, r); })),
       http::idempotent(route(Method::post, "/v1/orders/{order_id}/modifications",
                              Access::roles_in(owners, "order_owner"),
                              [&service](http::Request& r) { return modify(service, r); })),
       http::idempotent(route(Method::post, "/v1/orders/{order_id}/payment-shares",
                              Access::roles_in(customers, "order_payer"),
                              [&service](http::Request& r) { return pay_share(service, r); })),
       route(Method::get, "/v1/orders", Access::roles_in(customers, "self"),
             [&service](http::Request& r) { return my_orders(service, r); }),
       route(
           Method::get, "/v1/orders/{order_id}", Access::roles_in(parties, "order_party"),
           [&service, &directory](http::Request& r) { return one_order(service, directory, r); })});
}

}  // namespace reskflow::orders
