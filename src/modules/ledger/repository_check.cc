// The invariant queries behind `reskflow ledger check`: each returns one violation per row
// that breaks its rule, in words an operator can act on.
#include "accounts.h"
#include "repository.h"

namespace reskflow::ledger::repository {

Result<std::vector<Entry>> entries_of(store::Transaction& tx, std::string_view reference) {
  RF_TRY(rows, tx.query("SELECT e.id, e.transaction_id, t.reference, t.description, a.kind, "
                        "a.owner_id, e.amount_minor, a.currency, e.created_at_us FROM "
                        "ledger_entries e JOIN ledger_transactions t ON t.id = e.transaction_id "
                        "JOIN ledger_accounts a ON a.id = e.account_id WHERE t.reference = $1 "
                        "ORDER BY e.id",
                        {std::string(reference)}));
  std::vector<Entry> out;
  for (const auto r : *rows) {
    out.push_back({r.text(1),
                   r.text(2),
                   r.text(3),
                   {parse_kind(r.text_view(4)).value_or(AccountKind::platform_revenue), r.text(5)},
                   {r.int64(6), r.text(7)},
                   r.int64(8),
                   r.text(0)});
  }
  return out;
}

Result<std::vector<Violation>> unbalanced_transactions(store::Transaction& tx) {
  RF_TRY(rows, tx.query("SELECT t.id, t.reference, a.currency, SUM(e.amount_minor) FROM "
                        "ledger_entries e JOIN ledger_transactions t ON t.id = e.transaction_id "
                        "JOIN ledger_accounts a ON a.id = e.account_id GROUP BY t.id, "
                        "t.reference, a.currency HAVING SUM(e.amount_minor) <> 0 ORDER BY t.id"));
  std::vector<Violation> out;
  for (const auto r : *rows) {
    out.push_back({"unbalanced", "transaction " + r.text(0) + " (" + r.text(1) + ") sums to " +
                                     std::to_string(r.int64(3)) + " " + r.text(2) +
                                     " minor units instead of zero"});
  }
  return out;
}

Result<std::vector<Violation>> short_transactions(store::Transaction& tx) {
  RF_TRY(rows, tx.query("SELECT t.id, t.reference, COUNT(e.id) FROM ledger_transactions t LEFT "
                        "JOIN ledger_entries e ON e.transaction_id = t.id GROUP BY t.id, "
                        "t.reference HAVING COUNT(e.id) < 2 ORDER BY t.id"));
  std::vector<Violation> out;
  for (const auto r : *rows) {
    out.push_back({"short_transaction", "transaction " + r.text(0) + " (" + r.text(1) + ") has " +
                                            std::to_string(r.int64(2)) +
                                            " entries; a movement needs at least two"});
  }
  return out;
}

Result<std::vector<Violation>> negative_balances(store::Transaction& tx) {
  RF_TRY(rows, tx.query("SELECT a.id, a.kind, a.owner_id, a.currency, SUM(e.amount_minor) FROM "
                        "ledger_accounts a JOIN ledger_entries e ON e.account_id = a.id GROUP BY "
                        "a.id, a.kind, a.owner_id, a.currency ORDER BY a.id"));
  std::vector<Violation> out;
  for (const auto r : *rows) {
    const auto kind = parse_kind(r.text_view(1));
    if (!kind || !must_not_go_negative(*kind)) continue;
    RF_TRY(normal, normal_amount(*kind, {r.int64(4), r.text(3)}));
    if (normal->amount_minor >= 0) continue;
    const auto owner = r.text(2).empty() ? std::string() : " of " + r.text(2);
    out.push_back({"negative_balance", r.text(1) + owner + " stands at " +
                                           std::to_string(normal->amount_minor) + " " + r.text(3) +
                                           " minor units; this kind must never go negative"});
  }
  return out;
}

Result<std::vector<Violation>> duplicate_references(store::Transaction& tx) {
  RF_TRY(rows, tx.query("SELECT reference, COUNT(*) FROM ledger_transactions GROUP BY reference "
                        "HAVING COUNT(*) > 1 ORDER BY reference"));
  std::vector<Violation> out;
  for (const auto r : *rows) {
    out.push_back({"posted_twice", "reference " + r.text(0) + " was posted " +
                                       std::to_string(r.int64(1)) + " times"});
  }
  return out;
}

}  // namespace reskflow::ledger::repository
