// The in-memory Subscriptions of other modules' tests.
#include "fake_subscriptions.h"

namespace reskflow::subscriptions::testing {

void FakeSubscriptions::set_member(const std::string& customer_id, Benefits benefits) {
  const std::lock_guard lock(mutex_);
  members_[customer_id] = std::move(benefits);
}

void FakeSubscriptions::clear_member(const std::string& customer_id) {
  const std::lock_guard lock(mutex_);
  members_.erase(customer_id);
}

Result<std::optional<Benefits>> FakeSubscriptions::benefits_of(std::string_view customer_id) {
  const std::lock_guard lock(mutex_);
  const auto it = members_.find(customer_id);
  if (it == members_.end()) return std::optional<Benefits>{};
  return std::optional<Benefits>{it->second};
}

}  // namespace reskflow::subscriptions::testing
