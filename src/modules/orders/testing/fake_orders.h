// orders::testing::FakeOrders: accepted orders held in memory for the tests of modules that
// carry them (deliveries), with the courier's moves checked against the order state machine's
// courier edges and recorded so a test can see them.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "reskflow/orders/orders.h"

namespace reskflow::orders::testing {

// Thread-safe.
class FakeOrders final : public Orders {
 public:
  struct Move {
    std::string order_id;
    std::string next;
    std::string reason;
  };

  void add(DeliveryOrder order);
  // The order's current status; empty for an unknown order.
  std::string status(const std::string& order_id) const;
  std::vector<Move> moves() const;

  Result<DeliveryOrder> delivery_order(std::string_view order_id) override;
  // Like the real one: picked_up from accepted, preparing or ready; delivered and failed from
  // picked_up; the current state again changes nothing; invalid_transition otherwise.
  Status courier_transition(std::string_view order_id, std::string_view next,
                            std::string_view reason) override;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, DeliveryOrder, std::less<>> orders_;
  std::vector<Move> moves_;
};

}  // namespace reskflow::orders::testing
