// A card processor on loopback speaking Stripe's wire format as far as the payments adapter uses
// it (manual-capture PaymentIntents, the 3-D Secure challenge step with its webhook, incremental
// authorizations, captures, cancels, refunds, Idempotency-Key replays), which
// injects faults drawn from a seed: outages, answers lost after the work was done, and timeouts.
// The n-th request meets the same fault for the same seed.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace reskflow::testing {

class StripeServer {
 public:
  static constexpr std::string_view secret_key = "sk_test_simulation";
  static constexpr std::string_view declined_card = "pm_card_chargeDeclined";
  // A PaymentIntent created with it asks for a challenge (requires_action, with a redirect URL).
  static constexpr std::string_view challenge_card = "pm_card_threeDSecure2Required";

  enum class Fault {
    none,
    outage,       // 500 api_error before anything is done
    lost_answer,  // done, then the connection closes without an answer
    timeout,      // done, and the answer never comes: the adapter gives up
  };

  // Chances out of 1000 per request; a key's third and later requests never fail, so a client
  // that retries with the same key always gets through.
  struct Odds {
    int outage_permille = 0;
    int lost_answer_permille = 0;
    int timeout_permille = 0;
  };

  struct Intent {
    std::string id;
    std::string description;  // "order <id>", as the adapter sends it
    std::string status;       // requires_capture, succeeded, canceled, requires_payment_method
    std::int64_t amount = 0;
    std::int64_t amount_received = 0;
    std::int64_t amount_refunded = 0;
    int captures = 0;  // successful capture calls (a replay is not one)
  };

  struct Counts {
    int requests = 0;
    int outages = 0;
    int lost_answers = 0;
    int timeouts = 0;
  };

  StripeServer(std::uint64_t seed, Odds odds);
  ~StripeServer();
  StripeServer(const StripeServer&) = delete;
  StripeServer& operator=(const StripeServer&) = delete;

  std::string base_url() const;
  std::vector<Intent> intents() const;
  Counts counts() const;
  // The payer answered the challenge of a requires_action PaymentIntent: it becomes
  // requires_capture (passed) or requires_payment_method. Returns the webhook event Stripe sends
  // about it (payment_intent.amount_capturable_updated or .payment_failed), unsigned; empty when
  // the PaymentIntent does not wait for a challenge.
  std::string complete_challenge(const std::string& intent_id, bool passed);

  struct Answer {
    int status = 200;
    std::string body;
  };
  struct State;

 private:
  void accept_loop();

  std::unique_ptr<State> state_;
  std::thread acceptor_;
};

}  // namespace reskflow::testing
