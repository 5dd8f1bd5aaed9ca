// FakePromotions: discounts by code as the test set them.
#include "fake_promotions.h"

namespace reskflow::promotions::testing {

void FakePromotions::set_discounts(const std::string& code, std::vector<Discount> discounts) {
  const std::scoped_lock lock(mutex_);
  by_code_[code] = std::move(discounts);
}

void FakePromotions::fail_next_redeem(Error error) {
  const std::scoped_lock lock(mutex_);
  failures_.push_back(std::move(error));
}

std::vector<std::string> FakePromotions::redeemed() const {
  const std::scoped_lock lock(mutex_);
  return redeemed_;
}

Result<std::vector<Discount>> FakePromotions::discounts(const Basket& basket) {
  const std::scoped_lock lock(mutex_);
  const auto found = by_code_.find(basket.code);
  if (found != by_code_.end()) return found->second;
  if (basket.code.empty()) return std::vector<Discount>{};
  const auto reason = "No promotion has the code " + basket.code + ".";
  return fail(ErrorCode::validation_failed, reason, {{"promotion_code", reason}});
}

Status FakePromotions::redeem(store::Transaction& /*tx*/, std::string_view order_id,
                              const Basket& /*basket*/, const std::vector<Discount>& discounts) {
  const std::scoped_lock lock(mutex_);
  if (!failures_.empty()) {
    auto error = std::move(failures_.front());
    failures_.erase(failures_.begin());
    return std::unexpected(std::move(error));
  }
  if (!discounts.empty()) redeemed_.emplace_back(order_id);
  return {};
}

}  // namespace reskflow::promotions::testing
