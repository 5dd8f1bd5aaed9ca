// orders' invariant for `reskflow ledger check`: every order in a terminal state has a settled
// payment, its intents (read through payments' public interface) agreeing with its state.
#include <set>

#include "reskflow/orders/orders.h"

namespace reskflow::orders {
namespace {

using ledger::Violation;
using payments::IntentStatus;

struct TerminalOrder {
  std::string id;
  std::string status;
  modules::Money total;
};

bool holds_money(IntentStatus status) {
  return status == IntentStatus::authorized || status == IntentStatus::requires_action;
}

// A hold left on a card by an order that will never be captured, unless its release is pending
// in orders_hold_releases (a failed release the job retries). A failed delivery keeps its hold
// until an admin decides (docs/orders.md, "Payment and refund policy").
void check_holds(const TerminalOrder& order, const std::vector<payments::Intent>& intents,
                 const std::set<std::string, std::less<>>& releasing, std::vector<Violation>& out) {
  if (order.status == status_delivered || order.status == status_failed) return;
  for (const auto& i : intents) {
    if (!holds_money(i.status) || releasing.contains(i.id)) continue;
    out.push_back({"hold_not_released", "order " + order.id + " is " + order.status +
                                            " but payment " + i.id + " still holds " +
                                            modules::money_text(i.amount) +
                                            " and no release is pending"});
  }
}

// validation_failed when the intents' amounts are not in the order's currency or overflow.
Status check_order(const TerminalOrder& order, const std::vector<payments::Intent>& intents,
                   const std::set<std::string, std::less<>>& releasing,
                   std::vector<Violation>& out) {
  const auto& currency = order.total.currency;
  modules::Money captured{0, currency};
  modules::Money refunded{0, currency};
  for (const auto& i : intents) {
    RF_TRY(took, modules::add_to(captured, i.captured));
    RF_TRY(gave, modules::add_to(refunded, i.refunded));
  }
  RF_TRY(kept, modules::subtract(captured, refunded));
  const auto& text = modules::money_text;
  const auto name = "order " + order.id + " is " + order.status;
  if (order.status == status_delivered) {
    if (captured != order.total)
      out.push_back({"delivered_not_captured", name + " with a total of " + text(order.total) +
                                                   " but its payments captured " + text(captured)});
  } else if (order.status == status_refunded) {
    if (kept->amount_minor != 0)
      out.push_back({"refund_incomplete", name + " but " + text(*kept) + " of the " +
                                              text(captured) + " captured was not refunded"});
  } else if (captured.amount_minor != 0) {
    out.push_back(
        {"captured_without_delivery", name + " but its payments captured " + text(captured)});
  }
  check_holds(order, intents, releasing, out);
  return {};
}

Result<std::vector<TerminalOrder>> terminal_orders(store::Transaction& tx) {
  RF_TRY(rows, tx.query("SELECT id, status, currency, total_minor FROM orders_orders WHERE status "
                        "IN ($1, $2, $3, $4, $5) ORDER BY id",
                        {std::string(status_delivered), std::string(status_refunded),
                         std::string(status_cancelled), std::string(status_rejected),
                         std::string(status_failed)}));
  std::vector<TerminalOrder> out;
  for (const auto r : *rows)
    out.push_back({r.text(0), r.text(1), modules::Money{r.int64(3), r.text(2)}});
  return out;
}

}  // namespace

Result<std::vector<Violation>> check(store::Database& database) {
  return database.read([](store::Transaction& tx) -> Result<std::vector<Violation>> {
    RF_TRY(pending, tx.query("SELECT intent_id FROM orders_hold_releases"));
    std::set<std::string, std::less<>> releasing;
    for (const auto r : *pending) releasing.insert(r.text(0));
    RF_TRY(orders, terminal_orders(tx));
    std::vector<Violation> out;
    for (const auto& order : *orders) {
      RF_TRY(intents, payments::intents_of_order(tx, order.id));
      RF_TRY(checked, check_order(order, *intents, releasing, out));
    }
    return out;
  });
}

}  // namespace reskflow::orders
