// The payments rules on typed values: one intent per order and payer, the provider called
// outside any transaction with a key derived from the intent, and every change of an intent
// written with its ledger transaction and its event in one transaction. No HTTP, no JSON, no SQL.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "metrics.h"
#include "provider.h"
#include "reskflow/ledger/ledger.h"
#include "reskflow/modules/clock.h"
#include "reskflow/payments/payments.h"
#include "reskflow/store/uuid.h"

namespace reskflow::payments {

inline constexpr std::size_t id_bytes_max = 100;
inline constexpr std::size_t reason_bytes_max = 200;
inline constexpr std::size_t payment_method_bytes_max = 100;

std::optional<IntentStatus> parse_status(std::string_view name);
// Captured, whether or not refunded since.
bool is_captured(IntentStatus s);

// An intent with what only payments sees.
struct StoredIntent {
  Intent intent;
  Settlement settlement;  // zero until captured
  std::string provider;
  std::string provider_ref;
  std::int64_t attempts = 0;  // authorizations tried (a failed intent may be tried again)
  std::int64_t version = 0;   // every change increments it (compare-and-set)
};

struct Refund {
  std::string id;
  std::string intent_id;
  modules::Money amount;
  std::string reason;
  std::string transaction_id;  // empty for a released hold
  std::int64_t created_at_us = 0;
};

struct Caller {
  std::string user_id;
  bool admin = false;
};

// What the payer's challenge page shows.
struct Challenge {
  std::string intent_id;
  std::string code;  // the test provider's code the payer types back
};

class Service {
 public:
  // `crypto`, when set, takes the payments whose method is "stablecoin"; `provider` the others.
  Service(store::Database& database, ledger::Ledger& ledger, Provider& provider,
          PaymentsMetrics& metrics, modules::Clock clock, Provider* crypto = nullptr);

  Result<Intent> authorize(const AuthorizeRequest& request);
  bool authorizes_in_transaction(std::string_view payment_method) const;
  Result<Intent> authorize_in(store::Transaction& tx, const AuthorizeRequest& request);
  Result<Intent> capture(std::string_view intent_id, const modules::Money& amount,
                         const Settlement& settlement);
  Result<Intent> refund(std::string_view intent_id, const modules::Money& amount,
                        std::string_view reason, RefundFunding funding = RefundFunding::shared);
  Result<Intent> cancel(std::string_view intent_id);
  Result<Intent> increase(std::string_view intent_id, const modules::Money& amount);
  Result<Intent> intent(std::string_view intent_id);
  Result<std::vector<Intent>> intents_of_order(std::string_view order_id);

  // The payer's own intent, or an admin's view of any (not_found for others).
  Result<Intent> intent_for(std::string_view intent_id, const Caller& caller);
  Result<Challenge> challenge(std::string_view intent_id, const Caller& caller);
  Result<Intent> complete_challenge(std::string_view intent_id, const Caller& caller,
                                    std::string_view code);
  // A provider's news about a charge (a webhook): requires_action becomes authorized or failed.
  Result<std::optional<Intent>> apply_charge(const Charge& charge);
  // The payer's own intent with what payments keeps of it, or an admin's view of any.
  Result<StoredIntent> stored_for(std::string_view intent_id, const Caller& caller);
  // Counts a webhook refused for its signature.
  void webhook_refused() { metrics_.webhooks_refused.inc(); }

 private:
  Result<StoredIntent> load(std::string_view intent_id);
  // The provider that holds the intent's charge.
  Provider& provider_of(const StoredIntent& stored);
  // The intent `charge` makes of `existing` (or of a new one).
  StoredIntent charged(const AuthorizeRequest& request, const std::optional<StoredIntent>& existing,
                       const Charge& charge, const Provider& provider);
  Result<Intent> record_authorization(const AuthorizeRequest& request,
                                      const std::optional<StoredIntent>& existing,
                                      const Charge& charge, const Provider& provider);
  Result<Intent> write_capture(const StoredIntent& stored, const modules::Money& amount,
                               const Settlement& settlement);
  Result<Intent> refund_captured(const StoredIntent& stored, const modules::Money& amount,
                                 std::string_view reason, RefundFunding funding);
  Result<Intent> release(const StoredIntent& stored, const modules::Money& amount,
                         std::string_view reason);
  Result<Intent> settle_challenge(const StoredIntent& stored, const Charge& charge);

  store::Database& database_;
  ledger::Ledger& ledger_;
  Provider& provider_;
  Provider* crypto_;
  PaymentsMetrics& metrics_;
  modules::Clock clock_;
  store::UuidV7Generator ids_;
  // Authorizations made in a caller's transaction are counted once it commits.
  std::vector<store::CommitSubscription> counted_on_commit_;
};

}  // namespace reskflow::payments
