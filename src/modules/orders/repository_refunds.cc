// SQL over orders_refunds: the refunds of delivered orders, one row per payer's intent a refund
// takes from.
#include "repository.h"

namespace reskflow::orders::repository {
namespace {

constexpr std::string_view refund_columns =
    "id, intent_id, order_id, amount_minor, currency, reason, actor, user_id, request_key, "
    "status, created_at_us";

// Rows ordered by refund, grouped into refunds with their parts.
Result<std::vector<OrderRefund>> group_refunds(const store::Rows& rows) {
  std::vector<OrderRefund> out;
  for (const auto r : rows) {
    if (out.empty() || out.back().id != r.text(0)) {
      OrderRefund refund;
      refund.id = r.text(0);
      refund.order_id = r.text(2);
      refund.amount = {0, r.text(4)};
      refund.reason = r.text(5);
      refund.actor = r.text(6);
      refund.user_id = r.text(7);
      refund.request_key = r.text(8);
      refund.created_at_us = r.int64(10);
      out.push_back(std::move(refund));
    }
    auto& refund = out.back();
    const modules::Money part{r.int64(3), r.text(4)};
    RF_TRY(added, modules::add_to(refund.amount, part));
    refund.parts.push_back({r.text(1), part, r.text(9)});
  }
  return out;
}

}  // namespace

Result<std::vector<OrderRefund>> refunds_of(Transaction& tx, std::string_view order_id) {
  RF_TRY(rows, tx.query("SELECT " + std::string(refund_columns) +
                            " FROM orders_refunds WHERE order_id = $1 "
                            "ORDER BY created_at_us, id, intent_id",
                        {std::string(order_id)}));
  return group_refunds(*rows);
}

Result<std::optional<OrderRefund>> refund_by_key(Transaction& tx, std::string_view order_id,
                                                 std::string_view user_id,
                                                 std::string_view request_key) {
  RF_TRY(rows, tx.query("SELECT " + std::string(refund_columns) +
                            " FROM orders_refunds WHERE order_id = $1 AND user_id = $2 AND "
                            "request_key = $3 ORDER BY id, intent_id",
                        {std::string(order_id), std::string(user_id), std::string(request_key)}));
  RF_TRY(refunds, group_refunds(*rows));
  if (refunds->empty()) return std::optional<OrderRefund>{};
  return std::optional<OrderRefund>{std::move(refunds->front())};
}

Status insert_refund(Transaction& tx, const OrderRefund& refund) {
  for (const auto& part : refund.parts) {
    RF_TRY(n, tx.exec("INSERT INTO orders_refunds (" + std::string(refund_columns) +
                          ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                      {refund.id, part.intent_id, refund.order_id, part.amount.amount_minor,
                       part.amount.currency, refund.reason, refund.actor, refund.user_id,
                       refund.request_key, std::string(refund_pending), refund.created_at_us}));
  }
  return {};
}

Status refund_part_done(Transaction& tx, std::string_view refund_id, std::string_view intent_id) {
  RF_TRY(n, tx.exec("UPDATE orders_refunds SET status = $3 WHERE id = $1 AND intent_id = $2",
                    {std::string(refund_id), std::string(intent_id), std::string(refund_done)}));
  return {};
}

Status delete_refund_part(Transaction& tx, std::string_view refund_id, std::string_view intent_id) {
  RF_TRY(n, tx.exec("DELETE FROM orders_refunds WHERE id = $1 AND intent_id = $2",
                    {std::string(refund_id), std::string(intent_id)}));
  return {};
}

}  // namespace reskflow::orders::repository
