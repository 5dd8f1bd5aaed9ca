// The service's event consumers, the in-memory index they keep current, and the per-merchant
// facts both queries compute: the delivery estimate and the card.
#include <chrono>
#include <cmath>

#include "reskflow/bus/outbox.h"
#include "reskflow/core/log.h"
#include "reskflow/discovery/events.h"
#include "reskflow/modules/payload.h"
#include "reskflow/store/uuid.h"
#include "service.h"

namespace reskflow::discovery {
namespace {

const std::string& merchant_of(const MerchantRecord& r) { return r.id; }
const std::string& merchant_of(const MenuRecord& r) { return r.merchant_id; }
const std::string& merchant_of(const RatingRecord& r) { return r.merchant_id; }

}  // namespace

std::int64_t delivery_minutes(std::int64_t prep_time_minutes, double distance_m) {
  const double travel = std::ceil(distance_m * road_circuity / courier_speed_m_per_minute);
  return prep_time_minutes + static_cast<std::int64_t>(travel) + handover_minutes;
}

MerchantCard card_of(const IndexedMerchant& indexed, std::optional<double> distance_m,
                     std::int64_t now_us) {
  const StoredMerchant& m = indexed.stored;
  MerchantCard card;
  card.id = m.id;
  card.name = m.name;
  card.slug = m.slug;
  card.cuisines = m.cuisines;
  card.price_level = m.price_level;
  card.photo_url = m.photo_url;
  card.rating = m.rating;
  if (distance_m) {
    card.distance_m = std::llround(*distance_m);
    card.delivery_minutes = delivery_minutes(m.prep_time_minutes, *distance_m);
  }
  card.open_now = open_now(indexed, now_us);
  if (m.paused_until_us && *m.paused_until_us > now_us) card.paused_until_us = m.paused_until_us;
  card.minimum_order = {m.minimum_order_minor, m.currency};
  card.kitchen_id = m.kitchen_id;
  return card;
}

Service::Service(store::Database& db, DiscoverySettings settings, DiscoveryMetrics& metrics)
    : db_(db), settings_(settings), metrics_(metrics) {}

template <class Read, class Apply>
Status Service::consume(const bus::Envelope& event, std::string_view consumer, Read read,
                        Apply apply) {
  auto record = read(event.payload_json);
  if (!record) {
    // Retrying cannot fix a malformed payload: the relay parks it as a dead letter.
    metrics_.events_rejected.inc();
    log::warn(
        "discovery_event_rejected",
        {{"event_id", event.event_id}, {"type", event.type}, {"detail", record.error().detail}});
    return std::unexpected(record.error());
  }
  bool changed = false;
  auto handled = bus::handle_once(db_, consumer, event, [&](store::Transaction& tx) -> Status {
    auto applied = apply(tx, *record);
    if (!applied) return std::unexpected(applied.error());
    changed = *applied;
    if (!changed) return {};
    // Every node's index drops this merchant's old entry (this node's as soon as it commits).
    const events::MerchantIndexed indexed{merchant_of(*record)};
    auto published = bus::publish(tx, {std::string(events::merchant_indexed), indexed.merchant_id,
                                       modules::payload::to_payload(indexed)});
    if (!published) return std::unexpected(published.error());
    return {};
  });
  if (!handled) return handled;
  if (changed) invalidate();
  (changed ? metrics_.events_applied : metrics_.events_stale).inc();
  return handled;
}

void Service::invalidate() { generation_.fetch_add(1); }

Result<std::shared_ptr<const Index>> Service::index() {
  const auto current = [this]() -> std::shared_ptr<const Index> {
    const std::lock_guard lock(index_mutex_);
    return index_generation_ == generation_.load() ? index_ : nullptr;
  };
  if (auto held = current()) return held;
  const std::lock_guard loading(load_mutex_);
  if (auto held = current()) return held;      // loaded by the query we waited for
  const auto generation = generation_.load();  // before reading: a change after it reloads
  const auto started = std::chrono::steady_clock::now();
  auto rows = db_.read([](store::Transaction& tx) { return read_index_rows(tx); });
  if (!rows) return std::unexpected(rows.error());
  auto loaded = std::make_shared<const Index>(std::move(*rows));
  metrics_.index_loads.inc();
  metrics_.index_load_seconds.observe(
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  const std::lock_guard lock(index_mutex_);
  index_ = loaded;
  index_generation_ = generation;
  return loaded;
}

Status Service::on_merchant_updated(const bus::Envelope& event) {
  return consume(event, consumer_merchants, read_merchant_event,
                 [](store::Transaction& tx, const MerchantRecord& m) {
                   return apply_merchant(tx, m, store::unix_now_us());
                 });
}

Status Service::on_menu_updated(const bus::Envelope& event) {
  return consume(event, consumer_menus, read_menu_event, apply_menu);
}

Status Service::on_rating_updated(const bus::Envelope& event) {
  return consume(event, consumer_ratings, read_rating_event, apply_rating);
}

}  // namespace reskflow::discovery
