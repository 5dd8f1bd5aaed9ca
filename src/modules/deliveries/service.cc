// Deliveries from orders: one created for every accepted order of a platform-mode merchant
// (with its pickup code and, when needed, the customer's PIN), cancelled with its order; and
// the reads of each kind of caller.
#include "service.h"

#include <sys/random.h>

#include <algorithm>
#include <cmath>

#include "publish.h"
#include "repository.h"
#include "reskflow/bus/outbox.h"
#include "reskflow/core/log.h"
#include "reskflow/modules/payload.h"
#include "reskflow/orders/events.h"
#include "reskflow/store/uuid.h"

namespace reskflow::deliveries {
namespace {

constexpr std::string_view consumer_accepted = "deliveries.order_accepted";
constexpr std::string_view consumer_ready = "deliveries.order_ready";
constexpr std::string_view consumer_cancelled = "deliveries.order_cancelled";
constexpr double zone_degrees = 0.05;

Result<orders::events::OrderChanged> order_event(const bus::Envelope& event) {
  RF_TRY(changed, modules::payload::from_payload<orders::events::OrderChanged>(event.type,
                                                                               event.payload_json));
  if (changed->order_id.empty())
    return fail(ErrorCode::validation_failed, std::string(event.type) + " payload: no order_id");
  return std::move(*changed);
}

// Pay for the ride: the base plus the distance from pickup to drop-off (the tip comes on top).
// The settings are minor units of whichever currency the order is in.
Result<modules::Money> earnings_of(const DeliveriesSettings& s, double distance_m,
                                   const std::string& currency) {
  const auto distance_minor =
      std::llround(static_cast<double>(s.per_km_earnings_minor) * distance_m / 1000.0);
  return modules::add({s.base_earnings_minor, currency}, {distance_minor, currency});
}

Result<DeliveryRecord> record_of(const orders::DeliveryOrder& o, const DeliveriesSettings& s,
                                 double distance_m, std::int64_t now_us) {
  DeliveryRecord r;
  auto& d = r.delivery;
  d.id = store::new_uuid_v7();
  d.order_id = o.order_id;
  d.customer_id = o.customer_id;
  d.merchant_id = o.merchant_id;
  d.status = std::string(status_pending);
  d.pickup = o.pickup;
  d.dropoff = o.dropoff;
  if (o.cold_min_c && o.cold_max_c) d.cold_chain = TemperatureRange{*o.cold_min_c, *o.cold_max_c};
  d.created_at_us = now_us;
  r.merchant_name = o.merchant_name;
  r.pickup_address = o.pickup_address;
  r.dropoff_address = o.dropoff_address;
  r.instructions = o.instructions;
  r.leave_at_door = o.leave_at_door;
  r.age_restricted = o.age_restricted;
  r.item_count = std::max<std::int64_t>(1, o.item_count);
  r.tip = o.tip;
  r.ready_at_us = std::max(o.ready_at_us, now_us);
  r.due_by_us = r.ready_at_us +
                std::chrono::duration_cast<std::chrono::microseconds>(s.window_minutes).count();
  r.pickup_code = random_digits(6);
  if (o.age_restricted || o.total.amount_minor >= s.high_value_minor) r.pin = random_digits(4);
  r.distance_m = distance_m;
  RF_TRY(earnings, earnings_of(s, distance_m, o.total.currency));
  r.earnings = std::move(*earnings);
  r.version = 1;
  r.updated_at_us = now_us;
  return r;
}

}  // namespace

bool active_status(std::string_view s) {
  return s == status_assigned || s == status_at_pickup || s == status_picked_up ||
         s == status_at_dropoff;
}

bool final_status(std::string_view s) {
  return s == status_delivered || s == status_failed || s == status_returned ||
         s == status_cancelled;
}

std::string random_digits(std::size_t digits) {
  std::string out;
  while (out.size() < digits) {
    unsigned char byte = 0;
    if (getrandom(&byte, 1, 0) != 1) continue;
    if (byte < 250) out.push_back(static_cast<char>('0' + byte % 10));  // no modulo bias
  }
  return out;
}

std::string zone_of(modules::geo::Point point) {
  const auto cell = [](double degrees) {
    return std::to_string(static_cast<std::int64_t>(std::floor(degrees / zone_degrees)));
  };
  return cell(point.lat) + ":" + cell(point.lng);
}

Service::Service(store::Database& db, orders::Orders& orders, drivers::Drivers& drivers,
                 ledger::Ledger& ledger, identity::Directory& directory, quality::Quality& quality,
                 const DeliveriesSettings& settings, DeliveriesMetrics& metrics,
                 modules::Clock clock)
    : db_(db),
      orders_(orders),
      drivers_(drivers),
      ledger_(ledger),
      directory_(directory),
      quality_(quality),
      settings_(settings),
      metrics_(metrics),
      clock_(std::move(clock)) {}

Status Service::on_order_accepted(const bus::Envelope& event) {
  auto accepted = order_event(event);
  if (!accepted) {
    metrics_.events_rejected.inc();
    log::error("deliveries_event_rejected", {{"event_id", event.event_id}, {"type", event.type}});
    return {};
  }
  RF_TRY(order, orders_.delivery_order(accepted->order_id));
  if (order->delivery_mode != "platform") return {};
  const auto now = clock_();
  const auto distance = drivers_.road_distance_m(order->pickup, order->dropoff);
  RF_TRY(made, record_of(*order, settings_, distance, now));
  auto& record = *made;
  bool created = false;
  RF_TRY(done,
         bus::handle_once(db_, consumer_accepted, event, [&](store::Transaction& tx) -> Status {
           RF_TRY(existing, repository::delivery_of_order(tx, record.delivery.order_id));
           if (*existing) return {};
           RF_TRY(inserted, repository::insert_delivery(tx, record));
           created = true;
           return publish_change(tx, record);
         }));
  if (!created) return {};
  metrics_.created.inc();
  changed(record);
  return {};
}

// The kitchen marked the order ready: a delivery still waiting for its courier, or whose courier
// is on the way, is ready from that moment, earlier or later than the estimate, so dispatch and
// the estimates work from it. The promise (due_by) stays. The ready time is not part of the
// delivery's state: it is written alone, without a version, so that a courier's step under way
// (a pickup moves the order through ready) never meets a conflict of this consumer's making.
Status Service::on_order_ready(const bus::Envelope& event) {
  auto ready = order_event(event);
  if (!ready) {
    metrics_.events_rejected.inc();
    log::error("deliveries_event_rejected", {{"event_id", event.event_id}, {"type", event.type}});
    return {};
  }
  std::optional<DeliveryRecord> moved;
  RF_TRY(done, bus::handle_once(db_, consumer_ready, event, [&](store::Transaction& tx) -> Status {
           RF_TRY(found, repository::delivery_of_order(tx, ready->order_id));
           if (!*found) return {};
           RF_TRY(set, repository::set_ready_at(tx, (*found)->id(), ready->at_us));
           if (!*set) return {};
           moved = **found;
           moved->ready_at_us = ready->at_us;
           return {};
         }));
  if (moved) changed(*moved);
  return {};
}

// An order cancelled before its pickup takes its delivery with it; offers of it are withdrawn.
Status Service::on_order_cancelled(const bus::Envelope& event) {
  auto cancelled_order = order_event(event);
  if (!cancelled_order) {
    metrics_.events_rejected.inc();
    log::error("deliveries_event_rejected", {{"event_id", event.event_id}, {"type", event.type}});
    return {};
  }
  std::optional<DeliveryRecord> cancelled;
  RF_TRY(done,
         bus::handle_once(db_, consumer_cancelled, event, [&](store::Transaction& tx) -> Status {
           RF_TRY(found, repository::delivery_of_order(tx, cancelled_order->order_id));
           if (!*found || final_status((*found)->status())) return {};
           DeliveryRecord after = **found;
           after.delivery.status = std::string(status_cancelled);
           after.reason = "the order was cancelled";
           after.version += 1;
           after.updated_at_us = std::max(clock_(), after.updated_at_us);
           RF_TRY(updated, repository::update_delivery(tx, after, (*found)->version));
           if (!*updated) return fail(ErrorCode::conflict, "the delivery changed meanwhile");
           RF_TRY(withdrawn, repository::withdraw_offers(tx, after.id(), after.updated_at_us));
           cancelled = after;
           return publish_change(tx, after);
         }));
  if (cancelled) changed(*cancelled);
  return {};
}

Result<DeliveryRecord> Service::get(std::string_view delivery_id) {
  RF_TRY(found,
         db_.read([&](store::Transaction& tx) { return repository::delivery(tx, delivery_id); }));
  if (!*found) return fail(ErrorCode::not_found, "no such delivery");
  return std::move(**found);
}

Result<DeliveryRecord> Service::get_of_order(std::string_view order_id) {
  RF_TRY(found, db_.read([&](store::Transaction& tx) {
    return repository::delivery_of_order(tx, order_id);
  }));
  if (!*found) return fail(ErrorCode::not_found, "this order has no platform delivery");
  return std::move(**found);
}

Result<repository::Backlog> Service::backlog() {
  return db_.read([](store::Transaction& tx) { return repository::backlog(tx); });
}

Result<std::vector<DeliveryRecord>> Service::active() {
  return db_.read([](store::Transaction& tx) { return repository::active(tx); });
}

Result<std::pair<DeliveryRecord, View>> Service::view(const Caller& caller,
                                                      std::string_view delivery_id) {
  auto found = get(delivery_id);
  if (!found) return std::unexpected(found.error());
  if (caller.admin) return std::pair{std::move(*found), View::admin};
  if (found->delivery.driver_id == caller.user_id)
    return std::pair{std::move(*found), View::courier};
  if (found->delivery.customer_id == caller.user_id)
    return std::pair{std::move(*found), View::customer};
  if (directory_.require_merchant_staff(caller.principal, found->delivery.merchant_id,
                                        identity::MerchantLevel::staff))
    return std::pair{std::move(*found), View::merchant};
  return fail(ErrorCode::not_found, "no such delivery");
}

Result<Service::CourierFacts> Service::courier_facts(std::string_view driver_id) {
  RF_TRY(contact, directory_.contact(driver_id));
  CourierFacts out;
  if (*contact) {
    std::string_view name = (*contact)->name;
    name.remove_prefix(std::min(name.find_first_not_of(' '), name.size()));
    out.first_name = std::string(name.substr(0, name.find(' ')));
  }
  if (const auto on_shift = drivers_.online(driver_id)) out.vehicle = on_shift->vehicle;
  return out;
}

Result<std::vector<DeliveryRecord>> Service::of_driver(std::string_view driver_id,
                                                       bool active_only) {
  constexpr std::int64_t listed_max = 100;
  return db_.read([&](store::Transaction& tx) {
    return repository::of_driver(tx, driver_id, active_only, listed_max);
  });
}

// The path is where the courier rode: the customer and the merchant follow it while the
// delivery is under way, as on its topic; once it is over, only the courier and admins keep it.
Result<std::vector<PathPoint>> Service::path(const Caller& caller, std::string_view delivery_id) {
  RF_TRY(seen, view(caller, delivery_id));
  const auto& [record, seen_as] = *seen;
  if ((seen_as == View::customer || seen_as == View::merchant) && final_status(record.status()))
    return fail(ErrorCode::forbidden,
                "the courier's path is shown to the customer and the merchant only while the "
                "delivery is under way; this one is " +
                    record.status());
  return db_.read([&](store::Transaction& tx) { return repository::path(tx, delivery_id); });
}

Result<std::vector<EtaQuality>> Service::eta_quality(std::chrono::hours window) {
  const auto since =
      clock_() - std::chrono::duration_cast<std::chrono::microseconds>(window).count();
  RF_TRY(records,
         db_.read([&](store::Transaction& tx) { return repository::eta_records(tx, since); }));
  std::map<std::pair<std::string, int>, std::vector<double>> errors;
  for (const auto& r : *records)
    errors[{r.zone, r.hour}].push_back(std::abs(r.predicted_s - r.actual_s));
  std::vector<EtaQuality> out;
  for (auto& [key, e] : errors) {
    std::ranges::sort(e);
    double sum = 0;
    for (const auto v : e) sum += v;
    // Nearest rank: the smallest error at least 90 % of the others are not above.
    const auto rank = static_cast<std::size_t>(std::ceil(0.9 * static_cast<double>(e.size())));
    out.push_back({key.first, key.second, static_cast<std::int64_t>(e.size()),
                   sum / static_cast<double>(e.size()), e[std::max<std::size_t>(rank, 1) - 1]});
  }
  return out;
}

void Service::changed(const DeliveryRecord& record) {
  metrics_.transitions.inc();
  if (change_listener_) change_listener_(record);
}

}  // namespace reskflow::deliveries
