// The in-memory Orders of other modules' tests.
#include "fake_orders.h"

namespace reskflow::orders::testing {

void FakeOrders::add(DeliveryOrder order) {
  const std::lock_guard lock(mutex_);
  auto id = order.order_id;
  orders_[std::move(id)] = std::move(order);
}

std::string FakeOrders::status(const std::string& order_id) const {
  const std::lock_guard lock(mutex_);
  const auto it = orders_.find(order_id);
  return it == orders_.end() ? std::string() : it->second.status;
}

std::vector<FakeOrders::Move> FakeOrders::moves() const {
  const std::lock_guard lock(mutex_);
  return moves_;
}

Result<DeliveryOrder> FakeOrders::delivery_order(std::string_view order_id) {
  const std::lock_guard lock(mutex_);
  const auto it = orders_.find(order_id);
  if (it == orders_.end()) return fail(ErrorCode::not_found, "no such order");
  return it->second;
}

Status FakeOrders::courier_transition(std::string_view order_id, std::string_view next,
                                      std::string_view reason) {
  const std::lock_guard lock(mutex_);
  const auto it = orders_.find(order_id);
  if (it == orders_.end()) return fail(ErrorCode::not_found, "no such order");
  auto& status = it->second.status;
  if (status == next) return {};
  const bool before_pickup =
      status == status_accepted || status == status_preparing || status == status_ready;
  const bool allowed =
      (next == status_picked_up && before_pickup) ||
      ((next == status_delivered || next == status_failed) && status == status_picked_up);
  if (!allowed)
    return fail(ErrorCode::invalid_transition,
                "an order that is " + status + " cannot become " + std::string(next));
  status = std::string(next);
  moves_.push_back({std::string(order_id), std::string(next), std::string(reason)});
  return {};
}

}  // namespace reskflow::orders::testing
