// HTTP binding of the state machine and the merchant's queue: accept (with a prep time),
// reject (with a reason), preparing, ready, picked-up and delivered (merchant delivery), failed,
// cancel, and an admin's refund. Who acts decides which edges are open (lifecycle.h).
#include "routes_common.h"

namespace reskflow::orders {
namespace {

struct Action {
  std::string_view path;  // the last segment of /v1/orders/{order_id}/...
  std::string_view next;
};

constexpr Action actions[] = {
    {"accept", status_accepted}, {"reject", status_rejected},     {"preparing", status_preparing},
    {"ready", status_ready},     {"picked-up", status_picked_up}, {"delivered", status_delivered},
    {"failed", status_failed},   {"cancel", status_cancelled},    {"refund", status_refunded},
};

// The optional body: {"reason": "...", "prep_time_minutes": 20}.
Result<TransitionRequest> read_transition(const http::Request& r, std::string_view next) {
  TransitionRequest out;
  out.next = std::string(next);
  out.user_id = r.principal->subject;
  if (r.body.empty()) return out;
  auto body = json::parse_object(r);
  if (!body) return std::unexpected(body.error());
  json::ObjectReader in(*body);
  out.reason = in.string("reason", {false, 1, 500, true}).value_or("");
  out.prep_time_minutes = in.integer("prep_time_minutes", {false, 1, 240});
  if (auto ok = in.finish(); !ok) return std::unexpected(ok.error());
  return out;
}

http::Response act(Service& service, identity::Directory& directory, http::Request& request,
                   std::string_view next) {
  auto wanted = read_transition(request, next);
  if (!wanted) return error_response(request, wanted.error());
  auto party = order_party(service, directory, request);
  if (!party) return error_response(request, party.error());
  wanted->actor = party->actor;
  return render_order(request, service.transition(party->order.id, *wanted));
}

http::Response queue(Service& service, identity::Directory& directory, http::Request& request) {
  const auto merchant_id = param(request, "merchant_id");
  if (auto staff = directory.require_merchant_staff(*request.principal, merchant_id,
                                                    identity::MerchantLevel::staff);
      !staff)
    return error_response(request, staff.error());
  auto page = modules::page_request(request);
  if (!page) return error_response(request, page.error());
  auto status = status_query(request);
  if (!status) return error_response(request, status.error());
  return render_page(request, service.merchant_queue(merchant_id, *status,
                                                     page->cursor.value_or(""), page->limit));
}

// GET /v1/admin/orders?status=&merchant_id=&customer_id=: every order, newest first.
http::Response search(Service& service, http::Request& request) {
  auto page = modules::page_request(request);
  if (!page) return error_response(request, page.error());
  auto status = status_query(request);
  if (!status) return error_response(request, status.error());
  repository::Filter filter;
  filter.status = *status;
  filter.merchant_id = std::string(request.query_param("merchant_id").value_or(""));
  filter.customer_id = std::string(request.query_param("customer_id").value_or(""));
  filter.after_id = page->cursor.value_or("");
  filter.limit = page->limit;
  return render_page(request, service.list(std::move(filter)));
}

}  // namespace

Status add_lifecycle_routes(http::Router& router, Service& service,
                            identity::Directory& directory) {
  using http::Access;
  using http::Method;
  const auto parties =
      roles({identity::role_customer, identity::role_merchant, identity::role_admin});
  const auto staff = roles({identity::role_merchant, identity::role_admin});
  std::vector<http::Route> routes;
  for (const auto& a : actions) {
    // Moves take an Idempotency-Key: some move money (delivered captures, cancel and reject
    // release the hold, refund gives it back), and a retry should get the first answer.
    routes.push_back(
        http::idempotent(route(Method::post, "/v1/orders/{order_id}/" + std::string(a.path),
                               Access::roles_in(parties, "order_party"),
                               [&service, &directory, next = a.next](http::Request& r) {
                                 return act(service, directory, r, next);
                               })));
  }
  routes.push_back(route(
      Method::get, "/v1/merchants/{merchant_id}/orders", Access::roles_in(staff, "merchant_staff"),
      [&service, &directory](http::Request& r) { return queue(service, directory, r); }));
  routes.push_back(route(Method::get, "/v1/admin/orders",
                         Access::roles_in(roles({identity::role_admin})),
                         [&service](http::Request& r) { return search(service, r); }));
  return router.add_all(std::move(routes));
}

}  // namespace reskflow::orders
