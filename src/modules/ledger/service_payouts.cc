// Payout runs: each merchant owed at least the minimum gets one payout, a balanced transaction
// from merchant_payable to its payouts_in_transit, recorded in a batch.
#include "repository.h"
#include "service.h"

namespace reskflow::ledger {
namespace {

TransactionRequest payout_transaction(const std::string& batch_id,
                                      const repository::Payable& payable) {
  const modules::Money owed{payable.owed_minor, payable.currency};
  return {"payout:" + batch_id + ":" + payable.merchant_id + ":" + payable.currency,
          "Payout of " + modules::money_text(owed) + " to the merchant's bank",
          {{{AccountKind::merchant_payable, payable.merchant_id}, owed},
           {{AccountKind::payouts_in_transit, payable.merchant_id},
            {-payable.owed_minor, payable.currency}}}};
}

}  // namespace

Result<std::optional<PayoutBatch>> Service::pay_out(const PayoutRules& rules) {
  return database_.write([&](store::Transaction& tx) { return pay_out_in(tx, rules); });
}

Result<std::optional<PayoutBatch>> Service::pay_out_in(store::Transaction& tx,
                                                       const PayoutRules& rules) {
  RF_TRY(owed, repository::payables(tx, rules.minimum_minor, rules.accounts_max));
  if (owed->empty()) return std::optional<PayoutBatch>{};
  PayoutBatch batch{ids_.next_string(), static_cast<std::int64_t>(owed->size()), clock_(), {}};
  RF_TRY(inserted, repository::insert_batch(tx, batch));
  for (const auto& payable : *owed) {
    RF_TRY(transaction_id, post(tx, payout_transaction(batch.id, payable)));
    Payout payout{ids_.next_string(),
                  payable.merchant_id,
                  {payable.owed_minor, payable.currency},
                  *transaction_id};
    RF_TRY(recorded, repository::insert_payout(tx, batch.id, payout));
    batch.payouts.push_back(std::move(payout));
  }
  metrics_.payouts.inc(static_cast<double>(owed->size()));
  return std::optional<PayoutBatch>{std::move(batch)};
}

Result<BatchPage> Service::payout_batches(std::string_view cursor, std::int64_t limit) {
  return database_.read([&](store::Transaction& tx) -> Result<BatchPage> {
    RF_TRY(found, repository::batches(tx, cursor, limit));
    BatchPage page;
    if (static_cast<std::int64_t>(found->size()) == limit) page.next_cursor = found->back().id;
    page.batches = std::move(*found);
    return page;
  });
}

Result<PayoutBatch> Service::payout_batch(std::string_view batch_id) {
  auto found =
      database_.read([&](store::Transaction& tx) { return repository::batch(tx, batch_id); });
  if (!found) return std::unexpected(found.error());
  if (!*found) return fail(ErrorCode::not_found, "no such payout batch");
  return std::move(**found);
}

}  // namespace reskflow::ledger
