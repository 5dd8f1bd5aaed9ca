// Writing one change of an intent: the row (compare-and-set on its version) and its event, in
// the caller's transaction; and the shared refusals.
#pragma once

#include <string_view>

#include "reskflow/store/database.h"
#include "service.h"

namespace reskflow::payments {

// Updates the intent (false when another change came first) and publishes the event of its new
// status.
Result<bool> write_change(store::Transaction& tx, const StoredIntent& stored);
// Inserts a new intent (false when the order and payer already have one) and publishes.
Result<bool> write_new(store::Transaction& tx, const StoredIntent& stored);

// invalid_transition naming the intent's status.
std::unexpected<Error> wrong_status(const Intent& intent, std::string_view wanted);
// not_found for an intent the caller may not see.
std::unexpected<Error> no_such_intent();

// The event type an intent's status is announced with.
std::string_view event_of(IntentStatus status);

}  // namespace reskflow::payments
