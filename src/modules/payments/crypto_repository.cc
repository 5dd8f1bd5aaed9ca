// payments_crypto_deposits, _receipts, _scans, _payouts, _payout_transactions and _sweeps: the
// same statements on SQLite and PostgreSQL.
#include "crypto_repository.h"

namespace reskflow::payments::crypto::repository {
namespace {

using store::Row;

constexpr std::string_view deposit_columns =
    "id, idempotency_key, address, currency, amount_minor, amount_units, received_units, "
    "captured_minor, payer_address, status, announced, expires_at_us, closed_at_us, "
    "created_at_us";

constexpr std::string_view payout_columns =
    "id, deposit_id, kind, to_address, units, state, nonce, tx_hash, block_number, last_error, "
    "created_at_us";

constexpr std::string_view sweep_columns =
    "deposit_id, state, received_units, units, gas_limit, max_fee_per_gas_wei, "
    "max_priority_fee_per_gas_wei, funding_tx_hash, sweep_tx_hash, nonce, raw, last_error, "
    "updated_at_us";

constexpr std::string_view sweep_ended = "('swept', 'skipped', 'failed')";

Units units_column(const Row& r, std::size_t column) {
  return parse_units(r.text_view(column)).value_or(0);
}

Sweep sweep_of(const Row& r) {
  Sweep s;
  s.deposit_id = r.text(0);
  s.state = r.text(1);
  s.received_units = units_column(r, 2);
  s.units = units_column(r, 3);
  s.gas_limit = static_cast<std::uint64_t>(r.int64(4));
  s.max_fee_per_gas = static_cast<std::uint64_t>(r.int64(5));
  s.max_priority_fee_per_gas = static_cast<std::uint64_t>(r.int64(6));
  s.funding_tx_hash = r.optional_text(7);
  s.sweep_tx_hash = r.optional_text(8);
  s.nonce = r.optional_int64(9);
  s.raw = r.optional_text(10);
  s.last_error = r.optional_text(11);
  s.updated_at_us = r.int64(12);
  return s;
}

Deposit deposit_of(const Row& r) {
  Deposit d;
  d.id = r.text(0);
  d.idempotency_key = r.text(1);
  d.address = r.text(2);
  d.amount = {r.int64(4), r.text(3)};
  d.amount_units = units_column(r, 5);
  d.received_units = units_column(r, 6);
  d.captured = {r.int64(7), d.amount.currency};
  d.payer_address = r.optional_text(8).value_or("");
  d.status = r.text(9);
  d.announced = r.int64(10) != 0;
  d.expires_at_us = r.int64(11);
  d.closed_at_us = r.optional_int64(12);
  d.created_at_us = r.int64(13);
  return d;
}

Payout payout_of(const Row& r) {
  return {r.text(0),           r.text(1),          r.text(2),           r.text(3),
          units_column(r, 4),  r.text(5),          r.optional_int64(6), r.optional_text(7),
          r.optional_int64(8), r.optional_text(9), r.int64(10)};
}

store::Value optional_value(const std::optional<std::int64_t>& v) {
  if (!v) return store::null_value;
  return *v;
}

store::Value text_or_null(const std::string& s) {
  if (s.empty()) return store::null_value;
  return s;
}

store::Value optional_text_value(const std::optional<std::string>& s) {
  if (!s) return store::null_value;
  return *s;
}

Result<std::optional<Deposit>> one_deposit(store::Transaction& tx, std::string_view column,
                                           std::string_view value) {
  RF_TRY(rows, tx.query("SELECT " + std::string(deposit_columns) +
                            " FROM payments_crypto_deposits WHERE " + std::string(column) + " = $1",
                        {std::string(value)}));
  if (rows->empty()) return std::optional<Deposit>{};
  return std::optional<Deposit>{deposit_of(rows->front())};
}

Result<std::vector<Deposit>> deposits(store::Transaction& tx, const std::string& where,
                                      const store::Params& params) {
  RF_TRY(rows, tx.query("SELECT " + std::string(deposit_columns) +
                            " FROM payments_crypto_deposits WHERE " + where,
                        params));
  std::vector<Deposit> out;
  for (const auto row : *rows) out.push_back(deposit_of(row));
  return out;
}

}  // namespace

Result<std::optional<Deposit>> deposit(store::Transaction& tx, std::string_view id) {
  return one_deposit(tx, "id", id);
}

Result<std::optional<Deposit>> deposit_by_key(store::Transaction& tx, std::string_view key) {
  return one_deposit(tx, "idempotency_key", key);
}

Result<std::optional<Deposit>> deposit_by_address(store::Transaction& tx,
                                                  std::string_view address) {
  return one_deposit(tx, "address", address);
}

Status insert_deposit(store::Transaction& tx, const Deposit& d) {
  RF_TRY(n,
         tx.exec("INSERT INTO payments_crypto_deposits (" + std::string(deposit_columns) +
                     ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) "
                     "ON CONFLICT (idempotency_key) DO NOTHING",
                 {d.id, d.idempotency_key, d.address, d.amount.currency, d.amount.amount_minor,
                  units_text(d.amount_units), units_text(d.received_units), d.captured.amount_minor,
                  text_or_null(d.payer_address), d.status, std::int64_t{d.announced ? 1 : 0},
                  d.expires_at_us, optional_value(d.closed_at_us), d.created_at_us}));
  return {};
}

Status update_deposit(store::Transaction& tx, const Deposit& d) {
  RF_TRY(n, tx.exec("UPDATE payments_crypto_deposits SET received_units = $2, captured_minor = $3, "
                    "payer_address = $4, status = $5, announced = $6, closed_at_us = $7 "
                    "WHERE id = $1",
                    {d.id, units_text(d.received_units), d.captured.amount_minor,
                     text_or_null(d.payer_address), d.status, std::int64_t{d.announced ? 1 : 0},
                     optional_value(d.closed_at_us)}));
  return {};
}

Result<std::vector<Deposit>> watched(store::Transaction& tx, std::int64_t closed_after_us,
                                     std::int64_t limit) {
  return deposits(tx,
                  "status IN ('open', 'paid') OR closed_at_us >= $1 "
                  "ORDER BY created_at_us DESC, id LIMIT $2",
                  {closed_after_us, limit});
}

Result<std::vector<Deposit>> expired_open(store::Transaction& tx, std::int64_t now_us,
                                          std::int64_t limit) {
  return deposits(tx, "status = 'open' AND expires_at_us <= $1 ORDER BY expires_at_us LIMIT $2",
                  {now_us, limit});
}

Result<std::vector<Deposit>> unannounced(store::Transaction& tx, std::int64_t limit) {
  return deposits(tx,
                  "status IN ('paid', 'expired') AND announced = 0 ORDER BY created_at_us LIMIT $1",
                  {limit});
}

Status mark_announced(store::Transaction& tx, std::string_view id) {
  RF_TRY(n, tx.exec("UPDATE payments_crypto_deposits SET announced = 1 WHERE id = $1",
                    {std::string(id)}));
  return {};
}

Result<bool> insert_transfer(store::Transaction& tx, const TransferIn& t,
                             std::string_view deposit_id) {
  RF_TRY(n, tx.exec("INSERT INTO payments_crypto_receipts (tx_hash, log_index, deposit_id, "
                    "from_address, units, block_number) VALUES ($1, $2, $3, $4, $5, $6) "
                    "ON CONFLICT (tx_hash, log_index) DO NOTHING",
                    {t.tx_hash, t.log_index, std::string(deposit_id), t.from_address,
                     units_text(t.units), t.block_number}));
  return *n == 1;
}

Result<std::optional<std::int64_t>> last_block(store::Transaction& tx, std::string_view token) {
  RF_TRY(rows, tx.query("SELECT last_block FROM payments_crypto_scans WHERE token = $1",
                        {std::string(token)}));
  if (rows->empty()) return std::optional<std::int64_t>{};
  return std::optional<std::int64_t>{rows->front().int64(0)};
}

Status start_scan(store::Transaction& tx, std::string_view token, std::int64_t block) {
  RF_TRY(n, tx.exec("INSERT INTO payments_crypto_scans (token, last_block) VALUES ($1, $2) "
                    "ON CONFLICT (token) DO NOTHING",
                    {std::string(token), block}));
  return {};
}

Status set_last_block(store::Transaction& tx, std::string_view token, std::int64_t block) {
  RF_TRY(n, tx.exec("UPDATE payments_crypto_scans SET last_block = $2 WHERE token = $1",
                    {std::string(token), block}));
  return {};
}

Result<bool> queue_payout(store::Transaction& tx, const Payout& p) {
  RF_TRY(n,
         tx.exec("INSERT INTO payments_crypto_payouts (id, deposit_id, kind, to_address, "
                 "units, state, created_at_us) VALUES ($1, $2, $3, $4, $5, 'queued', $6) "
                 "ON CONFLICT (id) DO NOTHING",
                 {p.id, p.deposit_id, p.kind, p.to_address, units_text(p.units), p.created_at_us}));
  return *n == 1;
}

Result<std::optional<Payout>> payout(store::Transaction& tx, std::string_view id) {
  RF_TRY(rows, tx.query("SELECT " + std::string(payout_columns) +
                            " FROM payments_crypto_payouts WHERE id = $1",
                        {std::string(id)}));
  if (rows->empty()) return std::optional<Payout>{};
  return std::optional<Payout>{payout_of(rows->front())};
}

Result<std::vector<Payout>> payouts(store::Transaction& tx, std::string_view state,
                                    std::int64_t limit) {
  RF_TRY(rows, tx.query("SELECT " + std::string(payout_columns) +
                            " FROM payments_crypto_payouts WHERE state = $1 "
                            "ORDER BY created_at_us, id LIMIT $2",
                        {std::string(state), limit}));
  std::vector<Payout> out;
  for (const auto row : *rows) out.push_back(payout_of(row));
  return out;
}

Result<std::vector<Payout>> payouts_of(store::Transaction& tx, std::string_view deposit_id) {
  RF_TRY(rows, tx.query("SELECT " + std::string(payout_columns) +
                            " FROM payments_crypto_payouts WHERE deposit_id = $1 "
                            "ORDER BY created_at_us, id",
                        {std::string(deposit_id)}));
  std::vector<Payout> out;
  for (const auto row : *rows) out.push_back(payout_of(row));
  return out;
}

Status record_sent(store::Transaction& tx, std::string_view payout_id, std::uint64_t nonce,
                   const PayoutTransaction& sent) {
  RF_TRY(stored, tx.exec("INSERT INTO payments_crypto_payout_transactions (tx_hash, payout_id, "
                         "max_fee_per_gas_wei, max_priority_fee_per_gas_wei, raw, sent_at_us) "
                         "VALUES ($1, $2, $3, $4, $5, $6)",
                         {sent.tx_hash, std::string(payout_id),
                          static_cast<std::int64_t>(sent.max_fee_per_gas),
                          static_cast<std::int64_t>(sent.max_priority_fee_per_gas), sent.raw,
                          sent.sent_at_us}));
  RF_TRY(marked, tx.exec("UPDATE payments_crypto_payouts SET state = 'sent', "
                         "nonce = COALESCE(nonce, $2), tx_hash = $3, last_error = NULL "
                         "WHERE id = $1",
                         {std::string(payout_id), static_cast<std::int64_t>(nonce), sent.tx_hash}));
  return {};
}

Result<std::vector<PayoutTransaction>> payout_transactions(store::Transaction& tx,
                                                           std::string_view payout_id) {
  RF_TRY(rows, tx.query("SELECT tx_hash, max_fee_per_gas_wei, max_priority_fee_per_gas_wei, raw, "
                        "sent_at_us FROM payments_crypto_payout_transactions "
                        "WHERE payout_id = $1 ORDER BY sent_at_us, tx_hash",
                        {std::string(payout_id)}));
  std::vector<PayoutTransaction> out;
  for (const auto row : *rows) {
    out.push_back({row.text(0), static_cast<std::uint64_t>(row.int64(1)),
                   static_cast<std::uint64_t>(row.int64(2)), row.text(3), row.int64(4)});
  }
  return out;
}

Status settle_payout(store::Transaction& tx, std::string_view payout_id, bool succeeded,
                     std::string_view tx_hash, std::int64_t block_number) {
  RF_TRY(n, tx.exec("UPDATE payments_crypto_payouts SET state = $2, tx_hash = $3, "
                    "block_number = $4, last_error = $5 WHERE id = $1",
                    {std::string(payout_id), std::string(succeeded ? "confirmed" : "failed"),
                     std::string(tx_hash), block_number,
                     succeeded ? store::Value{store::null_value}
                               : store::Value{std::string("the token transfer reverted")}}));
  return {};
}

Status requeue_payout(store::Transaction& tx, std::string_view payout_id,
                      const std::string& error) {
  RF_TRY(n, tx.exec("UPDATE payments_crypto_payouts SET state = 'queued', nonce = NULL, "
                    "last_error = $2 WHERE id = $1",
                    {std::string(payout_id), error}));
  return {};
}

Status note_payout_error(store::Transaction& tx, std::string_view payout_id,
                         const std::string& error) {
  RF_TRY(n, tx.exec("UPDATE payments_crypto_payouts SET last_error = $2 WHERE id = $1",
                    {std::string(payout_id), error}));
  return {};
}

Result<std::vector<Deposit>> sweep_candidates(store::Transaction& tx, std::int64_t limit) {
  return deposits(tx,
                  "id IN (SELECT d.id FROM payments_crypto_deposits d "
                  "LEFT JOIN payments_crypto_sweeps s ON s.deposit_id = d.id "
                  "WHERE d.status IN ('captured', 'cancelled', 'expired') "
                  "AND d.received_units <> '0' AND (s.deposit_id IS NULL OR (s.state IN " +
                      std::string(sweep_ended) +
                      " AND s.received_units <> d.received_units))) "
                      "ORDER BY closed_at_us, id LIMIT $1",
                  {limit});
}

Status plan_sweep(store::Transaction& tx, std::string_view deposit_id, Units received_units,
                  std::int64_t now_us) {
  RF_TRY(n, tx.exec("INSERT INTO payments_crypto_sweeps (" + std::string(sweep_columns) +
                        ") VALUES ($1, 'funding', $2, '0', 0, 0, 0, NULL, NULL, NULL, NULL, NULL, "
                        "$3) ON CONFLICT (deposit_id) DO UPDATE SET state = 'funding', "
                        "received_units = $2, units = '0', gas_limit = 0, "
                        "max_fee_per_gas_wei = 0, max_priority_fee_per_gas_wei = 0, "
                        "funding_tx_hash = NULL, sweep_tx_hash = NULL, nonce = NULL, raw = NULL, "
                        "last_error = NULL, updated_at_us = $3",
                    {std::string(deposit_id), units_text(received_units), now_us}));
  return {};
}

Result<std::vector<Sweep>> active_sweeps(store::Transaction& tx, std::int64_t limit) {
  RF_TRY(rows,
         tx.query("SELECT " + std::string(sweep_columns) +
                      " FROM payments_crypto_sweeps WHERE state NOT IN " +
                      std::string(sweep_ended) + " ORDER BY updated_at_us, deposit_id LIMIT $1",
                  {limit}));
  std::vector<Sweep> out;
  for (const auto row : *rows) out.push_back(sweep_of(row));
  return out;
}

Result<std::int64_t> active_sweep_count(store::Transaction& tx) {
  RF_TRY(rows, tx.query("SELECT COUNT(*) FROM payments_crypto_sweeps WHERE state NOT IN " +
                            std::string(sweep_ended),
                        {}));
  return rows->front().int64(0);
}

Result<std::optional<Sweep>> sweep(store::Transaction& tx, std::string_view deposit_id) {
  RF_TRY(rows, tx.query("SELECT " + std::string(sweep_columns) +
                            " FROM payments_crypto_sweeps WHERE deposit_id = $1",
                        {std::string(deposit_id)}));
  if (rows->empty()) return std::optional<Sweep>{};
  return std::optional<Sweep>{sweep_of(rows->front())};
}

Status save_sweep(store::Transaction& tx, const Sweep& s) {
  RF_TRY(n, tx.exec(
                "UPDATE payments_crypto_sweeps SET state = $2, units = $3, gas_limit = $4, "
                "max_fee_per_gas_wei = $5, max_priority_fee_per_gas_wei = $6, "
                "funding_tx_hash = $7, sweep_tx_hash = $8, nonce = $9, raw = $10, "
                "last_error = $11, updated_at_us = $12 WHERE deposit_id = $1",
                {s.deposit_id, s.state, units_text(s.units), static_cast<std::int64_t>(s.gas_limit),
                 static_cast<std::int64_t>(s.max_fee_per_gas),
                 static_cast<std::int64_t>(s.max_priority_fee_per_gas),
                 optional_text_value(s.funding_tx_hash), optional_text_value(s.sweep_tx_hash),
                 optional_value(s.nonce), optional_text_value(s.raw),
                 optional_text_value(s.last_error), s.updated_at_us}));
  return {};
}

}  // namespace reskflow::payments::crypto::repository
