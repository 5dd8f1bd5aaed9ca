// A fake of payments::Payments for other modules' tests: intents kept in memory with the
// lifecycle and refusals the interface promises, card numbers that decline or ask for a
// challenge, and failures a test can inject.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "reskflow/payments/payments.h"

namespace reskflow::payments::testing {

// The test provider's documented cards (docs/payments.md): any other number is authorized.
inline constexpr std::string_view card_declined = "4000000000000002";
inline constexpr std::string_view card_insufficient_funds = "4000000000009995";
inline constexpr std::string_view card_challenge = "4000000000003220";

// Thread-safe. Settlements of captures are kept so a test can check the shares.
class FakePayments final : public Payments {
 public:
  // The next call of any kind fails with `error` (a provider timeout, say) and changes nothing.
  void fail_next(Error error);
  // The next refund (and only it) fails with `error`, giving nothing back.
  void fail_next_refund(Error error);
  // Runs once, inside the next authorize, before it answers: what other clients do while the
  // provider thinks (another order takes the last item, say).
  void during_next_authorize(std::function<void()> action);
  // What a capture posted for the intent; nullopt before it is captured.
  std::optional<Settlement> settlement(std::string_view intent_id) const;
  std::int64_t authorizations() const;  // calls of authorize that created an intent
  // The payer answers the challenge of an intent that requires_action: right (authorized) or
  // wrong for the last time (failed).
  Result<Intent> complete_challenge(std::string_view intent_id, bool passed);

  Result<Intent> authorize(const AuthorizeRequest& request) override;
  Result<Intent> capture(std::string_view intent_id, const modules::Money& amount,
                         const Settlement& settlement) override;
  Result<Intent> refund(std::string_view intent_id, const modules::Money& amount,
                        std::string_view reason) override;
  Result<Intent> refund_from_merchant(std::string_view intent_id, const modules::Money& amount,
                                      std::string_view reason) override;
  // What refunds of the intent gave back from the merchant's part first.
  modules::Money refunded_from_merchant(std::string_view intent_id) const;
  Result<Intent> cancel(std::string_view intent_id) override;
  Result<Intent> increase(std::string_view intent_id, const modules::Money& amount) override;
  Result<Intent> intent(std::string_view intent_id) override;
  Result<std::vector<Intent>> intents_of_order(std::string_view order_id) override;

 private:
  Status injected_locked();
  Result<Intent*> find_locked(std::string_view intent_id);
  Result<Intent> refund_locked(std::string_view intent_id, const modules::Money& amount,
                               std::string_view reason, bool from_merchant);

  mutable std::mutex mutex_;
  std::map<std::string, Intent, std::less<>> intents_;
  std::map<std::string, Settlement, std::less<>> settlements_;
  // Refunds done, by intent, amount and reason (a retry gives nothing back twice).
  std::set<std::string, std::less<>> refunds_;
  std::map<std::string, modules::Money, std::less<>> from_merchant_;
  std::optional<Error> next_failure_;
  std::optional<Error> next_refund_failure_;
  std::function<void()> during_authorize_;
  std::int64_t sequence_ = 0;
  std::int64_t authorizations_ = 0;
};

}  // namespace reskflow::payments::testing
