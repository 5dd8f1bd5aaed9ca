// SQL for ledger_accounts, ledger_transactions, ledger_entries and the payout tables.
#include "repository.h"

#include "accounts.h"

namespace reskflow::ledger::repository {
namespace {

constexpr std::string_view batch_columns =
    "id, payouts_count, created_at_us, status, settled_at_us, failure_reason";

PayoutBatch batch_of(const store::Row& r) {
  PayoutBatch b{r.text(0), r.int64(1), r.int64(2), {}};
  b.status = r.text(3);
  b.settled_at_us = r.optional_int64(4);
  b.failure_reason = r.text(5);
  return b;
}

std::string name_of(AccountKind kind) { return std::string(kind_name(kind)); }

AccountKind kind_of(std::string_view name) {
  return parse_kind(name).value_or(AccountKind::platform_revenue);
}

}  // namespace

Result<std::optional<std::string>> transaction_by_reference(store::Transaction& tx,
                                                            std::string_view reference) {
  RF_TRY(rows, tx.query("SELECT id FROM ledger_transactions WHERE reference = $1",
                        {std::string(reference)}));
  if (rows->empty()) return std::optional<std::string>{};
  return std::optional<std::string>{rows->front().text(0)};
}

Result<std::string> ensure_account(store::Transaction& tx, const AccountRef& account,
                                   std::string_view currency, std::string_view new_id,
                                   std::int64_t now_us) {
  const store::Params key{name_of(account.kind), account.owner_id, std::string(currency)};
  RF_TRY(rows, tx.query("SELECT id FROM ledger_accounts WHERE kind = $1 AND owner_id = $2 AND "
                        "currency = $3",
                        key));
  if (!rows->empty()) return rows->front().text(0);
  RF_TRY(inserted, tx.exec("INSERT INTO ledger_accounts (id, kind, owner_id, currency, "
                           "created_at_us) VALUES ($1, $2, $3, $4, $5)",
                           {std::string(new_id), name_of(account.kind), account.owner_id,
                            std::string(currency), now_us}));
  return std::string(new_id);
}

Result<std::int64_t> account_sum(store::Transaction& tx, std::string_view account_id) {
  RF_TRY(rows, tx.query("SELECT COALESCE(SUM(amount_minor), 0) FROM ledger_entries WHERE "
                        "account_id = $1",
                        {std::string(account_id)}));
  return rows->front().int64(0);
}

Result<std::int64_t> balance(store::Transaction& tx, const AccountRef& account,
                             std::string_view currency) {
  RF_TRY(rows, tx.query("SELECT COALESCE(SUM(e.amount_minor), 0) FROM ledger_entries e JOIN "
                        "ledger_accounts a ON a.id = e.account_id WHERE a.kind = $1 AND "
                        "a.owner_id = $2 AND a.currency = $3",
                        {name_of(account.kind), account.owner_id, std::string(currency)}));
  return rows->front().int64(0);
}

Status insert_transaction(store::Transaction& tx, std::string_view id,
                          const TransactionRequest& request, std::int64_t now_us) {
  RF_TRY(n, tx.exec("INSERT INTO ledger_transactions (id, reference, description, created_at_us) "
                    "VALUES ($1, $2, $3, $4)",
                    {std::string(id), request.reference, request.description, now_us}));
  return {};
}

Status insert_entry(store::Transaction& tx, std::string_view id, std::string_view transaction_id,
                    std::string_view account_id, const modules::Money& amount,
                    std::int64_t now_us) {
  RF_TRY(n, tx.exec("INSERT INTO ledger_entries (id, transaction_id, account_id, amount_minor, "
                    "created_at_us) VALUES ($1, $2, $3, $4, $5)",
                    {std::string(id), std::string(transaction_id), std::string(account_id),
                     amount.amount_minor, now_us}));
  return {};
}

Result<std::vector<OwnerSum>> merchant_sums(store::Transaction& tx, std::string_view merchant_id) {
  RF_TRY(rows, tx.query("SELECT a.kind, a.currency, COALESCE(SUM(e.amount_minor), 0) FROM "
                        "ledger_accounts a LEFT JOIN ledger_entries e ON e.account_id = a.id "
                        "WHERE a.owner_id = $1 AND a.kind IN ('merchant_payable', "
                        "'payouts_in_transit') GROUP BY a.kind, a.currency ORDER BY a.currency",
                        {std::string(merchant_id)}));
  std::vector<OwnerSum> out;
  for (const auto r : *rows) out.push_back({kind_of(r.text_view(0)), r.text(1), r.int64(2)});
  return out;
}

Result<std::vector<Entry>> merchant_entries(store::Transaction& tx, std::string_view merchant_id,
                                            const StatementQuery& query) {
  RF_TRY(rows,
         tx.query("SELECT e.id, e.transaction_id, t.reference, t.description, a.kind, a.owner_id, "
                  "e.amount_minor, a.currency, e.created_at_us FROM ledger_entries e "
                  "JOIN ledger_accounts a ON a.id = e.account_id "
                  "JOIN ledger_transactions t ON t.id = e.transaction_id "
                  "WHERE a.owner_id = $1 AND a.kind IN ('merchant_payable', "
                  "'payouts_in_transit') AND ($2 = '' OR a.currency = $2) AND ($3 = '' OR "
                  "e.id < $3) ORDER BY e.id DESC LIMIT $4",
                  {std::string(merchant_id), query.currency, query.cursor, query.limit}));
  std::vector<Entry> out;
  for (const auto r : *rows) {
    out.push_back({r.text(1),
                   r.text(2),
                   r.text(3),
                   {kind_of(r.text_view(4)), r.text(5)},
                   {r.int64(6), r.text(7)},
                   r.int64(8),
                   r.text(0)});
  }
  return out;
}

Result<std::vector<Payable>> payables(store::Transaction& tx, const PayoutRules& rules) {
  RF_TRY(rows, tx.query("SELECT a.owner_id, a.currency, -SUM(e.amount_minor) FROM "
                        "ledger_accounts a JOIN ledger_entries e ON e.account_id = a.id WHERE "
                        "a.kind = 'merchant_payable' GROUP BY a.id, a.owner_id, a.currency "
                        "HAVING -SUM(e.amount_minor) >= $1 ORDER BY a.id LIMIT $2",
                        {rules.minimum_minor, rules.accounts_max}));
  std::vector<Payable> out;
  for (const auto r : *rows) out.push_back({r.text(0), {r.int64(2), r.text(1)}});
  return out;
}

Result<bool> settle_batch(store::Transaction& tx, const PayoutBatch& settled) {
  RF_TRY(n, tx.exec("UPDATE ledger_payout_batches SET status = $2, settled_at_us = $3, "
                    "failure_reason = $4 WHERE id = $1 AND status = $5",
                    {settled.id, settled.status, settled.settled_at_us.value_or(0),
                     settled.failure_reason, std::string(batch_in_transit)}));
  return *n == 1;
}

Status insert_batch(store::Transaction& tx, const PayoutBatch& batch) {
  RF_TRY(n, tx.exec("INSERT INTO ledger_payout_batches (id, payouts_count, created_at_us) "
                    "VALUES ($1, $2, $3)",
                    {batch.id, batch.payouts_count, batch.created_at_us}));
  return {};
}

Status insert_payout(store::Transaction& tx, std::string_view batch_id, const Payout& p) {
  RF_TRY(n, tx.exec("INSERT INTO ledger_payouts (id, batch_id, merchant_id, amount_minor, "
                    "currency, transaction_id) VALUES ($1, $2, $3, $4, $5, $6)",
                    {p.id, std::string(batch_id), p.merchant_id, p.amount.amount_minor,
                     p.amount.currency, p.transaction_id}));
  return {};
}

Result<std::vector<PayoutBatch>> batches(store::Transaction& tx, std::string_view before_id,
                                         std::int64_t limit) {
  RF_TRY(rows, tx.query("SELECT " + std::string(batch_columns) +
                            " FROM ledger_payout_batches "
                            "WHERE ($1 = '' OR id < $1) ORDER BY id DESC LIMIT $2",
                        {std::string(before_id), limit}));
  std::vector<PayoutBatch> out;
  for (const auto r : *rows) out.push_back(batch_of(r));
  return out;
}

Result<std::optional<PayoutBatch>> batch(store::Transaction& tx, std::string_view batch_id) {
  RF_TRY(rows, tx.query("SELECT " + std::string(batch_columns) +
                            " FROM ledger_payout_batches WHERE id = $1",
                        {std::string(batch_id)}));
  if (rows->empty()) return std::optional<PayoutBatch>{};
  auto out = batch_of(rows->front());
  RF_TRY(payouts, tx.query("SELECT id, merchant_id, amount_minor, currency, transaction_id FROM "
                           "ledger_payouts WHERE batch_id = $1 ORDER BY id",
                           {std::string(batch_id)}));
  for (const auto r : *payouts)
    out.payouts.push_back({r.text(0), r.text(1), {r.int64(2), r.text(3)}, r.text(4)});
  return std::optional<PayoutBatch>{std::move(out)};
}

}  // namespace reskflow::ledger::repository
