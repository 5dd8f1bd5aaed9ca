// The service's event consumers, the in-memory index they keep current, and the per-merchant
// facts both queries compute: the delivery estimate (drivers' travel model) and the card.
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

std::int64_t delivery_minutes(std::int64_t prep_time_minutes, double travel_seconds) {
  const double travel = std::ceil(travel_seconds / 60.0);
  return prep_time_minutes + static_cast<std::int64_t>(travel) + handover_minutes;
}

MerchantCard card_of(const CardFacts& facts, std::int64_t now_us) {
  const StoredMerchant& m = facts.merchant->stored;
  MerchantCard card;
  card.id = m.id;
  card.name = m.name;
  card.slug = m.slug;
  card.cuisines = m.cuisines;
  card.price_level = m.price_level;
  card.photo_url = m.photo_url;
  card.rating = m.rating;
  if (facts.distance_m) card.distance_m = std::llround(*facts.distance_m);
  card.delivery_minutes = facts.delivery_minutes;
  card.open_now = facts.open_now;
  if (m.paused_until_us && *m.paused_until_us > now_us) card.paused_until_us = m.paused_until_us;
  card.minimum_order = m.minimum_order;
  card.kitchen_id = m.kitchen_id;
  card.score = facts.score;
  return card;
}

Service::Service(store::Database& db, DiscoverySettings settings, DiscoveryMetrics& metrics,
                 const drivers::Drivers& drivers)
    : db_(db), settings_(settings), metrics_(metrics), drivers_(drivers) {}

std::int64_t Service::estimate(const IndexedMerchant& merchant, geo::Point at,
                               std::int64_t now_us) const {
  const auto& m = merchant.stored;
  return delivery_minutes(
      m.prep_time_minutes,
      drivers_.travel_seconds(m.location, at, settings_.estimate_vehicle, now_us));
}

CardFacts Service::facts(const IndexedMerchant& merchant, std::optional<double> distance_m,
                         std::optional<geo::Point> at, std::int64_t now_us) const {
  CardFacts out{&merchant, distance_m, std::nullopt, open_now(merchant, now_us), 0};
  if (distance_m && at) out.delivery_minutes = estimate(merchant, *at, now_us);
  return out;
}

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

std::shared_ptr<const Index> Service::held_index() {
  const std::lock_guard lock(index_mutex_);
  return index_generation_ == generation_.load() ? index_ : nullptr;
}

Result<std::shared_ptr<const Index>> Service::index() {
  if (auto held = held_index()) return held;
  const std::lock_guard loading(load_mutex_);
  if (auto held = held_index()) return held;   // loaded by the query we waited for
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
