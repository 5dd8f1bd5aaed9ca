// payments::testing::CaptureThen: real payments with something happening right after the next
// capture, for other modules' tests of what changes while a charge goes through.
#pragma once

#include <functional>
#include <string_view>
#include <utility>
#include <vector>

#include "reskflow/payments/payments.h"

namespace reskflow::payments::testing {

// Forwards every call to `real`; runs `then` once, after the next capture has answered.
class CaptureThen final : public Payments {
 public:
  CaptureThen(Payments& real, std::function<void()> then) : real_(real), then_(std::move(then)) {}

  Result<Intent> authorize(const AuthorizeRequest& request) override {
    return real_.authorize(request);
  }
  bool authorizes_in_transaction(std::string_view payment_method) const override {
    return real_.authorizes_in_transaction(payment_method);
  }
  Result<Intent> authorize_in(store::Transaction& tx, const AuthorizeRequest& request) override {
    return real_.authorize_in(tx, request);
  }
  Result<Intent> capture(std::string_view intent_id, const modules::Money& amount,
                         const Settlement& settlement) override {
    auto captured = real_.capture(intent_id, amount, settlement);
    if (auto then = std::exchange(then_, {})) then();
    return captured;
  }
  Result<Intent> refund(std::string_view intent_id, const modules::Money& amount,
                        std::string_view reason) override {
    return real_.refund(intent_id, amount, reason);
  }
  Result<Intent> refund_from_merchant(std::string_view intent_id, const modules::Money& amount,
                                      std::string_view reason) override {
    return real_.refund_from_merchant(intent_id, amount, reason);
  }
  Result<Intent> cancel(std::string_view intent_id) override { return real_.cancel(intent_id); }
  Result<Intent> increase(std::string_view intent_id, const modules::Money& amount) override {
    return real_.increase(intent_id, amount);
  }
  Result<Intent> intent(std::string_view intent_id) override { return real_.intent(intent_id); }
  Result<std::vector<Intent>> intents_of_order(std::string_view order_id) override {
    return real_.intents_of_order(order_id);
  }

 private:
  Payments& real_;
  std::function<void()> then_;
};

}  // namespace reskflow::payments::testing
