// deliveries::testing::FakeDeliveries: an in-memory deliveries::Deliveries that tests fill and
// move through the lifecycle by hand, for the tests of modules that read deliveries.
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "reskflow/deliveries/delivery.h"

namespace reskflow::deliveries::testing {

class FakeDeliveries final : public Deliveries {
 public:
  // Adds or replaces the delivery with this id.
  void put(Delivery delivery);
  // Moves a delivery to `status` (any status: the fake checks no transition); a move to
  // picked_up or delivered stamps picked_up_at_us or delivered_at_us with `at_us`.
  void set_status(std::string_view delivery_id, std::string_view status, std::int64_t at_us = 0);
  // Hands the delivery to another courier (empty: back to pending).
  void assign(std::string_view delivery_id, std::string driver_id);

  Result<Delivery> delivery(std::string_view delivery_id) override;
  Result<Delivery> delivery_of_order(std::string_view order_id) override;

 private:
  Delivery* find_locked(std::string_view delivery_id);

  std::mutex mutex_;
  std::map<std::string, Delivery, std::less<>> deliveries_;
};

}  // namespace reskflow::deliveries::testing
