// Payout runs: each merchant owed at least the minimum gets one payout, a balanced transaction
// from merchant_payable to its payouts_in_transit, recorded in a batch; then the bank's answer
// for the batch moves each payout out of payouts_in_transit (paid) or back (failed).
#include "repository.h"
#include "service.h"

namespace reskflow::ledger {
namespace {

Result<TransactionRequest> payout_transaction(const std::string& batch_id,
                                              const repository::Payable& payable) {
  const auto& owed = payable.owed;
  RF_TRY(credit, modules::negate(owed));
  return TransactionRequest{
      "payout:" + batch_id + ":" + payable.merchant_id + ":" + owed.currency,
      "Payout of " + modules::money_text(owed) + " to the merchant's bank",
      {{{AccountKind::merchant_payable, payable.merchant_id}, owed},
       {{AccountKind::payouts_in_transit, payable.merchant_id}, std::move(*credit)}}};
}

// The bank's answer for one payout: paid, the money left the processor's account; failed, the
// merchant is owed it again.
Result<TransactionRequest> settle_transaction(const PayoutBatch& batch, const Payout& payout) {
  const auto& m = payout.amount;
  const bool paid = batch.status == batch_paid;
  const AccountRef counterpart =
      paid ? AccountRef{AccountKind::processor_clearing, ""}
           : AccountRef{AccountKind::merchant_payable, payout.merchant_id};
  RF_TRY(credit, modules::negate(m));
  return TransactionRequest{
      "payout:" + batch.id + ":" + payout.merchant_id + ":" + m.currency + ":" + batch.status,
      paid ? "Payout of " + modules::money_text(m) + " received by the merchant's bank"
           : "Payout of " + modules::money_text(m) + " failed (" + batch.failure_reason +
                 "): owed to the merchant again",
      {{{AccountKind::payouts_in_transit, payout.merchant_id}, m},
       {counterpart, std::move(*credit)}}};
}

}  // namespace

Result<PayoutBatch> Service::settle_batch(std::string_view batch_id, std::string_view outcome,
                                          std::string_view reason) {
  if (outcome != batch_paid && outcome != batch_failed)
    return fail(ErrorCode::validation_failed, "some fields are invalid; see errors",
                {{"outcome", "must be paid or failed"}});
  if (outcome == batch_failed && (reason.empty() || reason.size() > 200))
    return fail(
        ErrorCode::validation_failed, "some fields are invalid; see errors",
        {{"reason", "is required for a failed payout (1 to 200 bytes): the merchant is told"}});
  RF_TRY(settled, database_.write([&](store::Transaction& tx) -> Status {
    RF_TRY(found, repository::batch(tx, batch_id));
    if (!*found) return fail(ErrorCode::not_found, "no such payout batch");
    auto batch = std::move(**found);
    if (batch.status == outcome) return {};
    if (batch.status != batch_in_transit)
      return fail(ErrorCode::conflict, "this payout batch was already marked " + batch.status);
    batch.status = std::string(outcome);
    batch.settled_at_us = clock_();
    batch.failure_reason = outcome == batch_failed ? std::string(reason) : std::string();
    for (const auto& payout : batch.payouts) {
      RF_TRY(transaction, settle_transaction(batch, payout));
      RF_TRY(posted, post(tx, *transaction));
    }
    RF_TRY(marked, repository::settle_batch(tx, batch));
    if (!*marked)
      return fail(ErrorCode::conflict, "the payout batch changed meanwhile; read it again");
    return {};
  }));
  return payout_batch(batch_id);
}

Result<std::optional<PayoutBatch>> Service::pay_out(const PayoutRules& rules) {
  return database_.write([&](store::Transaction& tx) { return pay_out_in(tx, rules); });
}

Result<std::optional<PayoutBatch>> Service::pay_out_in(store::Transaction& tx,
                                                       const PayoutRules& rules) {
  RF_TRY(owed, repository::payables(tx, rules));
  if (owed->empty()) return std::optional<PayoutBatch>{};
  PayoutBatch batch{ids_.next_string(), static_cast<std::int64_t>(owed->size()), clock_(), {}};
  RF_TRY(inserted, repository::insert_batch(tx, batch));
  for (const auto& payable : *owed) {
    RF_TRY(transaction, payout_transaction(batch.id, payable));
    RF_TRY(transaction_id, post(tx, *transaction));
    Payout payout{ids_.next_string(), payable.merchant_id, payable.owed, *transaction_id};
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
