// chain_records, chain_batches and chain_transactions (the anchor account's nonce in the shared
// chain_nonces): the same statements on
// SQLite and PostgreSQL.
#include "repository.h"

#include "reskflow/chain/nonces.h"

namespace reskflow::chain::repository {
namespace {

using store::Params;
using store::Row;

constexpr std::string_view batch_columns =
    "id, root, record_count, sealed_at_us, state, nonce, tx_hash, block_number, gas_used, "
    "effective_gas_price_wei, confirmed_at_us, attempts, last_error, reverts";

BatchView batch_of(const Row& r) {
  BatchView b;
  b.id = r.int64(0);
  b.root = r.text(1);
  b.record_count = r.int64(2);
  b.sealed_at_us = r.int64(3);
  b.state = r.text(4);
  b.nonce = r.optional_int64(5);
  b.tx_hash = r.optional_text(6);
  b.block_number = r.optional_int64(7);
  b.gas_used = r.optional_int64(8);
  b.effective_gas_price_wei = r.optional_int64(9);
  b.confirmed_at_us = r.optional_int64(10);
  b.attempts = r.int64(11);
  b.last_error = r.optional_text(12);
  b.reverts = r.int64(13);
  return b;
}

eth::Word word_of(const Row& r, std::size_t column) {
  return eth::word_from_hex(r.text_view(column)).value_or(eth::Word{});
}

std::int64_t signed_of(std::uint64_t n) { return static_cast<std::int64_t>(n); }

}  // namespace

Result<bool> insert_record(store::Transaction& tx, const Record& record, std::int64_t now_us) {
  const auto encoding = encode(record);
  RF_TRY(changed,
         tx.exec("INSERT INTO chain_records (delivery_id, milestone, at_us, record, leaf, seq, "
                 "recorded_at_us) SELECT $1, $2, $3, $4, $5, COALESCE(MAX(seq), 0) + 1, $6 "
                 "FROM chain_records WHERE true ON CONFLICT (delivery_id, milestone) DO NOTHING",
                 {record.delivery_id, std::string(milestone_name(record.milestone)), record.at_us,
                  eth::to_hex(encoding), eth::to_hex(leaf_of(encoding)), now_us}));
  return *changed == 1;
}

Result<Unbatched> unbatched(store::Transaction& tx, std::int64_t limit) {
  RF_TRY(rows, tx.query("SELECT leaf, seq, recorded_at_us FROM chain_records "
                        "WHERE batch_id IS NULL ORDER BY seq LIMIT $1",
                        {limit}));
  Unbatched out;
  for (const auto row : *rows) {
    out.leaves.push_back(word_of(row, 0));
    if (out.first_seq == 0) {
      out.first_seq = row.int64(1);
      out.oldest_recorded_at_us = row.int64(2);
    }
    out.last_seq = row.int64(1);
  }
  return out;
}

Result<std::int64_t> insert_batch(store::Transaction& tx, const Unbatched& records,
                                  const eth::Word& root, std::int64_t now_us) {
  RF_TRY(rows,
         tx.query("INSERT INTO chain_batches (id, root, record_count, sealed_at_us, state) "
                  "SELECT COALESCE(MAX(id), 0) + 1, $1, $2, $3, 'sealed' FROM chain_batches "
                  "RETURNING id",
                  {eth::to_hex(root), static_cast<std::int64_t>(records.leaves.size()), now_us}));
  const auto id = rows->front().int64(0);
  RF_TRY(placed, tx.exec("UPDATE chain_records SET batch_id = $1, position = seq - $2 "
                         "WHERE batch_id IS NULL AND seq BETWEEN $2 AND $3",
                         {id, records.first_seq, records.last_seq}));
  if (*placed != static_cast<std::int64_t>(records.leaves.size()))
    return fail(ErrorCode::conflict, "the records of the batch changed while it was sealed");
  return id;
}

Result<std::vector<BatchView>> batches(store::Transaction& tx, std::string_view state,
                                       std::int64_t after_id, std::int64_t limit) {
  RF_TRY(rows, tx.query("SELECT " + std::string(batch_columns) +
                            " FROM chain_batches WHERE ($1 = '' OR state = $1) AND id > $2 "
                            "ORDER BY id LIMIT $3",
                        {std::string(state), after_id, limit}));
  std::vector<BatchView> out;
  for (const auto row : *rows) out.push_back(batch_of(row));
  return out;
}

Result<std::optional<BatchView>> batch(store::Transaction& tx, std::int64_t id) {
  RF_TRY(
      rows,
      tx.query("SELECT " + std::string(batch_columns) + " FROM chain_batches WHERE id = $1", {id}));
  if (rows->empty()) return std::optional<BatchView>{};
  return std::optional<BatchView>{batch_of(rows->front())};
}

Result<std::vector<eth::Word>> batch_leaves(store::Transaction& tx, std::int64_t batch_id) {
  RF_TRY(rows, tx.query("SELECT leaf FROM chain_records WHERE batch_id = $1 ORDER BY position",
                        {batch_id}));
  std::vector<eth::Word> out;
  for (const auto row : *rows) out.push_back(word_of(row, 0));
  return out;
}

Status read_anchoring(store::Transaction& tx, AnchoringState& state) {
  RF_TRY(pending, tx.query("SELECT COUNT(*), MIN(recorded_at_us) FROM chain_records "
                           "WHERE batch_id IS NULL"));
  state.pending_records = pending->front().int64(0);
  state.oldest_pending_at_us = pending->front().optional_int64(1);
  RF_TRY(counts,
         tx.query("SELECT COALESCE(SUM(CASE WHEN state IN ('sealed', 'sent') THEN 1 ELSE 0 END), "
                  "0), COALESCE(SUM(CASE WHEN state = 'failed' THEN 1 ELSE 0 END), 0) "
                  "FROM chain_batches"));
  state.batches_waiting = counts->front().int64(0);
  state.batches_failed = counts->front().int64(1);
  RF_TRY(newest, tx.query("SELECT " + std::string(batch_columns) +
                          " FROM chain_batches ORDER BY id DESC LIMIT 1"));
  if (!newest->empty()) state.last_batch = batch_of(newest->front());
  RF_TRY(failing, tx.query("SELECT " + std::string(batch_columns) +
                           " FROM chain_batches WHERE state IN ('sealed', 'sent') AND "
                           "last_error IS NOT NULL ORDER BY id LIMIT 1"));
  if (!failing->empty()) state.failing_batch = batch_of(failing->front());
  return {};
}

Result<std::vector<SentTransaction>> transactions(store::Transaction& tx, std::int64_t batch_id) {
  RF_TRY(rows, tx.query("SELECT tx_hash, nonce, max_fee_per_gas_wei, "
                        "max_priority_fee_per_gas_wei, raw, sent_at_us FROM chain_transactions "
                        "WHERE batch_id = $1 ORDER BY sent_at_us, tx_hash",
                        {batch_id}));
  std::vector<SentTransaction> out;
  for (const auto row : *rows) {
    out.push_back({word_of(row, 0), static_cast<std::uint64_t>(row.int64(1)),
                   static_cast<std::uint64_t>(row.int64(2)),
                   static_cast<std::uint64_t>(row.int64(3)),
                   eth::from_hex(row.text_view(4)).value_or(eth::Bytes{}), row.int64(5)});
  }
  return out;
}

Status insert_transaction(store::Transaction& tx, std::int64_t batch_id,
                          const SentTransaction& sent) {
  RF_TRY(done, tx.exec("INSERT INTO chain_transactions (tx_hash, batch_id, nonce, "
                       "max_fee_per_gas_wei, max_priority_fee_per_gas_wei, raw, sent_at_us) "
                       "VALUES ($1, $2, $3, $4, $5, $6, $7)",
                       {eth::to_hex(sent.hash), batch_id, signed_of(sent.nonce),
                        signed_of(sent.max_fee_per_gas), signed_of(sent.max_priority_fee_per_gas),
                        eth::to_hex(sent.raw), sent.sent_at_us}));
  return {};
}

Result<std::uint64_t> sync_nonce(store::Transaction& tx, const std::string& address,
                                 std::uint64_t floor) {
  return nonces::sync(tx, address, floor);
}

Result<std::uint64_t> reserve_nonce(store::Transaction& tx, const std::string& address,
                                    std::int64_t batch_id) {
  RF_TRY(current, tx.query("SELECT nonce FROM chain_batches WHERE id = $1", {batch_id}));
  if (const auto nonce = current->front().optional_int64(0))
    return static_cast<std::uint64_t>(*nonce);
  RF_TRY(taken, nonces::take(tx, address));
  const auto nonce = static_cast<std::int64_t>(*taken);
  RF_TRY(set, tx.exec("UPDATE chain_batches SET nonce = $1 WHERE id = $2", {nonce, batch_id}));
  return static_cast<std::uint64_t>(nonce);
}

Status mark_sent(store::Transaction& tx, std::int64_t batch_id, const eth::Word& hash) {
  RF_TRY(done, tx.exec("UPDATE chain_batches SET state = 'sent', tx_hash = $1, "
                       "attempts = attempts + 1 WHERE id = $2",
                       {eth::to_hex(hash), batch_id}));
  return {};
}

Status mark_confirmed(store::Transaction& tx, std::int64_t batch_id, const eth::Receipt& receipt,
                      std::int64_t now_us) {
  RF_TRY(done, tx.exec("UPDATE chain_batches SET state = 'confirmed', tx_hash = $1, "
                       "block_number = $2, gas_used = $3, effective_gas_price_wei = $4, "
                       "confirmed_at_us = $5, last_error = NULL WHERE id = $6",
                       {eth::to_hex(receipt.transaction_hash), signed_of(receipt.block_number),
                        signed_of(receipt.gas_used), signed_of(receipt.effective_gas_price), now_us,
                        batch_id}));
  return {};
}

Status reopen(store::Transaction& tx, std::int64_t batch_id, const std::string& error) {
  RF_TRY(done, tx.exec("UPDATE chain_batches SET state = 'sealed', nonce = NULL, last_error = $1 "
                       "WHERE id = $2",
                       {error, batch_id}));
  return {};
}

Status revert(store::Transaction& tx, std::int64_t batch_id, const std::string& error,
              std::int64_t reverts_max) {
  RF_TRY(done, tx.exec("UPDATE chain_batches SET reverts = reverts + 1, nonce = NULL, "
                       "state = CASE WHEN reverts + 1 >= $3 THEN 'failed' ELSE 'sealed' END, "
                       "last_error = $1 WHERE id = $2",
                       {error, batch_id, reverts_max}));
  return {};
}

Status note_error(store::Transaction& tx, std::int64_t batch_id, const std::string& error) {
  RF_TRY(done,
         tx.exec("UPDATE chain_batches SET last_error = $1 WHERE id = $2", {error, batch_id}));
  return {};
}

Result<std::vector<StoredRecord>> records_of(store::Transaction& tx, std::string_view delivery_id) {
  RF_TRY(rows, tx.query("SELECT milestone, at_us, record, leaf, batch_id, position "
                        "FROM chain_records WHERE delivery_id = $1 ORDER BY seq",
                        {std::string(delivery_id)}));
  std::vector<StoredRecord> out;
  for (const auto row : *rows) {
    out.push_back({row.text(0), row.int64(1), row.text(2), word_of(row, 3), row.optional_int64(4),
                   row.optional_int64(5).value_or(0)});
  }
  return out;
}

}  // namespace reskflow::chain::repository
