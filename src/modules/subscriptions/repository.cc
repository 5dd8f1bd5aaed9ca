// SQL for plans, subscriptions and periods; both engines run the same statements.
#include "repository.h"

namespace reskflow::subscriptions::repository {
namespace {

constexpr std::string_view plan_columns =
    "p.id, p.name, p.price_minor, p.currency, p.free_delivery_threshold_minor, "
    "p.service_fee_bp, p.active, p.created_at_us, p.updated_at_us";

constexpr std::string_view subscription_select =
    "SELECT p.id, p.name, p.price_minor, p.currency, p.free_delivery_threshold_minor, "
    "p.service_fee_bp, p.active, p.created_at_us, p.updated_at_us, s.id, s.customer_id, "
    "s.status, s.payment_method, s.anchor_at_us, s.period_number, s.period_start_us, "
    "s.period_end_us, s.cancel_at_period_end, s.renewal_failures, s.next_renewal_at_us, "
    "s.ended_at_us, s.ended_reason, s.created_at_us, s.updated_at_us, s.version FROM "
    "subscriptions_subscriptions s JOIN subscriptions_plans p ON p.id = s.plan_id ";

constexpr std::string_view period_columns =
    "subscription_id, period_number, starts_at_us, ends_at_us, amount_minor, currency, status, "
    "intent_id, attempts, paid_at_us";

Plan plan_of(const store::Row& r) {
  return {r.text(0),
          r.text(1),
          {r.int64(2), r.text(3)},
          {r.int64(4), r.text(3)},
          r.int64(5),
          r.boolean(6),
          r.int64(7),
          r.int64(8)};
}

Subscription subscription_of(const store::Row& r) {
  Subscription s;
  s.plan = plan_of(r);
  s.id = r.text(9);
  s.customer_id = r.text(10);
  s.status = r.text(11);
  s.payment_method = r.text(12);
  s.anchor_at_us = r.int64(13);
  s.period_number = r.int64(14);
  s.period_start_us = r.int64(15);
  s.period_end_us = r.int64(16);
  s.cancel_at_period_end = r.boolean(17);
  s.renewal_failures = r.int64(18);
  s.next_renewal_at_us = r.int64(19);
  s.ended_at_us = r.optional_int64(20);
  s.ended_reason = r.text(21);
  s.created_at_us = r.int64(22);
  s.updated_at_us = r.int64(23);
  s.version = r.int64(24);
  return s;
}

Period period_of(const store::Row& r) {
  return {r.text(0), r.int64(1), r.int64(2), r.int64(3),         {r.int64(4), r.text(5)},
          r.text(6), r.text(7),  r.int64(8), r.optional_int64(9)};
}

store::Value optional_value(const std::optional<std::int64_t>& v) {
  return v ? store::Value(*v) : store::Value(store::null_value);
}

Result<std::optional<Subscription>> one_subscription(store::Transaction& tx, std::string_view where,
                                                     const store::Params& params) {
  RF_TRY(rows, tx.query(std::string(subscription_select) + std::string(where), params));
  if (rows->empty()) return std::optional<Subscription>{};
  return std::optional<Subscription>{subscription_of(rows->front())};
}

}  // namespace

Status insert_plan(store::Transaction& tx, const Plan& p) {
  RF_TRY(n, tx.exec("INSERT INTO subscriptions_plans (id, name, price_minor, currency, "
                    "free_delivery_threshold_minor, service_fee_bp, active, created_at_us, "
                    "updated_at_us) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                    {p.id, p.name, p.price.amount_minor, p.price.currency,
                     p.free_delivery_threshold.amount_minor, p.service_fee_bp, p.active,
                     p.created_at_us, p.updated_at_us}));
  return {};
}

Status update_plan(store::Transaction& tx, const Plan& p) {
  RF_TRY(n, tx.exec("UPDATE subscriptions_plans SET name = $2, price_minor = $3, "
                    "free_delivery_threshold_minor = $4, service_fee_bp = $5, active = $6, "
                    "updated_at_us = $7 WHERE id = $1",
                    {p.id, p.name, p.price.amount_minor, p.free_delivery_threshold.amount_minor,
                     p.service_fee_bp, p.active, p.updated_at_us}));
  return {};
}

Result<std::optional<Plan>> plan(store::Transaction& tx, std::string_view plan_id) {
  RF_TRY(rows, tx.query("SELECT " + std::string(plan_columns) +
                            " FROM subscriptions_plans p WHERE p.id = $1",
                        {std::string(plan_id)}));
  if (rows->empty()) return std::optional<Plan>{};
  return std::optional<Plan>{plan_of(rows->front())};
}

Result<std::vector<Plan>> plans(store::Transaction& tx, bool with_inactive) {
  RF_TRY(rows, tx.query("SELECT " + std::string(plan_columns) + " FROM subscriptions_plans p" +
                        (with_inactive ? "" : " WHERE p.active") +
                        " ORDER BY p.price_minor, p.name, p.id"));
  std::vector<Plan> out;
  for (const auto r : *rows) out.push_back(plan_of(r));
  return out;
}

Status insert_subscription(store::Transaction& tx, const Subscription& s) {
  RF_TRY(n, tx.exec("INSERT INTO subscriptions_subscriptions (id, customer_id, plan_id, status, "
                    "payment_method, anchor_at_us, period_number, period_start_us, period_end_us, "
                    "cancel_at_period_end, renewal_failures, next_renewal_at_us, ended_at_us, "
                    "ended_reason, created_at_us, updated_at_us) VALUES ($1, $2, $3, $4, $5, $6, "
                    "$7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
                    {s.id, s.customer_id, s.plan.id, s.status, s.payment_method, s.anchor_at_us,
                     s.period_number, s.period_start_us, s.period_end_us, s.cancel_at_period_end,
                     s.renewal_failures, s.next_renewal_at_us, optional_value(s.ended_at_us),
                     s.ended_reason, s.created_at_us, s.updated_at_us}));
  return {};
}

Result<bool> update_subscription(store::Transaction& tx, const Subscription& s,
                                 std::int64_t expected_version) {
  RF_TRY(n, tx.exec("UPDATE subscriptions_subscriptions SET status = $2, period_number = $3, "
                    "period_start_us = $4, period_end_us = $5, cancel_at_period_end = $6, "
                    "renewal_failures = $7, next_renewal_at_us = $8, ended_at_us = $9, "
                    "ended_reason = $10, updated_at_us = $11, version = $13 WHERE id = $1 AND "
                    "version = $12",
                    {s.id, s.status, s.period_number, s.period_start_us, s.period_end_us,
                     s.cancel_at_period_end, s.renewal_failures, s.next_renewal_at_us,
                     optional_value(s.ended_at_us), s.ended_reason, s.updated_at_us,
                     expected_version, expected_version + 1}));
  return *n == 1;
}

Status delete_subscription(store::Transaction& tx, std::string_view subscription_id) {
  const store::Params id{std::string(subscription_id)};
  RF_TRY(periods, tx.exec("DELETE FROM subscriptions_periods WHERE subscription_id = $1", id));
  RF_TRY(n, tx.exec("DELETE FROM subscriptions_subscriptions WHERE id = $1", id));
  return {};
}

Result<bool> set_payment_method(store::Transaction& tx, std::string_view subscription_id,
                                std::string_view payment_method, std::int64_t now_us) {
  RF_TRY(n, tx.exec("UPDATE subscriptions_subscriptions SET payment_method = $2, updated_at_us = "
                    "$3 WHERE id = $1 AND status <> 'ended'",
                    {std::string(subscription_id), std::string(payment_method), now_us}));
  return *n == 1;
}

Status forget_payment_methods(store::Transaction& tx, std::string_view customer_id) {
  RF_TRY(n, tx.exec("UPDATE subscriptions_subscriptions SET payment_method = '' WHERE "
                    "customer_id = $1",
                    {std::string(customer_id)}));
  return {};
}

Result<std::optional<Subscription>> subscription(store::Transaction& tx, std::string_view id) {
  return one_subscription(tx, "WHERE s.id = $1", {std::string(id)});
}

Result<std::optional<Subscription>> live_of(store::Transaction& tx, std::string_view customer_id) {
  return one_subscription(tx, "WHERE s.customer_id = $1 AND s.status <> 'ended'",
                          {std::string(customer_id)});
}

Result<std::optional<Subscription>> latest_of(store::Transaction& tx,
                                              std::string_view customer_id) {
  return one_subscription(tx,
                          "WHERE s.customer_id = $1 AND s.status <> 'incomplete' ORDER BY "
                          "s.created_at_us DESC, s.id DESC LIMIT 1",
                          {std::string(customer_id)});
}

Result<std::vector<Subscription>> list(store::Transaction& tx, const SubscriptionFilter& filter,
                                       std::string_view before_id, std::int64_t limit) {
  RF_TRY(rows, tx.query(std::string(subscription_select) +
                            "WHERE ($1 = '' OR s.status = $1) AND ($2 = '' OR s.plan_id = $2) "
                            "AND ($3 = '' OR s.id < $3) ORDER BY s.id DESC LIMIT $4",
                        {filter.status, filter.plan_id, std::string(before_id), limit}));
  std::vector<Subscription> out;
  for (const auto r : *rows) out.push_back(subscription_of(r));
  return out;
}

Result<std::vector<std::string>> due(store::Transaction& tx, std::int64_t now_us,
                                     std::int64_t limit) {
  RF_TRY(rows, tx.query("SELECT id FROM subscriptions_subscriptions WHERE status IN ('active', "
                        "'past_due') AND next_renewal_at_us <= $1 ORDER BY next_renewal_at_us, id "
                        "LIMIT $2",
                        {now_us, limit}));
  std::vector<std::string> out;
  for (const auto r : *rows) out.push_back(r.text(0));
  return out;
}

Result<Period> period_once(store::Transaction& tx, const Period& p) {
  RF_TRY(n, tx.exec("INSERT INTO subscriptions_periods (" + std::string(period_columns) +
                        ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT "
                        "(subscription_id, period_number) DO NOTHING",
                    {p.subscription_id, p.number, p.starts_at_us, p.ends_at_us,
                     p.amount.amount_minor, p.amount.currency, p.status, p.intent_id, p.attempts,
                     optional_value(p.paid_at_us)}));
  RF_TRY(rows, tx.query("SELECT " + std::string(period_columns) +
                            " FROM subscriptions_periods WHERE subscription_id = $1 AND "
                            "period_number = $2",
                        {p.subscription_id, p.number}));
  return period_of(rows->front());
}

Status update_period(store::Transaction& tx, const Period& p) {
  RF_TRY(n, tx.exec("UPDATE subscriptions_periods SET status = $3, intent_id = $4, attempts = $5, "
                    "paid_at_us = $6 WHERE subscription_id = $1 AND period_number = $2",
                    {p.subscription_id, p.number, p.status, p.intent_id, p.attempts,
                     optional_value(p.paid_at_us)}));
  return {};
}

Result<std::vector<Period>> periods(store::Transaction& tx, std::string_view subscription_id) {
  RF_TRY(rows, tx.query("SELECT " + std::string(period_columns) +
                            " FROM subscriptions_periods WHERE subscription_id = $1 ORDER BY "
                            "period_number",
                        {std::string(subscription_id)}));
  std::vector<Period> out;
  for (const auto r : *rows) out.push_back(period_of(r));
  return out;
}

}  // namespace reskflow::subscriptions::repository
