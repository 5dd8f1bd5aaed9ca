// The service's event consumers, and the per-merchant facts both queries compute: the delivery
// estimate and whether it is open now.
#include <cmath>

#include <boost/json.hpp>

#include "reskflow/bus/outbox.h"
#include "reskflow/core/log.h"
#include "reskflow/modules/opening_hours.h"
#include "reskflow/store/uuid.h"
#include "service.h"

namespace reskflow::discovery {

std::int64_t delivery_minutes(std::int64_t prep_time_minutes, double distance_m) {
  const double travel = std::ceil(distance_m * road_circuity / courier_speed_m_per_minute);
  return prep_time_minutes + static_cast<std::int64_t>(travel) + handover_minutes;
}

bool open_now(const StoredMerchant& merchant, std::int64_t now_us) {
  if (merchant.paused_until_us && *merchant.paused_until_us > now_us) return false;
  boost::system::error_code ec;
  const auto document = boost::json::parse(merchant.hours_json, ec);
  if (ec) return false;
  const auto hours = hours::parse(document, "opening_hours");
  if (!hours) return false;  // validated when the event was applied: not reached
  const auto open = hours::open_at(*hours, merchant.time_zone, now_us);
  return open && *open;
}

std::optional<double> distance_if_delivering(const StoredMerchant& merchant, geo::Point at) {
  const double distance = geo::distance_m(merchant.location, at);
  if (merchant.zone_radius_m) {
    if (distance <= *merchant.zone_radius_m) return distance;
    return std::nullopt;
  }
  boost::system::error_code ec;
  const auto document = boost::json::parse(merchant.zone_json, ec);
  if (ec) return std::nullopt;
  const auto zone = geo::parse_zone(document, merchant.location, "delivery_zone");
  if (!zone || !geo::covers(*zone, at)) return std::nullopt;
  return distance;
}

MerchantCard card_of(const StoredMerchant& m, std::optional<double> distance_m,
                     std::int64_t now_us) {
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
  card.open_now = open_now(m, now_us);
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
    return {};
  });
  if (handled) (changed ? metrics_.events_applied : metrics_.events_stale).inc();
  return handled;
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
