// The SQL over the chain module's tables (migrations/001_chain.sql), each function inside the
// caller's transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "reskflow/chain/chain.h"
#include "reskflow/chain/eth/rpc.h"
#include "reskflow/chain/record.h"
#include "reskflow/store/database.h"

namespace reskflow::chain::repository {

// False when the delivery's milestone was recorded before (events arrive at least once).
Result<bool> insert_record(store::Transaction& tx, const Record& record, std::int64_t now_us);

struct Unbatched {
  std::vector<eth::Word> leaves;  // in arrival order
  std::int64_t first_seq = 0;
  std::int64_t last_seq = 0;
  std::int64_t oldest_recorded_at_us = 0;
};
Result<Unbatched> unbatched(store::Transaction& tx, std::int64_t limit);
// Creates the next batch over the records first_seq..last_seq; returns its id.
Result<std::int64_t> insert_batch(store::Transaction& tx, const Unbatched& records,
                                  const eth::Word& root, std::int64_t now_us);

Result<std::vector<BatchView>> batches(store::Transaction& tx, std::string_view state,
                                       std::int64_t after_id, std::int64_t limit);
Result<std::optional<BatchView>> batch(store::Transaction& tx, std::int64_t id);
Result<std::vector<eth::Word>> batch_leaves(store::Transaction& tx, std::int64_t batch_id);

struct SentTransaction {
  eth::Word hash{};
  std::uint64_t nonce = 0;
  std::uint64_t max_fee_per_gas = 0;
  std::uint64_t max_priority_fee_per_gas = 0;
  eth::Bytes raw;
  std::int64_t sent_at_us = 0;
};
// Newest last.
Result<std::vector<SentTransaction>> transactions(store::Transaction& tx, std::int64_t batch_id);

// The records and batches of AnchoringState: what waits, the newest batch and a failing one.
Status read_anchoring(store::Transaction& tx, AnchoringState& state);
Status insert_transaction(store::Transaction& tx, std::int64_t batch_id,
                          const SentTransaction& sent);

// Raises the stored next nonce to at least `floor` (the node's pending count) and returns it.
Result<std::uint64_t> sync_nonce(store::Transaction& tx, const std::string& address,
                                 std::uint64_t floor);
// Takes the next nonce for the batch, once: later calls return the batch's nonce.
Result<std::uint64_t> reserve_nonce(store::Transaction& tx, const std::string& address,
                                    std::int64_t batch_id);

Status mark_sent(store::Transaction& tx, std::int64_t batch_id, const eth::Word& hash);
Status mark_confirmed(store::Transaction& tx, std::int64_t batch_id, const eth::Receipt& receipt,
                      std::int64_t now_us);
// Back to sealed without a nonce (a reverted transaction used it, or another sender did).
Status reopen(store::Transaction& tx, std::int64_t batch_id, const std::string& error);
// A mined transaction of the batch reverted: sealed again for a new nonce, or failed at the
// reverts_max-th revert (a revert costs gas and usually repeats: the account is no anchor).
Status revert(store::Transaction& tx, std::int64_t batch_id, const std::string& error,
              std::int64_t reverts_max);
Status note_error(store::Transaction& tx, std::int64_t batch_id, const std::string& error);

struct StoredRecord {
  std::string milestone;
  std::int64_t at_us = 0;
  std::string record;  // hex
  eth::Word leaf{};
  std::optional<std::int64_t> batch_id;
  std::int64_t position = 0;
};
Result<std::vector<StoredRecord>> records_of(store::Transaction& tx, std::string_view delivery_id);

}  // namespace reskflow::chain::repository
