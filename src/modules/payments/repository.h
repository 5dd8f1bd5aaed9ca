// SQL over payments_intents and payments_refunds; every function runs inside the caller's
// transaction, and both engines run the same statements.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "reskflow/store/database.h"
#include "service.h"

namespace reskflow::payments::repository {

Result<std::optional<StoredIntent>> intent(store::Transaction& tx, std::string_view id);
Result<std::optional<StoredIntent>> intent_of(store::Transaction& tx, std::string_view order_id,
                                              std::string_view payer_user_id);
Result<std::optional<StoredIntent>> intent_by_provider_ref(store::Transaction& tx,
                                                           std::string_view provider_ref);
Result<std::vector<StoredIntent>> intents_of_order(store::Transaction& tx,
                                                   std::string_view order_id);
// False when the order and payer already have an intent (a concurrent retry won).
Result<bool> insert_intent(store::Transaction& tx, const StoredIntent& stored);
// Writes `stored` with its version incremented, if the row is still at stored.version; false
// when another change came first.
Result<bool> update_intent(store::Transaction& tx, const StoredIntent& stored);

Result<std::optional<Refund>> refund(store::Transaction& tx, std::string_view intent_id,
                                     const modules::Money& amount, std::string_view reason);
Status insert_refund(store::Transaction& tx, const Refund& refund);
// The ids of the intent's refunds that posted a ledger transaction (not released holds), oldest
// first.
Result<std::vector<std::string>> posted_refunds(store::Transaction& tx, std::string_view intent_id);

}  // namespace reskflow::payments::repository
