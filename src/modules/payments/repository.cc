// SQL for payments_intents and payments_refunds.
#include "repository.h"

namespace reskflow::payments::repository {
namespace {

constexpr std::string_view intent_columns =
    "id, order_id, payer_user_id, merchant_id, status, currency, amount_minor, captured_minor, "
    "refunded_minor, merchant_minor, platform_minor, tax_minor, tip_minor, decline_reason, "
    "challenge_url, provider, provider_ref, attempts, version, created_at_us, updated_at_us";

StoredIntent stored_of(const store::Row& r) {
  const auto currency = r.text(5);
  const auto money = [&](std::size_t column) { return modules::Money{r.int64(column), currency}; };
  StoredIntent s;
  s.intent = {r.text(0),
              r.text(1),
              r.text(2),
              r.text(3),
              parse_status(r.text_view(4)).value_or(IntentStatus::failed),
              money(6),
              money(7),
              money(8),
              r.text(13),
              r.text(14),
              r.int64(19),
              r.int64(20)};
  s.settlement = {money(9), money(10), money(11), money(12)};
  s.provider = r.text(15);
  s.provider_ref = r.text(16);
  s.attempts = r.int64(17);
  s.version = r.int64(18);
  return s;
}

Result<std::vector<StoredIntent>> select(store::Transaction& tx, std::string_view where,
                                         const store::Params& params) {
  RF_TRY(rows, tx.query("SELECT " + std::string(intent_columns) + " FROM payments_intents WHERE " +
                            std::string(where),
                        params));
  std::vector<StoredIntent> out;
  for (const auto r : *rows) out.push_back(stored_of(r));
  return out;
}

Result<std::optional<StoredIntent>> first(Result<std::vector<StoredIntent>> found) {
  if (!found) return std::unexpected(found.error());
  if (found->empty()) return std::optional<StoredIntent>{};
  return std::optional<StoredIntent>{std::move(found->front())};
}

store::Params values_of(const StoredIntent& s) {
  const auto& i = s.intent;
  return {i.id,
          i.order_id,
          i.payer_user_id,
          i.merchant_id,
          std::string(status_name(i.status)),
          i.amount.currency,
          i.amount.amount_minor,
          i.captured.amount_minor,
          i.refunded.amount_minor,
          s.settlement.merchant.amount_minor,
          s.settlement.platform.amount_minor,
          s.settlement.tax.amount_minor,
          s.settlement.tip.amount_minor,
          i.decline_reason,
          i.challenge_url,
          s.provider,
          s.provider_ref,
          s.attempts,
          s.version,
          i.created_at_us,
          i.updated_at_us};
}

}  // namespace

Result<std::optional<StoredIntent>> intent(store::Transaction& tx, std::string_view id) {
  return first(select(tx, "id = $1", {std::string(id)}));
}

Result<std::optional<StoredIntent>> intent_of(store::Transaction& tx, std::string_view order_id,
                                              std::string_view payer_user_id) {
  return first(select(tx, "order_id = $1 AND payer_user_id = $2",
                      {std::string(order_id), std::string(payer_user_id)}));
}

Result<std::optional<StoredIntent>> intent_by_provider_ref(store::Transaction& tx,
                                                           std::string_view provider_ref) {
  return first(select(tx, "provider_ref = $1 ORDER BY id", {std::string(provider_ref)}));
}

Result<std::vector<StoredIntent>> intents_of_order(store::Transaction& tx,
                                                   std::string_view order_id) {
  return select(tx, "order_id = $1 ORDER BY id", {std::string(order_id)});
}

Result<bool> insert_intent(store::Transaction& tx, const StoredIntent& stored) {
  RF_TRY(n, tx.exec("INSERT INTO payments_intents (" + std::string(intent_columns) +
                        ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, "
                        "$15, $16, $17, $18, $19, $20, $21) ON CONFLICT (order_id, "
                        "payer_user_id) DO NOTHING",
                    values_of(stored)));
  return *n == 1;
}

Result<bool> update_intent(store::Transaction& tx, const StoredIntent& stored) {
  const auto& i = stored.intent;
  const auto& parts = stored.settlement;
  RF_TRY(n,
         tx.exec("UPDATE payments_intents SET status = $3, amount_minor = $4, "
                 "captured_minor = $5, refunded_minor = $6, merchant_minor = $7, "
                 "platform_minor = $8, tax_minor = $9, tip_minor = $10, "
                 "decline_reason = $11, challenge_url = $12, provider_ref = $13, "
                 "attempts = $14, version = $2 + 1, updated_at_us = $15, provider = $16 "
                 "WHERE id = $1 AND version = $2",
                 {i.id, stored.version, std::string(status_name(i.status)), i.amount.amount_minor,
                  i.captured.amount_minor, i.refunded.amount_minor, parts.merchant.amount_minor,
                  parts.platform.amount_minor, parts.tax.amount_minor, parts.tip.amount_minor,
                  i.decline_reason, i.challenge_url, stored.provider_ref, stored.attempts,
                  i.updated_at_us, stored.provider}));
  return *n == 1;
}

Result<std::optional<Refund>> refund(store::Transaction& tx, std::string_view intent_id,
                                     const modules::Money& amount, std::string_view reason) {
  RF_TRY(rows, tx.query("SELECT r.id, r.transaction_id, r.created_at_us FROM payments_refunds r "
                        "JOIN payments_intents i ON i.id = r.intent_id WHERE r.intent_id = $1 "
                        "AND r.amount_minor = $2 AND i.currency = $3 AND r.reason = $4",
                        {std::string(intent_id), amount.amount_minor, amount.currency,
                         std::string(reason)}));
  if (rows->empty()) return std::optional<Refund>{};
  const auto r = rows->front();
  return std::optional<Refund>{Refund{r.text(0), std::string(intent_id), amount,
                                      std::string(reason), r.text(1), r.int64(2)}};
}

Status insert_refund(store::Transaction& tx, const Refund& refund) {
  RF_TRY(n, tx.exec("INSERT INTO payments_refunds (id, intent_id, amount_minor, reason, "
                    "transaction_id, created_at_us) VALUES ($1, $2, $3, $4, $5, $6)",
                    {refund.id, refund.intent_id, refund.amount.amount_minor, refund.reason,
                     refund.transaction_id, refund.created_at_us}));
  return {};
}

Result<std::vector<std::string>> posted_refunds(store::Transaction& tx,
                                                std::string_view intent_id) {
  RF_TRY(rows, tx.query("SELECT id FROM payments_refunds WHERE intent_id = $1 AND "
                        "transaction_id <> '' ORDER BY created_at_us, id",
                        {std::string(intent_id)}));
  std::vector<std::string> out;
  for (const auto r : *rows) out.push_back(r.text(0));
  return out;
}

}  // namespace reskflow::payments::repository
