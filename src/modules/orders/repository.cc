// SQL over the orders tables; both engines run the same statements.
#include "repository.h"

#include "reskflow/orders/orders.h"
#include "stored.h"

namespace reskflow::orders::repository {
namespace {

constexpr std::string_view order_columns =
    "id, customer_id, merchant_id, merchant_name, cart_id, status, currency, price_json, "
    "delivery_json, scheduled_for_us, queue_at_us, prep_time_minutes, reason, payment_intent_id, "
    "version, created_at_us, updated_at_us, delivery_mode, age_restricted, cold_min_c, cold_max_c, "
    "payment_mode, payment_due_us";

store::Value optional_real(const std::optional<double>& v) {
  return v ? store::Value(*v) : store::Value();
}

Order order_of(const store::Row& r) {
  Order o;
  o.id = r.text(0);
  o.customer_id = r.text(1);
  o.merchant_id = r.text(2);
  o.merchant_name = r.text(3);
  o.cart_id = r.text(4);
  o.status = r.text(5);
  const auto currency = r.text(6);
  o.price = stored::price_of(r.text(7), currency);
  o.delivery = stored::delivery_of(r.text(8));
  o.scheduled_for_us = r.optional_int64(9);
  o.queue_at_us = r.int64(10);
  o.prep_time_minutes = r.optional_int64(11);
  o.reason = r.text(12);
  o.payment_intent_id = r.text(13);
  o.version = r.int64(14);
  o.created_at_us = r.int64(15);
  o.updated_at_us = r.int64(16);
  o.delivery_mode = r.text(17);
  o.age_restricted = r.boolean(18);
  o.cold_min_c = r.optional_real(19);
  o.cold_max_c = r.optional_real(20);
  o.payment_mode = r.text(21);
  o.payment_due_us = r.optional_int64(22);
  return o;
}

store::Value optional_value(const std::optional<std::int64_t>& v) {
  if (!v) return store::Value{};
  return *v;
}

Status insert_lines(Transaction& tx, const Order& order) {
  std::int64_t position = 0;
  for (const auto& l : order.lines) {
    RF_TRY(n, tx.exec("INSERT INTO orders_lines (order_id, position, item_id, name, quantity, "
                      "options_json, note, unit_price_minor, total_minor, option_ids_json) "
                      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                      {order.id, position++, l.item_id, l.name, l.quantity,
                       stored::names_text(l.options), l.note, l.unit_price.amount_minor,
                       l.total.amount_minor, stored::names_text(l.option_ids)}));
  }
  return {};
}

Result<std::vector<OrderLine>> lines_of(Transaction& tx, const Order& order) {
  RF_TRY(rows, tx.query("SELECT item_id, name, quantity, options_json, note, unit_price_minor, "
                        "total_minor, option_ids_json FROM orders_lines WHERE order_id = $1 "
                        "ORDER BY position",
                        {order.id}));
  std::vector<OrderLine> out;
  const auto& c = order.price.total.currency;
  for (const auto r : *rows) {
    out.push_back({r.text(0),
                   r.text(1),
                   r.int64(2),
                   stored::names_of(r.text(3)),
                   r.text(4),
                   {r.int64(5), c},
                   {r.int64(6), c},
                   stored::names_of(r.text(7))});
  }
  return out;
}

Result<std::vector<TimelineEntry>> timeline_of(Transaction& tx, std::string_view order_id) {
  RF_TRY(rows, tx.query("SELECT status, at_us, actor, note, from_status, actor_id "
                        "FROM orders_timeline WHERE order_id = $1 ORDER BY position",
                        {std::string(order_id)}));
  std::vector<TimelineEntry> out;
  for (const auto r : *rows)
    out.push_back({r.text(0), r.int64(1), r.text(2), r.text(3), r.text(4), r.text(5)});
  return out;
}

Status insert_shares(Transaction& tx, const Order& order) {
  std::int64_t position = 0;
  for (const auto& s : order.shares) {
    RF_TRY(n, tx.exec("INSERT INTO orders_payment_shares (order_id, position, user_id, "
                      "display_name, amount_minor, intent_id, status, challenge_url, "
                      "decline_reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                      {order.id, position++, s.user_id, s.display_name, s.amount.amount_minor,
                       s.intent_id, s.status, s.challenge_url, s.decline_reason}));
  }
  return {};
}

Result<std::vector<PaymentShare>> shares_of(Transaction& tx, const Order& order) {
  RF_TRY(rows, tx.query("SELECT user_id, display_name, amount_minor, intent_id, status, "
                        "challenge_url, decline_reason FROM orders_payment_shares "
                        "WHERE order_id = $1 ORDER BY position",
                        {order.id}));
  std::vector<PaymentShare> out;
  for (const auto r : *rows) {
    out.push_back({r.text(0),
                   r.text(1),
                   {r.int64(2), order.price.total.currency},
                   r.text(3),
                   r.text(4),
                   r.text(5),
                   r.text(6)});
  }
  return out;
}

}  // namespace

Status update_share(Transaction& tx, std::string_view order_id, const PaymentShare& share) {
  RF_TRY(n, tx.exec("UPDATE orders_payment_shares SET intent_id = $3, status = $4, "
                    "challenge_url = $5, decline_reason = $6 WHERE order_id = $1 AND user_id = $2",
                    {std::string(order_id), share.user_id, share.intent_id, share.status,
                     share.challenge_url, share.decline_reason}));
  return {};
}

Result<bool> touch_awaiting_payment(Transaction& tx, std::string_view order_id,
                                    std::int64_t updated_at_us) {
  RF_TRY(n, tx.exec("UPDATE orders_orders SET version = version + 1, updated_at_us = $2 "
                    "WHERE id = $1 AND status = $3",
                    {std::string(order_id), updated_at_us, std::string(status_awaiting_payment)}));
  return *n == 1;
}

Result<std::string> status_of(Transaction& tx, std::string_view order_id) {
  RF_TRY(rows, tx.query("SELECT status FROM orders_orders WHERE id = $1", {std::string(order_id)}));
  if (rows->empty()) return std::string();
  return (*rows)[0].text(0);
}

Result<std::vector<std::string>> payment_overdue(Transaction& tx, std::int64_t now_us,
                                                 std::int64_t limit) {
  RF_TRY(rows, tx.query("SELECT id FROM orders_orders WHERE status = $1 AND payment_due_us < $2 "
                        "ORDER BY payment_due_us, id LIMIT $3",
                        {std::string(status_awaiting_payment), now_us, limit}));
  std::vector<std::string> out;
  for (const auto r : *rows) out.push_back(r.text(0));
  return out;
}

Result<std::optional<std::string>> order_of_cart(Transaction& tx, std::string_view cart_id) {
  RF_TRY(rows, tx.query("SELECT id FROM orders_orders WHERE cart_id = $1", {std::string(cart_id)}));
  if (rows->empty()) return std::optional<std::string>{};
  return std::optional<std::string>((*rows)[0].text(0));
}

Status insert_order(Transaction& tx, const Order& o) {
  RF_TRY(n, tx.exec("INSERT INTO orders_orders (" + std::string(order_columns) +
                        ", total_minor) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
                        "$12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24)",
                    {o.id,
                     o.customer_id,
                     o.merchant_id,
                     o.merchant_name,
                     o.cart_id,
                     o.status,
                     o.price.total.currency,
                     stored::price_text(o.price),
                     stored::delivery_text(o.delivery),
                     optional_value(o.scheduled_for_us),
                     o.queue_at_us,
                     optional_value(o.prep_time_minutes),
                     o.reason,
                     o.payment_intent_id,
                     o.version,
                     o.created_at_us,
                     o.updated_at_us,
                     o.delivery_mode,
                     o.age_restricted,
                     optional_real(o.cold_min_c),
                     optional_real(o.cold_max_c),
                     o.payment_mode,
                     optional_value(o.payment_due_us),
                     o.price.total.amount_minor}));
  RF_TRY(lines, insert_lines(tx, o));
  RF_TRY(shares, insert_shares(tx, o));
  for (const auto& entry : o.timeline) {
    RF_TRY(appended, append_timeline(tx, o.id, entry));
  }
  return {};
}

Result<std::optional<Order>> order(Transaction& tx, std::string_view id) {
  RF_TRY(rows,
         tx.query("SELECT " + std::string(order_columns) + " FROM orders_orders WHERE id = $1",
                  {std::string(id)}));
  if (rows->empty()) return std::optional<Order>{};
  auto o = order_of((*rows)[0]);
  RF_TRY(lines, lines_of(tx, o));
  o.lines = std::move(*lines);
  RF_TRY(timeline, timeline_of(tx, id));
  o.timeline = std::move(*timeline);
  RF_TRY(shares, shares_of(tx, o));
  o.shares = std::move(*shares);
  return std::optional<Order>(std::move(o));
}

Result<bool> update_state(Transaction& tx, const Order& o, std::int64_t expected_version) {
  RF_TRY(n,
         tx.exec("UPDATE orders_orders SET status = $3, prep_time_minutes = $4, reason = $5, "
                 "version = $6, updated_at_us = $7, queue_at_us = $8, payment_due_us = $9 "
                 "WHERE id = $1 AND version = $2",
                 {o.id, expected_version, o.status, optional_value(o.prep_time_minutes), o.reason,
                  o.version, o.updated_at_us, o.queue_at_us, optional_value(o.payment_due_us)}));
  return *n == 1;
}

Result<bool> update_contents(Transaction& tx, const Order& o, std::int64_t expected_version) {
  RF_TRY(n, tx.exec("UPDATE orders_orders SET price_json = $3, total_minor = $4, version = $5, "
                    "updated_at_us = $6, age_restricted = $7, cold_min_c = $8, cold_max_c = $9 "
                    "WHERE id = $1 AND version = $2",
                    {o.id, expected_version, stored::price_text(o.price),
                     o.price.total.amount_minor, o.version, o.updated_at_us, o.age_restricted,
                     optional_real(o.cold_min_c), optional_real(o.cold_max_c)}));
  if (*n != 1) return false;
  RF_TRY(removed, tx.exec("DELETE FROM orders_lines WHERE order_id = $1", {o.id}));
  RF_TRY(lines, insert_lines(tx, o));
  return true;
}

Status append_timeline(Transaction& tx, std::string_view order_id, const TimelineEntry& entry) {
  RF_TRY(n, tx.exec("INSERT INTO orders_timeline (order_id, position, status, at_us, actor, note, "
                    "from_status, actor_id) "
                    "SELECT $1, COALESCE(MAX(position) + 1, 0), $2, $3, $4, $5, $6, $7 "
                    "FROM orders_timeline WHERE order_id = $1",
                    {std::string(order_id), entry.status, entry.at_us, entry.actor, entry.note,
                     entry.from, entry.user_id}));
  return {};
}

Result<std::vector<Order>> list(Transaction& tx, const Filter& f) {
  std::string sql = "SELECT " + std::string(order_columns) + " FROM orders_orders WHERE 1 = 1";
  store::Params params;
  const auto where = [&](std::string_view clause, store::Value value) {
    params.push_back(std::move(value));
    sql += " AND " + std::string(clause) + " $" + std::to_string(params.size());
  };
  if (!f.customer_id.empty()) where("customer_id =", f.customer_id);
  if (!f.merchant_id.empty()) where("merchant_id =", f.merchant_id);
  if (!f.status.empty()) where("status =", f.status);
  if (f.queued_by_us) {
    where("queue_at_us <=", *f.queued_by_us);
    where("status <>", std::string(status_awaiting_payment));
  }
  if (!f.after_id.empty()) where(f.oldest_first ? "id >" : "id <", f.after_id);
  sql += f.oldest_first ? " ORDER BY id" : " ORDER BY id DESC";
  params.push_back(f.limit);
  sql += " LIMIT $" + std::to_string(params.size());
  RF_TRY(rows, tx.query(sql, params));
  std::vector<Order> out;
  for (const auto r : *rows) out.push_back(order_of(r));
  return out;
}

Result<std::int64_t> orders_waiting(Transaction& tx, std::string_view merchant_id,
                                    std::int64_t counted_max) {
  RF_TRY(rows,
         tx.query("SELECT COUNT(*) FROM (SELECT 1 FROM orders_orders WHERE merchant_id = $1 "
                  "AND status IN ($2, $3, $4) LIMIT $5) AS waiting",
                  {std::string(merchant_id), std::string(status_placed),
                   std::string(status_accepted), std::string(status_preparing), counted_max}));
  return (*rows)[0].int64(0);
}

Result<std::int64_t> orders_kept(Transaction& tx, std::string_view customer_id) {
  RF_TRY(rows, tx.query("SELECT COUNT(*) FROM orders_orders WHERE customer_id = $1 AND "
                        "status NOT IN ($2, $3, $4)",
                        {std::string(customer_id), std::string(status_rejected),
                         std::string(status_cancelled), std::string(status_failed)}));
  return (*rows)[0].int64(0);
}

Result<std::vector<std::string>> unanswered(Transaction& tx, std::int64_t queued_before_us,
                                            std::int64_t limit) {
  RF_TRY(rows, tx.query("SELECT id FROM orders_orders WHERE status = $1 AND queue_at_us < $2 "
                        "ORDER BY queue_at_us, id LIMIT $3",
                        {std::string(status_placed), queued_before_us, limit}));
  std::vector<std::string> out;
  for (const auto r : *rows) out.push_back(r.text(0));
  return out;
}

Status insert_quote(Transaction& tx, const Quote& q) {
  RF_TRY(n, tx.exec("INSERT INTO orders_quotes (id, customer_id, cart_id, cart_version, "
                    "currency, price_json, expires_at_us) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                    {q.id, q.customer_id, q.cart_id, q.cart_version, q.price.total.currency,
                     stored::price_text(q.price), q.expires_at_us}));
  return {};
}

Result<std::optional<Quote>> quote(Transaction& tx, std::string_view id) {
  RF_TRY(rows, tx.query("SELECT id, customer_id, cart_id, cart_version, price_json, "
                        "expires_at_us, currency FROM orders_quotes WHERE id = $1",
                        {std::string(id)}));
  if (rows->empty()) return std::optional<Quote>{};
  const auto r = (*rows)[0];
  return std::optional<Quote>(Quote{r.text(0), r.text(1), r.text(2), r.int64(3),
                                    stored::price_of(r.text(4), r.text(6)), r.int64(5)});
}

Status delete_quotes(Transaction& tx, std::int64_t before_us) {
  RF_TRY(n, tx.exec("DELETE FROM orders_quotes WHERE expires_at_us < $1", {before_us}));
  return {};
}

}  // namespace reskflow::orders::repository
