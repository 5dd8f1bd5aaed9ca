// The ledger's rules on typed values: posting balanced transactions, balances and a merchant's
// statement, payout runs, and the invariant check. No HTTP, no JSON, no SQL strings.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "metrics.h"
#include "reskflow/ledger/ledger.h"
#include "reskflow/modules/clock.h"
#include "reskflow/store/uuid.h"

namespace reskflow::ledger {

inline constexpr std::size_t reference_bytes_max = 200;
inline constexpr std::size_t description_bytes_max = 500;
inline constexpr std::size_t postings_max = 20;

struct StatementQuery {
  std::string currency;  // empty: every currency
  std::string cursor;    // the last entry id of the previous page; empty: the newest
  std::int64_t limit = 20;
};

// A merchant's position in one currency, seen from the merchant: what it is owed and what is on
// its way to its bank.
struct MerchantBalance {
  modules::Money available;
  modules::Money in_transit;
};

struct Statement {
  std::vector<MerchantBalance> balances;
  std::vector<Entry> entries;  // newest first; amounts seen from the merchant (owed positive)
  std::optional<std::string> next_cursor;
};

struct Payout {
  std::string id;
  std::string merchant_id;
  modules::Money amount;
  std::string transaction_id;
};

// A batch is in_transit until the bank's answer: paid (the money left the processor's account)
// or failed (owed to the merchants again).
inline constexpr std::string_view batch_in_transit = "in_transit";
inline constexpr std::string_view batch_paid = "paid";
inline constexpr std::string_view batch_failed = "failed";

struct PayoutBatch {
  std::string id;
  std::int64_t payouts_count = 0;
  std::int64_t created_at_us = 0;
  std::vector<Payout> payouts;  // empty in lists
  std::string status = std::string(batch_in_transit);
  std::optional<std::int64_t> settled_at_us;  // when it was marked paid or failed
  std::string failure_reason;                 // why the bank refused it
};

struct BatchPage {
  std::vector<PayoutBatch> batches;  // newest first
  std::optional<std::string> next_cursor;
};

struct PayoutRules {
  // Minor units of each account's own currency: one rule for every currency the ledger holds.
  std::int64_t minimum_minor = 1;   // smaller balances wait for the next run
  std::int64_t accounts_max = 500;  // payouts per batch (one transaction)
};

class Service {
 public:
  Service(store::Database& database, LedgerMetrics& metrics, modules::Clock clock);

  Result<std::string> post(store::Transaction& tx, const TransactionRequest& request);
  Result<modules::Money> balance(const AccountRef& account, std::string_view currency);
  Result<Statement> merchant_statement(std::string_view merchant_id, const StatementQuery& query);

  // One batch of payouts (service_payouts.cc): nullopt when no merchant is owed the minimum.
  Result<std::optional<PayoutBatch>> pay_out(const PayoutRules& rules);
  Result<BatchPage> payout_batches(std::string_view cursor, std::int64_t limit);
  Result<PayoutBatch> payout_batch(std::string_view batch_id);
  // The bank's answer for a batch in transit (service_payouts.cc): `paid` moves each payout out
  // of payouts_in_transit against processor_clearing; `failed` gives it back to merchant_payable.
  // Each is a balanced transaction, posted once; the same answer again returns the batch,
  // another one is conflict.
  Result<PayoutBatch> settle_batch(std::string_view batch_id, std::string_view outcome,
                                   std::string_view reason);

 private:
  Status refuse_negative(store::Transaction& tx, const TransactionRequest& request,
                         const std::vector<std::string>& account_ids);
  Result<std::optional<PayoutBatch>> pay_out_in(store::Transaction& tx, const PayoutRules& rules);

  store::Database& database_;
  LedgerMetrics& metrics_;
  modules::Clock clock_;
  store::UuidV7Generator ids_;
};

// validation_failed naming every malformed part of the request (service_post.cc).
Status validate(const TransactionRequest& request);

}  // namespace reskflow::ledger
