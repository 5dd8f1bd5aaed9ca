// The courier's steps: assigned -> at_pickup -> picked_up (the merchant's pickup code) ->
// at_dropoff -> delivered (the customer's PIN when asked; an ID check for age-restricted items),
// or failed / returned with a reason. The order moves first through orders' interface (a retry
// after a failure here finds it there already), then the delivery with its event, the courier's
// earnings and the ETA record, in one transaction.
#include <algorithm>
#include <cmath>

#include "publish.h"
#include "repository.h"
#include "service.h"

namespace reskflow::deliveries {
namespace {

constexpr std::int64_t path_bucket_us = 10'000'000;  // one point per 10 s once delivered

struct Edge {
  std::string_view from;
  std::string_view to;
};

constexpr Edge edges[] = {
    {status_assigned, status_at_pickup},   {status_at_pickup, status_picked_up},
    {status_picked_up, status_at_dropoff}, {status_at_dropoff, status_delivered},
    {status_picked_up, status_failed},     {status_at_dropoff, status_failed},
    {status_picked_up, status_returned},   {status_at_dropoff, status_returned},
};

std::unexpected<Error> invalid(std::string field, std::string message) {
  return fail(ErrorCode::validation_failed, "some fields are invalid; see errors",
              {{std::move(field), std::move(message)}});
}

// Compared in full whatever the first difference, so timing tells nothing about the code.
bool same_code(std::string_view given, std::string_view expected) {
  if (given.size() != expected.size()) return false;
  unsigned diff = 0;
  for (std::size_t i = 0; i < given.size(); ++i)
    diff |= static_cast<unsigned>(given[i] ^ expected[i]);
  return diff == 0;
}

std::int64_t seconds_us(double s) { return std::llround(s * 1e6); }

}  // namespace

Status check_transition(std::string_view status, std::string_view next) {
  std::string allowed;
  for (const auto& e : edges) {
    if (e.from == status && e.to == next) return {};
    if (e.from == status) allowed += (allowed.empty() ? "" : ", ") + std::string(e.to);
  }
  Error error{ErrorCode::invalid_transition,
              "a delivery that is " + std::string(status) + " cannot become " + std::string(next) +
                  (allowed.empty() ? " or change any more" : "; it can become " + allowed),
              {},
              {}};
  error.members.push_back({"current_status", std::string(status)});
  error.members.push_back({"allowed", allowed});
  return std::unexpected(std::move(error));
}

void Service::estimate(DeliveryRecord& r, modules::geo::Point from, drivers::Vehicle vehicle,
                       std::int64_t at_us) const {
  const bool on_board = r.status() == status_picked_up || r.status() == status_at_dropoff;
  if (on_board) {
    r.dropoff_eta_us =
        at_us + seconds_us(drivers_.travel_seconds(from, r.delivery.dropoff, vehicle, at_us));
    return;
  }
  const auto arrive =
      at_us + seconds_us(drivers_.travel_seconds(from, r.delivery.pickup, vehicle, at_us));
  const auto leave = std::max(arrive, r.ready_at_us);
  r.pickup_eta_us = arrive;
  r.dropoff_eta_us = leave + seconds_us(drivers_.travel_seconds(
                                 r.delivery.pickup, r.delivery.dropoff, vehicle, leave));
}

Status Service::check_step(const DeliveryRecord& r, const StepRequest& request) {
  RF_TRY(edge, check_transition(r.status(), request.next));
  if (request.next == status_picked_up && !same_code(request.pickup_code, r.pickup_code))
    return invalid("pickup_code", "does not match the code the merchant has for this order");
  if ((request.next == status_failed || request.next == status_returned) && request.reason.empty())
    return invalid("reason", "is required: say what happened");
  if (request.next != status_delivered) return {};
  if (!r.pin.empty() && !same_code(request.pin, r.pin))
    return invalid("pin", "does not match the customer's PIN");
  if (!r.age_restricted) return {};
  if (!request.id_checked)
    return invalid("id_checked", "must be true: check the customer's ID before handing over");
  RF_TRY(verified, directory_.age_verified(r.delivery.driver_id));
  if (!*verified)
    return fail(ErrorCode::forbidden,
                "age-restricted items need a courier whose own ID is verified");
  return {};
}

Status Service::move_order(const DeliveryRecord& r, std::string_view next,
                           const std::string& reason) {
  if (next == status_picked_up) return orders_.courier_transition(r.delivery.order_id, next, "");
  if (next == status_delivered) return orders_.courier_transition(r.delivery.order_id, next, "");
  if (next == status_failed || next == status_returned)
    return orders_.courier_transition(r.delivery.order_id, orders::status_failed, reason);
  return {};
}

Result<DeliveryRecord> Service::step(std::string_view driver_id, std::string_view delivery_id,
                                     const StepRequest& request) {
  auto before = get(delivery_id);
  if (!before || before->delivery.driver_id != driver_id)
    return fail(ErrorCode::not_found, "no such delivery");
  RF_TRY(checked, check_step(*before, request));
  RF_TRY(moved, move_order(*before, request.next, request.reason));
  const auto now = std::max(clock_(), before->updated_at_us);
  DeliveryRecord after = *before;
  after.delivery.status = request.next;
  after.reason = request.reason;
  after.version += 1;
  after.updated_at_us = now;
  if (request.next == status_picked_up) {
    after.delivery.picked_up_at_us = now;
    const auto courier = drivers_.online(driver_id);
    estimate(after, courier ? courier->position.point : after.delivery.pickup,
             courier ? courier->vehicle : drivers::Vehicle::bike, now);
    after.predicted_dropoff_us = after.dropoff_eta_us;
  }
  if (request.next == status_delivered) after.delivery.delivered_at_us = now;
  RF_TRY(committed, commit(*before, after, [&](store::Transaction& tx) -> Status {
           if (after.status() != status_delivered) return {};
           RF_TRY(paid, post_earnings(tx, after));
           RF_TRY(recorded, record_eta(tx, after));
           return repository::downsample_path(tx, after.id(), path_bucket_us);
         }));
  return after;
}

Status Service::commit(const DeliveryRecord& before, DeliveryRecord& after,
                       const std::function<Status(store::Transaction&)>& also) {
  RF_TRY(done, db_.write([&](store::Transaction& tx) -> Status {
    RF_TRY(updated, repository::update_delivery(tx, after, before.version));
    if (!*updated)
      return fail(ErrorCode::conflict, "the delivery changed meanwhile; reload it and try again");
    RF_TRY(extra, also(tx));
    return publish_change(tx, after);
  }));
  changed(after);
  return {};
}

// The courier's pay: base + distance from the platform's revenue, the tip from the tips the
// capture put aside, both to the courier's payable account.
Status Service::post_earnings(store::Transaction& tx, const DeliveryRecord& r) {
  using ledger::AccountKind;
  RF_TRY(pay, modules::add(r.earnings, r.tip));
  if (pay->amount_minor == 0) return {};
  RF_TRY(owed, modules::multiply(*pay, -1));
  ledger::TransactionRequest t;
  t.reference = "delivery:" + r.id() + ":earnings";
  t.description = "courier earnings for delivery " + r.id();
  t.postings.push_back({{AccountKind::driver_payable, r.delivery.driver_id}, std::move(*owed)});
  t.postings.push_back({{AccountKind::platform_revenue, ""}, r.earnings});
  if (r.tip.amount_minor > 0) t.postings.push_back({{AccountKind::tips_payable, ""}, r.tip});
  RF_TRY(posted, ledger_.post(tx, t));
  return {};
}

Status Service::record_eta(store::Transaction& tx, const DeliveryRecord& r) {
  if (!r.predicted_dropoff_us || !r.delivery.picked_up_at_us || !r.delivery.delivered_at_us)
    return {};
  const auto picked = *r.delivery.picked_up_at_us;
  const EtaRecord e{zone_of(r.delivery.dropoff), static_cast<int>((picked / 3'600'000'000LL) % 24),
                    static_cast<double>(*r.predicted_dropoff_us - picked) / 1e6,
                    static_cast<double>(*r.delivery.delivered_at_us - picked) / 1e6};
  return repository::insert_eta(tx, r.id(), e, *r.delivery.delivered_at_us);
}

}  // namespace reskflow::deliveries
