// The in-memory Quality of other modules' tests.
#include "fake_quality.h"

namespace reskflow::quality::testing {

void FakeQuality::set_driver(DriverScore score) {
  const std::lock_guard lock(mutex_);
  auto id = score.driver_id;
  drivers_[std::move(id)] = std::move(score);
}

void FakeQuality::set_merchant(MerchantScore score) {
  const std::lock_guard lock(mutex_);
  auto id = score.merchant_id;
  merchants_[std::move(id)] = std::move(score);
}

Result<DriverScore> FakeQuality::driver_score(std::string_view driver_id) {
  const std::lock_guard lock(mutex_);
  const auto it = drivers_.find(driver_id);
  if (it != drivers_.end()) return it->second;
  DriverScore none;
  none.driver_id = std::string(driver_id);
  return none;
}

Result<std::vector<DriverScore>> FakeQuality::scores_of_drivers(
    std::span<const std::string> driver_ids) {
  std::vector<DriverScore> out;
  for (const auto& id : driver_ids) {
    RF_TRY(score, driver_score(id));
    out.push_back(std::move(*score));
  }
  return out;
}

Result<MerchantScore> FakeQuality::merchant_score(std::string_view merchant_id) {
  const std::lock_guard lock(mutex_);
  const auto it = merchants_.find(merchant_id);
  if (it != merchants_.end()) return it->second;
  MerchantScore none;
  none.merchant_id = std::string(merchant_id);
  return none;
}

}  // namespace reskflow::quality::testing
