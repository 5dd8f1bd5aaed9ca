// promotions::testing::FakePromotions: the discounts a basket gets set by the test, for the tests
// of modules that price orders (orders' checkout).
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "reskflow/promotions/promotions.h"

namespace reskflow::promotions::testing {

// Thread-safe. Without anything set, a basket gets no discount and any code is refused as
// unknown, as in promotions with no promotion.
class FakePromotions final : public Promotions {
 public:
  // What a basket with `code` gets ("" for baskets without a code).
  void set_discounts(const std::string& code, std::vector<Discount> discounts);
  // The next redeem fails with `error` (a cap that ran out between quote and order).
  void fail_next_redeem(Error error);
  // The order ids redeemed, in order.
  std::vector<std::string> redeemed() const;

  Result<std::vector<Discount>> discounts(const Basket& basket) override;
  Status redeem(store::Transaction& tx, std::string_view order_id, const Basket& basket,
                const std::vector<Discount>& discounts) override;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::vector<Discount>> by_code_;
  std::vector<std::string> redeemed_;
  std::vector<Error> failures_;
};

}  // namespace reskflow::promotions::testing
