// Helpers every orders route file shares: the caller, who acts on an order, filters, rendering
// and route registration.
#pragma once

#include <boost/json.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "document.h"
#include "reskflow/core/json_body.h"
#include "reskflow/core/router.h"
#include "reskflow/identity/identity.h"
#include "reskflow/modules/page.h"
#include "reskflow/modules/routes.h"
#include "reskflow/orders/orders.h"
#include "service.h"

namespace reskflow::orders {

using modules::error_response;

inline bool is_admin(const http::Request& r) { return r.principal->role == identity::role_admin; }

inline Caller caller_of(const http::Request& r) { return {r.principal->subject, is_admin(r)}; }

inline std::string param(const http::Request& r, std::string_view name) {
  return std::string(r.param(name).value_or(""));
}

// ?status= one of the order states, or none.
inline Result<std::string> status_query(const http::Request& r) {
  static const std::vector<std::string_view> states{
      status_awaiting_payment, status_placed, status_accepted,  status_rejected,
      status_preparing,        status_ready,  status_picked_up, status_delivered,
      status_cancelled,        status_failed, status_refunded};
  const auto status = r.query_param("status").value_or("");
  if (status.empty() || std::ranges::find(states, status) != states.end())
    return std::string(status);
  return fail(ErrorCode::validation_failed, "some fields are invalid; see errors",
              {{"status", "is not an order state"}});
}

inline http::Response render_order(const http::Request& r, const Result<Order>& order,
                                   int status = 200) {
  if (!order) return error_response(r, order.error());
  return modules::no_store(http::json(status, order_document(*order, is_admin(r))));
}

inline http::Response render_page(const http::Request& r, const Result<OrderPage>& page) {
  if (!page) return error_response(r, page.error());
  return modules::no_store(http::json(200, page_document(*page)));
}

inline std::vector<std::string> roles(std::initializer_list<std::string_view> names) {
  std::vector<std::string> out;
  for (const auto n : names) out.emplace_back(n);
  return out;
}

// bad_request unless the request carries an Idempotency-Key, which a POST that moves money
// requires so that a retry reaches the first answer: "<why>: send an Idempotency-Key header so
// that a retry cannot <twice>".
Status require_idempotency_key(const http::Request& r, std::string_view why,
                               std::string_view twice);

// The order named by the path's {order_id} and who the caller is to it: admin, the merchant's
// staff, or its customer (who may read it and act as the customer); not_found for anyone else
// (no existence leak).
struct OrderParty {
  Order order;
  Actor actor = Actor::customer;
};
Result<OrderParty> order_party(Service& service, identity::Directory& directory,
                               const http::Request& r);

inline http::Route route(http::Method method, std::string pattern, http::Access access,
                         http::Handler handler) {
  return modules::worker_route("orders", method, std::move(pattern), std::move(access),
                               std::move(handler));
}

}  // namespace reskflow::orders
