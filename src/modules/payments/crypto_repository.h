// The SQL over the stablecoin provider's tables (migrations/002_crypto.sql), each function inside
// the caller's transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "crypto_units.h"
#include "reskflow/modules/money.h"
#include "reskflow/store/database.h"

namespace reskflow::payments::crypto {

// A payment's deposit address and what it received.
struct Deposit {
  std::string id;
  std::string idempotency_key;
  std::string address;  // 0x-hex, lowercase
  modules::Money amount;
  Units amount_units = 0;
  Units received_units = 0;
  modules::Money captured;    // in the amount's currency
  std::string payer_address;  // empty until the first transfer
  std::string status;         // open, paid, captured, cancelled, expired
  bool announced = false;
  std::int64_t expires_at_us = 0;
  std::optional<std::int64_t> closed_at_us;
  std::int64_t created_at_us = 0;
};

// A Transfer log into a deposit address.
struct TransferIn {
  std::string tx_hash;
  std::int64_t log_index = 0;
  std::string from_address;
  std::string to_address;
  Units units = 0;
  std::int64_t block_number = 0;
};

// A transfer the treasury sends.
struct Payout {
  std::string id;
  std::string deposit_id;
  std::string kind;  // refund, return
  std::string to_address;
  Units units = 0;
  std::string state;  // queued, sent, confirmed, failed
  std::optional<std::int64_t> nonce;
  std::optional<std::string> tx_hash;
  std::optional<std::int64_t> block_number;
  std::optional<std::string> last_error;
  std::int64_t created_at_us = 0;
};

struct PayoutTransaction {
  std::string tx_hash;
  std::uint64_t max_fee_per_gas = 0;
  std::uint64_t max_priority_fee_per_gas = 0;
  std::string raw;  // 0x-hex signed bytes
  std::int64_t sent_at_us = 0;
};

// A closed deposit's token on its way to the treasury (migrations/003_crypto_sweeps.sql).
struct Sweep {
  std::string deposit_id;
  // funding, funding_sent, sweeping, sweep_sent; then swept, skipped or failed
  std::string state;
  Units received_units = 0;  // the deposit's when planned: a later transfer plans it again
  Units units = 0;           // what the sweep moves
  std::uint64_t gas_limit = 0;
  std::uint64_t max_fee_per_gas = 0;  // wei
  std::uint64_t max_priority_fee_per_gas = 0;
  std::optional<std::string> funding_tx_hash;
  std::optional<std::string> sweep_tx_hash;
  std::optional<std::int64_t> nonce;  // of the transaction in flight
  std::optional<std::string> raw;     // its signed bytes, 0x-hex
  std::optional<std::string> last_error;
  std::int64_t updated_at_us = 0;
};

namespace repository {

Result<std::optional<Deposit>> deposit(store::Transaction& tx, std::string_view id);
Result<std::optional<Deposit>> deposit_by_key(store::Transaction& tx, std::string_view key);
Result<std::optional<Deposit>> deposit_by_address(store::Transaction& tx, std::string_view address);
// Nothing when a deposit has the idempotency key already (a concurrent retry won).
Status insert_deposit(store::Transaction& tx, const Deposit& d);
// Writes the mutable fields: received, captured, payer, status, announced, closed_at.
Status update_deposit(store::Transaction& tx, const Deposit& d);
// Deposits whose address is watched: open and paid ones, and those closed since `closed_after_us`.
Result<std::vector<Deposit>> watched(store::Transaction& tx, std::int64_t closed_after_us,
                                     std::int64_t limit);
Result<std::vector<Deposit>> expired_open(store::Transaction& tx, std::int64_t now_us,
                                          std::int64_t limit);
// Paid or expired deposits payments has not been told about.
Result<std::vector<Deposit>> unannounced(store::Transaction& tx, std::int64_t limit);

Status mark_announced(store::Transaction& tx, std::string_view id);

// False when the log was counted before.
Result<bool> insert_transfer(store::Transaction& tx, const TransferIn& t,
                             std::string_view deposit_id);

Result<std::optional<std::int64_t>> last_block(store::Transaction& tx, std::string_view token);
// Creates the token's scan row at `block` unless it exists.
Status start_scan(store::Transaction& tx, std::string_view token, std::int64_t block);
Status set_last_block(store::Transaction& tx, std::string_view token, std::int64_t block);

// False when a payout of this id exists (a retry).
Result<bool> queue_payout(store::Transaction& tx, const Payout& p);
Result<std::optional<Payout>> payout(store::Transaction& tx, std::string_view id);
Result<std::vector<Payout>> payouts(store::Transaction& tx, std::string_view state,
                                    std::int64_t limit);
Result<std::vector<Payout>> payouts_of(store::Transaction& tx, std::string_view deposit_id);
// Sets the nonce (first send only) and the latest transaction, stores it, and marks the payout
// sent.
Status record_sent(store::Transaction& tx, std::string_view payout_id, std::uint64_t nonce,
                   const PayoutTransaction& sent);
// Newest last.
Result<std::vector<PayoutTransaction>> payout_transactions(store::Transaction& tx,
                                                           std::string_view payout_id);
Status settle_payout(store::Transaction& tx, std::string_view payout_id, bool succeeded,
                     std::string_view tx_hash, std::int64_t block_number);
// Back to queued without a nonce: another transaction of the account took its nonce.
Status requeue_payout(store::Transaction& tx, std::string_view payout_id, const std::string& error);
Status note_payout_error(store::Transaction& tx, std::string_view payout_id,
                         const std::string& error);

// Closed deposits (captured, cancelled, expired) that received token and were never planned for a
// sweep, or received more since their last one ended.
Result<std::vector<Deposit>> sweep_candidates(store::Transaction& tx, std::int64_t limit);
// A new sweep of the deposit in state funding (or the deposit's ended one started again).
Status plan_sweep(store::Transaction& tx, std::string_view deposit_id, Units received_units,
                  std::int64_t now_us);
// Sweeps not ended yet, oldest first.
Result<std::vector<Sweep>> active_sweeps(store::Transaction& tx, std::int64_t limit);
Result<std::int64_t> active_sweep_count(store::Transaction& tx);
Result<std::optional<Sweep>> sweep(store::Transaction& tx, std::string_view deposit_id);
// Writes every field but deposit_id and received_units.
Status save_sweep(store::Transaction& tx, const Sweep& s);

}  // namespace repository
}  // namespace reskflow::payments::crypto
