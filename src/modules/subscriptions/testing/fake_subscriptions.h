// subscriptions::testing::FakeSubscriptions: members' benefits set by the test, for the tests of
// modules that ask for them (orders' pricing).
#pragma once

#include <map>
#include <mutex>
#include <string>

#include "reskflow/subscriptions/subscriptions.h"

namespace reskflow::subscriptions::testing {

// Thread-safe. A customer the test set nothing for has no benefits, as without a subscription.
class FakeSubscriptions final : public Subscriptions {
 public:
  void set_member(const std::string& customer_id, Benefits benefits);
  void clear_member(const std::string& customer_id);

  Result<std::optional<Benefits>> benefits_of(std::string_view customer_id) override;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, Benefits, std::less<>> members_;
};

}  // namespace reskflow::subscriptions::testing
