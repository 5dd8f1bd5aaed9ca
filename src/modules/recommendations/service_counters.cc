// The counters: each delivered order adds to its customer's items and merchant, to its
// merchant's grid cell and to its items' pairs, once; an erased customer's counts go.
#include <algorithm>

#include "consumed.h"
#include "repository.h"
#include "reskflow/bus/outbox.h"
#include "reskflow/core/log.h"
#include "service.h"

namespace reskflow::recommendations {
namespace {

// The row with one more order at `at_us` (named `name` then, when it is the latest).
repository::Count with_order(std::optional<repository::Count> row, std::string subject_id,
                             std::string merchant_id, std::string name, std::int64_t at_us,
                             std::int64_t half_life_us) {
  repository::Count c = row ? std::move(*row) : repository::Count{};
  if (!row || at_us >= c.last_ordered_at_us) {
    c.merchant_id = std::move(merchant_id);
    c.name = std::move(name);
    c.last_ordered_at_us = at_us;
  }
  c.subject_id = std::move(subject_id);
  c.orders += 1;
  c.score = add_order(c.score, at_us, half_life_us);
  return c;
}

Status add_to(store::Transaction& tx, std::string_view scope, std::string_view owner_id,
              const std::string& subject_id, const std::string& merchant_id,
              const std::string& name, std::int64_t at_us, std::int64_t half_life_us) {
  RF_TRY(row, repository::count(tx, scope, owner_id, subject_id));
  return repository::put_count(
      tx, scope, owner_id,
      with_order(std::move(*row), subject_id, merchant_id, name, at_us, half_life_us));
}

}  // namespace

Service::Service(store::Database& db, LocateMerchant locate,
                 const RecommendationsSettings& settings, RecommendationsMetrics& metrics,
                 modules::Clock clock)
    : db_(db),
      locate_(std::move(locate)),
      settings_(settings),
      metrics_(metrics),
      clock_(clock ? std::move(clock) : modules::system_clock()) {}

Status Service::rejected(const bus::Envelope& event) {
  metrics_.events_rejected.inc();
  log::error("recommendations_event_rejected",
             {{"event_id", event.event_id}, {"type", event.type}});
  return {};
}

// The merchant's location is read before the transaction: catalog may read its own tables. A
// failure to read it fails the delivery, which the relay retries.
Status Service::on_order_delivered(const bus::Envelope& event) {
  auto order = read_order_delivered(event.payload_json);
  if (!order) return rejected(event);
  RF_TRY(location, locate_(order->merchant_id));
  order->merchant_location = *location;
  bool counted = false;
  auto done = bus::handle_once(db_, consumer_orders, event, [&](store::Transaction& tx) -> Status {
    counted = true;
    return count_order(tx, *order);
  });
  if (done && counted) metrics_.orders_counted.inc();
  return done;
}

Status Service::on_user_erased(const bus::Envelope& event) {
  const auto user_id = read_user_erased(event.payload_json);
  if (!user_id) return rejected(event);
  bool erased = false;
  auto done = bus::handle_once(db_, consumer_erasure, event, [&](store::Transaction& tx) -> Status {
    RF_TRY(rows, repository::erase_customer(tx, *user_id));
    erased = true;
    return {};
  });
  if (done && erased) metrics_.customers_erased.inc();
  return done;
}

Status Service::count_order(store::Transaction& tx, const DeliveredOrder& order) {
  if (auto ok = count_customer(tx, order); !ok) return ok;
  if (auto ok = count_cell(tx, order); !ok) return ok;
  return count_pairs(tx, order);
}

Status Service::count_customer(store::Transaction& tx, const DeliveredOrder& order) {
  const auto half_life_us = settings_.order_again_half_life_days * day_us;
  const auto at = order.delivered_at_us;
  for (const auto& item : order.items) {
    if (auto ok = add_to(tx, repository::scope_customer_item, order.customer_id, item.item_id,
                         order.merchant_id, item.name, at, half_life_us);
        !ok)
      return ok;
  }
  return add_to(tx, repository::scope_customer_merchant, order.customer_id, order.merchant_id,
                order.merchant_id, "", at, half_life_us);
}

// Rows of the cell not ordered within the window are pruned here, so the table holds about
// one window of items per cell and no job sweeps it.
Status Service::count_cell(store::Transaction& tx, const DeliveredOrder& order) {
  if (!order.merchant_location) return {};
  const auto cell = cell_of(*order.merchant_location);
  const auto half_life_us = settings_.popular_half_life_days * day_us;
  for (const auto& item : order.items) {
    if (auto ok = add_to(tx, repository::scope_cell_item, cell, item.item_id, order.merchant_id,
                         item.name, order.delivered_at_us, half_life_us);
        !ok)
      return ok;
  }
  return repository::prune(tx, repository::scope_cell_item, cell,
                           clock_() - settings_.popular_window_days * day_us);
}

Status Service::count_pairs(store::Transaction& tx, const DeliveredOrder& order) {
  const auto n = std::min(order.items.size(), pair_items_max);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      if (i == j) continue;
      const auto& a = order.items[i];
      const auto& b = order.items[j];
      if (auto ok = repository::add_pair(tx, order.merchant_id, a.item_id, b.item_id, b.name,
                                         order.delivered_at_us);
          !ok)
        return ok;
    }
  }
  return {};
}

}  // namespace reskflow::recommendations
