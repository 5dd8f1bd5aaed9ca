// Helpers the orders route files share that are more than a line or two (routes_common.h).
#include "routes_common.h"

namespace reskflow::orders {

Status require_idempotency_key(const http::Request& r, std::string_view why,
                               std::string_view twice) {
  if (r.header("Idempotency-Key")) return {};
  return fail(ErrorCode::bad_request, std::string(why) +
                                          ": send an Idempotency-Key header so that a retry "
                                          "cannot " +
                                          std::string(twice));
}

Result<OrderParty> order_party(Service& service, identity::Directory& directory,
                               const http::Request& r) {
  RF_TRY(order, service.get_any(param(r, "order_id")));
  if (is_admin(r)) return OrderParty{std::move(*order), Actor::admin};
  if (r.principal->role == identity::role_customer) {
    if (order->customer_id != r.principal->subject)
      return fail(ErrorCode::not_found, "no such order");
    return OrderParty{std::move(*order), Actor::customer};
  }
  RF_TRY(staff, directory.require_merchant_staff(*r.principal, order->merchant_id,
                                                 identity::MerchantLevel::staff));
  return OrderParty{std::move(*order), Actor::merchant};
}

}  // namespace reskflow::orders
