// The recommendations module's public interface: "order again", "popular near you" and "often
// ordered together", kept incrementally from orders' events (docs/recommendations.md).
#pragma once

#include <memory>

#include "reskflow/catalog/catalog.h"
#include "reskflow/core/errors.h"
#include "reskflow/modules/module.h"

namespace reskflow::recommendations {

// Events recommendations consumes (each through bus::handle_once, so a redelivery counts once):
// orders.order.delivered (its items) and identity.user.erased (the customer's counts go).
class RecommendationsModule : public modules::Module {};

// The public interfaces recommendations needs.
struct Deps {
  catalog::Catalog& catalog;  // merchants' location, hours and zone; whether an item is orderable
};

// Fails when a RESKFLOW_RECOMMENDATIONS_* setting is malformed or unknown.
Result<std::unique_ptr<RecommendationsModule>> make_module(const modules::Platform& platform,
                                                           Deps deps);

}  // namespace reskflow::recommendations
