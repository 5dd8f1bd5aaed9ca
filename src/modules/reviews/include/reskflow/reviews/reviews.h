// The reviews module's public interface: ratings and reviews of merchants and their items by
// customers with a delivered order, one review per order (docs/commerce.md "Reviews").
#pragma once

#include <memory>
#include <string_view>

#include "reskflow/catalog/catalog.h"
#include "reskflow/core/errors.h"
#include "reskflow/modules/module.h"

namespace reskflow::reviews {

// Events reviews consumes:
//   orders.order.delivered  {"order_id","customer_id","merchant_id","delivered_at"}: the
//                           customer may review that order for the review window.
//   identity.user.erased    {"user_id"}: that user's reviews become "Former customer".
inline constexpr std::string_view event_order_delivered = "orders.order.delivered";

// The public interfaces reviews needs.
struct Deps {
  catalog::Catalog& catalog;  // the merchants and items reviewed
};

// Fails when a RESKFLOW_REVIEWS_* setting is malformed or unknown.
Result<std::unique_ptr<modules::Module>> make_module(const modules::Platform& platform, Deps deps);

}  // namespace reskflow::reviews
