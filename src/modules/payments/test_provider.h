// The built-in test provider: a card processor that lives in the database, answering the
// documented test cards (close to Stripe's) so that the embedded default can take payments with
// no outside service. It keeps its own book of charges, apart from the intents, as a real
// processor would.
#pragma once

#include <string_view>

#include "provider.h"
#include "reskflow/modules/clock.h"
#include "reskflow/store/database.h"
#include "reskflow/store/uuid.h"

namespace reskflow::payments {

namespace test_cards {
inline constexpr std::string_view success = "4242424242424242";
inline constexpr std::string_view declined = "4000000000000002";
inline constexpr std::string_view insufficient_funds = "4000000000009995";
inline constexpr std::string_view challenge = "4000002760003184";
inline constexpr std::string_view processing_error = "4000000000000119";
}  // namespace test_cards

inline constexpr std::int64_t challenge_failures_max = 3;

class TestProvider final : public Provider {
 public:
  TestProvider(store::Database& database, modules::Clock clock);

  std::string_view name() const override { return "test"; }
  Result<Charge> authorize(const ChargeRequest& request) override;
  bool in_database() const override { return true; }
  Result<Charge> authorize_in(store::Transaction& tx, const ChargeRequest& request) override;
  Result<std::string> challenge_code(std::string_view reference) override;
  Result<Charge> complete_challenge(std::string_view reference, std::string_view code) override;
  Status capture(std::string_view reference, const modules::Money& amount,
                 std::string_view idempotency_key) override;
  Status refund(std::string_view reference, const modules::Money& amount,
                std::string_view idempotency_key) override;
  Status cancel(std::string_view reference, std::string_view idempotency_key) override;
  Result<Charge> increment(std::string_view reference, const modules::Money& amount,
                           std::string_view idempotency_key) override;

 private:
  store::Database& database_;
  modules::Clock clock_;
  store::UuidV7Generator ids_;
};

}  // namespace reskflow::payments
