// Membership plans: admins create and change them; everyone may list those on sale. And the
// admins' list of subscriptions.
#include <algorithm>
#include <array>

#include "repository.h"
#include "reskflow/store/uuid.h"
#include "service.h"

namespace reskflow::subscriptions {
namespace {

constexpr std::int64_t amount_minor_max = 1'000'000'000;
constexpr std::size_t name_chars_max = 100;

Status validate(const Plan& p) {
  std::vector<FieldError> errors;
  if (p.name.empty() || p.name.size() > name_chars_max)
    errors.push_back({"name", "must be 1 to 100 characters"});
  if (!modules::valid_currency(p.price.currency))
    errors.push_back({"currency", "must be an ISO 4217 code"});
  if (p.price.amount_minor <= 0 || p.price.amount_minor > amount_minor_max)
    errors.push_back({"price_minor", "must be from 1 to 1000000000"});
  if (p.free_delivery_threshold.currency != p.price.currency ||
      p.free_delivery_threshold.amount_minor < 0 ||
      p.free_delivery_threshold.amount_minor > amount_minor_max)
    errors.push_back({"free_delivery_threshold_minor", "must be from 0 to 1000000000"});
  if (p.service_fee_bp < 0 || p.service_fee_bp > 10'000)
    errors.push_back({"service_fee_bp", "must be from 0 to 10000 (100 %)"});
  if (errors.empty()) return {};
  return fail(ErrorCode::validation_failed, "the plan has invalid fields", std::move(errors));
}

}  // namespace

Service::Service(store::Database& db, payments::Payments& payments,
                 const SubscriptionsSettings& settings, SubscriptionsMetrics& metrics,
                 modules::Clock clock)
    : db_(db),
      payments_(payments),
      settings_(settings),
      metrics_(metrics),
      clock_(std::move(clock)) {}

Result<std::vector<Plan>> Service::plans(bool with_inactive) {
  return db_.read([&](store::Transaction& tx) { return repository::plans(tx, with_inactive); });
}

Result<Plan> Service::create_plan(const NewPlan& wanted) {
  const auto now = clock_();
  Plan plan{store::new_uuid_v7(),  wanted.name,   wanted.price, wanted.free_delivery_threshold,
            wanted.service_fee_bp, wanted.active, now,          now};
  RF_TRY(valid, validate(plan));
  RF_TRY(written,
         db_.write([&](store::Transaction& tx) { return repository::insert_plan(tx, plan); }));
  return plan;
}

Result<Plan> Service::update_plan(std::string_view plan_id, const PlanChange& change) {
  return db_.write([&](store::Transaction& tx) -> Result<Plan> {
    RF_TRY(found, repository::plan(tx, plan_id));
    if (!*found) return fail(ErrorCode::not_found, "no such plan");
    auto plan = std::move(**found);
    if (change.name) plan.name = *change.name;
    if (change.price_minor) plan.price.amount_minor = *change.price_minor;
    if (change.free_delivery_threshold_minor)
      plan.free_delivery_threshold.amount_minor = *change.free_delivery_threshold_minor;
    if (change.service_fee_bp) plan.service_fee_bp = *change.service_fee_bp;
    if (change.active) plan.active = *change.active;
    plan.updated_at_us = clock_();
    RF_TRY(valid, validate(plan));
    RF_TRY(written, repository::update_plan(tx, plan));
    return plan;
  });
}

Result<std::optional<Benefits>> Service::benefits_of(std::string_view customer_id) {
  RF_TRY(found,
         db_.read([&](store::Transaction& tx) { return repository::live_of(tx, customer_id); }));
  if (!*found) return std::optional<Benefits>{};
  const auto& s = **found;
  // Active: the current period is paid (the renewal job may not have run yet at its end).
  // Past due: only the rest of a period paid before its renewal was declined.
  const bool paid_for =
      s.status == status_active || (s.status == status_past_due && clock_() < s.period_end_us);
  if (!paid_for) return std::optional<Benefits>{};
  return std::optional<Benefits>{
      Benefits{s.plan.id, s.plan.name, s.plan.free_delivery_threshold, s.plan.service_fee_bp}};
}

Result<SubscriptionPage> Service::list(const SubscriptionFilter& filter,
                                       const modules::PageRequest& page) {
  constexpr std::array statuses{status_incomplete, status_active, status_past_due, status_ended};
  if (!filter.status.empty() && std::ranges::find(statuses, filter.status) == statuses.end())
    return fail(ErrorCode::validation_failed, "unknown status",
                {{"status", "must be incomplete, active, past_due or ended"}});
  RF_TRY(found, db_.read([&](store::Transaction& tx) {
    return repository::list(tx, filter, page.cursor.value_or(""), page.limit + 1);
  }));
  SubscriptionPage out;
  if (static_cast<std::int64_t>(found->size()) > page.limit) {
    found->resize(static_cast<std::size_t>(page.limit));
    out.next_cursor = found->back().id;
  }
  out.items = std::move(*found);
  return out;
}

Result<std::vector<Period>> Service::periods(std::string_view subscription_id) {
  return db_.read([&](store::Transaction& tx) { return repository::periods(tx, subscription_id); });
}

}  // namespace reskflow::subscriptions
