// quality::testing::FakeQuality: drivers' and merchants' scores set by the test, for the tests
// of modules that read quality scores (deliveries' dispatch).
#pragma once

#include <map>
#include <mutex>
#include <string>

#include "reskflow/quality/quality.h"

namespace reskflow::quality::testing {

// Thread-safe. A subject the test set nothing for has zero counts and no rates, as in quality.
class FakeQuality final : public Quality {
 public:
  void set_driver(DriverScore score);
  void set_merchant(MerchantScore score);

  Result<DriverScore> driver_score(std::string_view driver_id) override;
  Result<std::vector<DriverScore>> scores_of_drivers(
      std::span<const std::string> driver_ids) override;
  Result<MerchantScore> merchant_score(std::string_view merchant_id) override;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, DriverScore, std::less<>> drivers_;
  std::map<std::string, MerchantScore, std::less<>> merchants_;
};

}  // namespace reskflow::quality::testing
