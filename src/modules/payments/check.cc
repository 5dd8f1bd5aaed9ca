// payments' invariants for `reskflow ledger check`: intents against their refunds and against the
// ledger entries their captures posted, on one consistent snapshot; and the intents other
// modules' checks compare with their records.
#include "repository.h"
#include "reskflow/payments/payments.h"
#include "service.h"

std::span<const reskflow::store::EmbeddedFile> reskflow_migrations_payments();

namespace reskflow::payments {
namespace {

using ledger::AccountKind;
using ledger::Violation;

// The capture's entries: processor_clearing debited by what was captured, the credits adding up.
void check_capture(const Intent& i, const std::vector<ledger::Entry>& entries,
                   std::vector<Violation>& out) {
  const auto name = "payment " + i.id + " (order " + i.order_id + ")";
  if (!is_captured(i.status)) {
    if (!entries.empty())
      out.push_back({"charged_without_capture", name + " is " + std::string(status_name(i.status)) +
                                                    " but its capture was posted"});
    return;
  }
  if (entries.empty()) {
    out.push_back({"capture_not_posted", name + " was captured but nothing was posted"});
    return;
  }
  modules::Money debited{0, i.captured.currency};
  modules::Money credits{0, i.captured.currency};
  Status summed;
  for (const auto& e : entries) {
    const bool clearing = e.account.kind == AccountKind::processor_clearing;
    if (summed) summed = modules::add_to(clearing ? debited : credits, e.amount);
  }
  Result<modules::Money> credited = modules::negate(credits);
  if (!summed || !credited) {
    out.push_back({"capture_mismatch", name + " captured " + modules::money_text(i.captured) +
                                           " but its entries are no amount: " +
                                           (summed ? credited.error() : summed.error()).detail});
    return;
  }
  if (debited != i.captured || *credited != i.captured)
    out.push_back({"capture_mismatch", name + " captured " + modules::money_text(i.captured) +
                                           " but the ledger debited " +
                                           std::to_string(debited.amount_minor) + " and credited " +
                                           std::to_string(credited->amount_minor)});
}

Result<std::vector<Violation>> refund_and_twice_checks(store::Transaction& tx) {
  RF_TRY(refunds, tx.query("SELECT i.id, i.refunded_minor, i.captured_minor, COALESCE(SUM(CASE "
                           "WHEN r.transaction_id <> '' THEN r.amount_minor ELSE 0 END), 0) FROM "
                           "payments_intents i LEFT JOIN payments_refunds r ON r.intent_id = i.id "
                           "GROUP BY i.id, i.refunded_minor, i.captured_minor ORDER BY i.id"));
  std::vector<Violation> out;
  for (const auto r : *refunds) {
    if (r.int64(1) != r.int64(3) || r.int64(1) > r.int64(2))
      out.push_back(
          {"refund_mismatch", "payment " + r.text(0) + " has refunded " +
                                  std::to_string(r.int64(1)) + " of " + std::to_string(r.int64(2)) +
                                  " captured; its refunds sum to " + std::to_string(r.int64(3))});
  }
  RF_TRY(twice, tx.query("SELECT order_id, payer_user_id, COUNT(*) FROM payments_intents GROUP BY "
                         "order_id, payer_user_id HAVING COUNT(*) > 1 ORDER BY order_id"));
  for (const auto r : *twice) {
    out.push_back({"charged_twice", "order " + r.text(0) + " has " + std::to_string(r.int64(2)) +
                                        " payments by payer " + r.text(1)});
  }
  return out;
}

}  // namespace

store::MigrationSet migrations() { return {"payments", reskflow_migrations_payments()}; }

Result<std::vector<Intent>> intents_of_order(store::Transaction& tx, std::string_view order_id) {
  RF_TRY(stored, repository::intents_of_order(tx, order_id));
  std::vector<Intent> out;
  out.reserve(stored->size());
  for (auto& s : *stored) out.push_back(std::move(s.intent));
  return out;
}

Result<std::vector<Violation>> check(store::Database& database) {
  return database.read([](store::Transaction& tx) -> Result<std::vector<Violation>> {
    RF_TRY(out, refund_and_twice_checks(tx));
    RF_TRY(ids, tx.query("SELECT id FROM payments_intents ORDER BY id"));
    for (const auto r : *ids) {
      RF_TRY(stored, repository::intent(tx, r.text_view(0)));
      const auto& intent = (*stored)->intent;
      RF_TRY(entries, ledger::entries_of(tx, "payment:" + intent.id + ":capture"));
      check_capture(intent, *entries, *out);
    }
    return std::move(*out);
  });
}

}  // namespace reskflow::payments
