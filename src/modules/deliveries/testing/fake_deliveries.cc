// The in-memory deliveries of other modules' tests.
#include "fake_deliveries.h"

namespace reskflow::deliveries::testing {

void FakeDeliveries::put(Delivery delivery) {
  const std::scoped_lock lock(mutex_);
  auto id = delivery.id;
  deliveries_.insert_or_assign(std::move(id), std::move(delivery));
}

Delivery* FakeDeliveries::find_locked(std::string_view delivery_id) {
  const auto found = deliveries_.find(delivery_id);
  return found == deliveries_.end() ? nullptr : &found->second;
}

void FakeDeliveries::set_status(std::string_view delivery_id, std::string_view status,
                                std::int64_t at_us) {
  const std::scoped_lock lock(mutex_);
  auto* d = find_locked(delivery_id);
  if (d == nullptr) return;
  d->status = std::string(status);
  if (status == status_picked_up) d->picked_up_at_us = at_us;
  if (status == status_delivered) d->delivered_at_us = at_us;
}

void FakeDeliveries::assign(std::string_view delivery_id, std::string driver_id) {
  const std::scoped_lock lock(mutex_);
  auto* d = find_locked(delivery_id);
  if (d == nullptr) return;
  d->status = std::string(driver_id.empty() ? status_pending : status_assigned);
  d->driver_id = std::move(driver_id);
}

Result<Delivery> FakeDeliveries::delivery(std::string_view delivery_id) {
  const std::scoped_lock lock(mutex_);
  const auto* d = find_locked(delivery_id);
  if (d == nullptr) return fail(ErrorCode::not_found, "no such delivery");
  return *d;
}

Result<Delivery> FakeDeliveries::delivery_of_order(std::string_view order_id) {
  const std::scoped_lock lock(mutex_);
  for (const auto& [id, d] : deliveries_) {
    if (d.order_id == order_id) return d;
  }
  return fail(ErrorCode::not_found, "this order has no delivery");
}

}  // namespace reskflow::deliveries::testing
