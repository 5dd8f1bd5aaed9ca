// SQL over the ledger's own tables (ledger_*); every function runs inside the caller's
// transaction, and both engines run the same statements.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reskflow/store/database.h"
#include "service.h"

namespace reskflow::ledger::repository {

Result<std::optional<std::string>> transaction_by_reference(store::Transaction& tx,
                                                            std::string_view reference);
// The account's id, created with `new_id` when it does not exist yet.
Result<std::string> ensure_account(store::Transaction& tx, const AccountRef& account,
                                   std::string_view currency, std::string_view new_id,
                                   std::int64_t now_us);
// The sum of the account's entries (debit positive); 0 for an unknown account.
Result<std::int64_t> account_sum(store::Transaction& tx, std::string_view account_id);
Result<std::int64_t> balance(store::Transaction& tx, const AccountRef& account,
                             std::string_view currency);
Status insert_transaction(store::Transaction& tx, std::string_view id,
                          const TransactionRequest& request, std::int64_t now_us);
// `amount` is in the account's currency (the entry keeps the minor units alone).
Status insert_entry(store::Transaction& tx, std::string_view id, std::string_view transaction_id,
                    std::string_view account_id, const modules::Money& amount, std::int64_t now_us);

// The sums of the merchant's merchant_payable and payouts_in_transit accounts.
struct OwnerSum {
  AccountKind kind = AccountKind::merchant_payable;
  std::string currency;
  std::int64_t sum = 0;  // debit positive
};
Result<std::vector<OwnerSum>> merchant_sums(store::Transaction& tx, std::string_view merchant_id);
// The entries of those accounts older than `before_id` (all when empty), newest first.
Result<std::vector<Entry>> merchant_entries(store::Transaction& tx, std::string_view merchant_id,
                                            const StatementQuery& query);

// merchant_payable accounts owing at least `rules.minimum_minor` of their currency, at most
// `rules.accounts_max`.
struct Payable {
  std::string merchant_id;
  modules::Money owed;
};
Result<std::vector<Payable>> payables(store::Transaction& tx, const PayoutRules& rules);
Status insert_batch(store::Transaction& tx, const PayoutBatch& batch);
Status insert_payout(store::Transaction& tx, std::string_view batch_id, const Payout& payout);
Result<std::vector<PayoutBatch>> batches(store::Transaction& tx, std::string_view before_id,
                                         std::int64_t limit);
Result<std::optional<PayoutBatch>> batch(store::Transaction& tx, std::string_view batch_id);
// Marks an in_transit batch paid or failed; false when it was not in transit any more.
Result<bool> settle_batch(store::Transaction& tx, const PayoutBatch& settled);

Result<std::vector<Entry>> entries_of(store::Transaction& tx, std::string_view reference);

// The invariants (check.cc): each query returns one violation per offending row.
Result<std::vector<Violation>> unbalanced_transactions(store::Transaction& tx);
Result<std::vector<Violation>> short_transactions(store::Transaction& tx);
Result<std::vector<Violation>> negative_balances(store::Transaction& tx);
Result<std::vector<Violation>> duplicate_references(store::Transaction& tx);

}  // namespace reskflow::ledger::repository
