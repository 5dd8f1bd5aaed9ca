// The delivery rules: a delivery for every accepted order of a platform-mode merchant, offers
// made by the dispatch round and answered by couriers (or lapsing), an admin's assignment, the
// courier's lifecycle steps with their checks (pickup code, PIN, ID check), the courier's
// earnings at delivery, and the reads of each kind of caller. No HTTP, no SQL strings, no JSON.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dispatch.h"
#include "metrics.h"
#include "record.h"
#include "repository.h"
#include "reskflow/bus/event.h"
#include "reskflow/deliveries/delivery.h"
#include "reskflow/drivers/drivers.h"
#include "reskflow/identity/identity.h"
#include "reskflow/ledger/ledger.h"
#include "reskflow/modules/clock.h"
#include "reskflow/orders/events.h"
#include "reskflow/orders/orders.h"
#include "reskflow/quality/quality.h"
#include "reskflow/store/database.h"
#include "settings.h"

namespace reskflow::deliveries {

// Who asks: the courier, the order's customer, the merchant's staff (checked through the
// directory) or an admin.
struct Caller {
  std::string user_id;
  bool admin = false;
  http::Principal principal;
};

// What a caller may see of a delivery: the courier never sees the customer's PIN nor the
// merchant's pickup code (they are told them at the door and the counter).
enum class View { courier, customer, merchant, admin };

struct StepRequest {
  std::string next;         // at_pickup, picked_up, at_dropoff, delivered, failed, returned
  std::string pickup_code;  // picked_up
  std::string pin;          // delivered, when the delivery asks for one
  bool id_checked = false;  // delivered, age-restricted: the courier checked the customer's ID
  std::string reason;       // failed, returned
};

struct OfferView {
  Offer offer;
  DeliveryRecord delivery;
};

// A zone and hour's ETA quality over the delivered deliveries recorded.
struct EtaQuality {
  std::string zone;
  int hour = 0;
  std::int64_t deliveries = 0;
  double mae_s = 0;
  double p90_s = 0;
};

// A committed change, for the WebSocket topics.
using ChangeListener = std::function<void(const DeliveryRecord&)>;
using OfferListener = std::function<void(const OfferView&)>;

class Service {
 public:
  Service(store::Database& db, orders::Orders& orders, drivers::Drivers& drivers,
          ledger::Ledger& ledger, identity::Directory& directory, quality::Quality& quality,
          const DeliveriesSettings& settings, DeliveriesMetrics& metrics, modules::Clock clock);

  void on_change(ChangeListener listener) { change_listener_ = std::move(listener); }
  void on_offer(OfferListener listener) { offer_listener_ = std::move(listener); }

  // Consumers of orders.order.accepted, .ready and .cancelled (bus::handle_once).
  Status on_order_accepted(const bus::Envelope& event);
  Status on_order_ready(const bus::Envelope& event);
  Status on_order_cancelled(const bus::Envelope& event);

  // One dispatch round: lapsed offers expire, then the waiting deliveries are offered to the
  // couriers plan_dispatch picks, within the round budget. The number of offers made.
  Result<std::int64_t> dispatch_round();
  Result<std::int64_t> expire_offers();

  // A courier's pending offers, newest first.
  Result<std::vector<OfferView>> offers_of(std::string_view driver_id);
  // not_found for an offer that is not this courier's; conflict once answered or lapsed.
  Result<DeliveryRecord> accept_offer(std::string_view driver_id, std::string_view offer_id);
  Status decline_offer(std::string_view driver_id, std::string_view offer_id);
  // An admin gives a pending or assigned delivery to an online courier (pending offers of it
  // are withdrawn).
  Result<DeliveryRecord> assign(std::string_view delivery_id, std::string_view driver_id);

  // The assigned courier moves the delivery one step (not_found for anyone else).
  Result<DeliveryRecord> step(std::string_view driver_id, std::string_view delivery_id,
                              const StepRequest& request);

  // The delivery and how the caller sees it; not_found when they may not.
  Result<std::pair<DeliveryRecord, View>> view(const Caller& caller, std::string_view delivery_id);
  // Who is coming, for the customer and the merchant's staff: the courier's first name (empty
  // when identity has none) and vehicle (nullopt while they are off shift).
  struct CourierFacts {
    std::string first_name;
    std::optional<drivers::Vehicle> vehicle;
  };
  Result<CourierFacts> courier_facts(std::string_view driver_id);
  Result<std::vector<DeliveryRecord>> of_driver(std::string_view driver_id, bool active_only);
  Result<std::vector<PathPoint>> path(const Caller& caller, std::string_view delivery_id);
  Result<std::vector<EtaQuality>> eta_quality(std::chrono::hours window);

  Result<DeliveryRecord> get(std::string_view delivery_id);
  Result<DeliveryRecord> get_of_order(std::string_view order_id);
  // The deliveries couriers are working on now (tracking rebuilds its index from them).
  Result<std::vector<DeliveryRecord>> active();
  // Deliveries waiting for a courier with no offer out (deliveries_waiting on /metrics), and
  // when the oldest of them was created.
  Result<repository::Backlog> backlog();

  // The pickup ETA (until the pickup) and the drop-off ETA from the courier's point at `at_us`,
  // through the pickup while the order is not on board (and not before it is ready).
  void estimate(DeliveryRecord& record, modules::geo::Point from, drivers::Vehicle vehicle,
                std::int64_t at_us) const;
  std::int64_t now() const { return clock_(); }

 private:
  Result<std::optional<DeliveryRecord>> create_for_order(std::string_view order_id);
  Result<std::vector<Courier>> couriers(std::vector<drivers::OnlineDriver> on_shift);
  Status add_records(std::vector<Courier>& couriers, const std::vector<std::size_t>& which);
  DispatchPolicy dispatch_policy() const;
  Status make_offer(const Proposal& proposal, std::int64_t now_us);
  Result<DeliveryRecord> take(std::string_view delivery_id, std::string_view driver_id,
                              const std::function<Status(store::Transaction&)>& also);
  Status check_step(const DeliveryRecord& record, const StepRequest& request);
  Status move_order(const DeliveryRecord& record, std::string_view next, const std::string& reason);
  Status commit(const DeliveryRecord& before, DeliveryRecord& after,
                const std::function<Status(store::Transaction&)>& also);
  Status post_earnings(store::Transaction& tx, const DeliveryRecord& record);
  Status record_eta(store::Transaction& tx, const DeliveryRecord& record);
  void changed(const DeliveryRecord& record);

  store::Database& db_;
  orders::Orders& orders_;
  drivers::Drivers& drivers_;
  ledger::Ledger& ledger_;
  identity::Directory& directory_;
  quality::Quality& quality_;
  DeliveriesSettings settings_;
  DeliveriesMetrics& metrics_;
  modules::Clock clock_;
  ChangeListener change_listener_;
  OfferListener offer_listener_;
};

// The allowed steps of the lifecycle (docs/deliveries.md): invalid_transition naming the current
// state and what may follow unless `next` may follow `status`.
Status check_transition(std::string_view status, std::string_view next);

// A random code of `digits` decimal digits from the system's CSPRNG.
std::string random_digits(std::size_t digits);

// The zone of a point: the 0.05-degree grid cell "<lat index>:<lng index>".
std::string zone_of(modules::geo::Point point);

}  // namespace reskflow::deliveries
