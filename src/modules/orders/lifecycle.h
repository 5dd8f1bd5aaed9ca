// The order state machine: which state may follow which, and who may move an order along each
// edge (docs/orders.md has the diagram). Pure: no storage, no payments.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "reskflow/core/errors.h"

namespace reskflow::orders {

// Who asks for a transition: the order's customer, the merchant's staff (who also deliver in
// merchant delivery mode), a platform courier (through Orders::courier_transition), an
// administrator, or the module itself (the acceptance timeout).
enum class Actor { customer, merchant, courier, admin, system };

// The states `actor` may move an order in `status` to, in the diagram's order.
std::vector<std::string_view> allowed_next(std::string_view status, Actor actor);

// invalid_transition with members "current_status" (the current state) and "allowed" (the states
// this caller may move it to, comma-separated; empty when none) unless the edge exists for `actor`.
Status check_transition(std::string_view status, std::string_view next, Actor actor);

// No transition leaves these (refunded; delivered only by an admin's refund).
bool terminal(std::string_view status);

}  // namespace reskflow::orders
