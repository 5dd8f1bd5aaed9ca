// Cart rules shared by the service files: which states accept edits, who may do what.
#pragma once

#include "repository.h"
#include "reskflow/carts/carts.h"
#include "reskflow/core/errors.h"

namespace reskflow::carts {

// Edits need an open cart; the refusal says why in words a customer understands.
inline Status require_open(const CartRow& cart) {
  if (cart.status == status_open) return {};
  if (cart.status == status_locked)
    return fail(ErrorCode::invalid_transition,
                "The host locked the cart, so it cannot change now; ask them to unlock it.");
  if (cart.status == status_abandoned)
    return fail(ErrorCode::invalid_transition, "This cart was abandoned; start a new one.");
  return fail(ErrorCode::invalid_transition, "This cart was already checked out.");
}

inline Status require_host(const CartRow& cart, std::string_view user_id, std::string_view what) {
  if (cart.host_id == user_id) return {};
  return fail(ErrorCode::forbidden, "Only the host can " + std::string(what) + ".");
}

}  // namespace reskflow::carts
