// The payments module's public interface: one payment intent per payer and order, authorized
// at placement and captured at delivery, refunds, and the providers behind them (a built-in test
// provider by default, Stripe's wire format by configuration). Captures and refunds post their
// ledger transactions in the same database transaction as the intent's change.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reskflow/core/errors.h"
#include "reskflow/ledger/ledger.h"
#include "reskflow/modules/module.h"
#include "reskflow/modules/money.h"

namespace reskflow::payments {

// An intent's lifecycle (Stripe's words where they exist):
//   requires_action  the provider asks the payer to complete a challenge (3-D Secure-like)
//   authorized       the amount is held on the payer's card
//   captured         taken (partially_refunded / refunded after refunds)
//   cancelled        the hold was released before capture
//   failed           declined; `decline_reason` says why in plain words
enum class IntentStatus {
  requires_action,
  authorized,
  captured,
  partially_refunded,
  refunded,
  cancelled,
  failed,
};

// The status's name in the API and in events ("requires_action", "authorized", ...).
std::string_view status_name(IntentStatus status);

struct Intent {
  std::string id;
  std::string order_id;
  std::string payer_user_id;
  std::string merchant_id;
  IntentStatus status = IntentStatus::failed;
  modules::Money amount;       // authorized
  modules::Money captured;     // zero until captured
  modules::Money refunded;     // zero until refunded
  std::string decline_reason;  // plain words when failed
  std::string challenge_url;   // where the payer completes the challenge when requires_action
  std::int64_t created_at_us = 0;
  std::int64_t updated_at_us = 0;
};

struct AuthorizeRequest {
  std::string order_id;
  std::string payer_user_id;
  std::string merchant_id;
  modules::Money amount;
  // What the payer pays with: a test card number for the test provider, a PaymentMethod id for
  // Stripe.
  std::string payment_method;
};

// How a capture is shared out in the ledger; the parts sum to the captured amount.
struct Settlement {
  modules::Money merchant;  // merchant_payable of the intent's merchant
  modules::Money platform;  // fees the platform keeps (delivery, service, small order)
  modules::Money tax;       // tax_payable
  modules::Money tip;       // tips_payable
};

// Who gives a refund back in the ledger (docs/payments.md, "Who pays a refund").
enum class RefundFunding {
  shared,          // merchant and tax in proportion to what is left of them, the platform the rest
  merchant_first,  // the merchant's part first (a merchant's own refund), then shared
};

// Thread-safe; blocking (call from the worker pool). Every call is safe to retry.
class Payments {
 public:
  virtual ~Payments() = default;

  // Asks the provider to hold the amount. One intent per (order, payer): authorizing again
  // returns the existing intent, so a retry after a crash or a timeout never holds twice.
  // payment_declined with the reason when the provider refuses; the intent is then failed.
  virtual Result<Intent> authorize(const AuthorizeRequest& request) = 0;

  // Whether authorize_in can take `payment_method`: the built-in test provider keeps its book of
  // charges in our database, so its charge can commit with the caller's writes. An outside
  // processor (Stripe, the stablecoin provider) cannot: call authorize() before the transaction.
  virtual bool authorizes_in_transaction(std::string_view /*payment_method*/) const {
    return false;
  }
  // authorize() of a new order's payment inside the caller's transaction: the provider's
  // charge, the intent and its event commit with the caller's writes or not at all. A declined
  // card gives the failed intent, not an error, for the caller to commit without its own writes
  // (decline_error() says why). conflict when the order and payer have an intent already;
  // invalid_transition unless authorizes_in_transaction(request.payment_method).
  virtual Result<Intent> authorize_in(store::Transaction& /*tx*/,
                                      const AuthorizeRequest& /*request*/) {
    return fail(ErrorCode::invalid_transition,
                "this payment cannot be authorized in a transaction");
  }

  // Takes `amount` (at most what is authorized) and posts the settlement to the ledger in the
  // same transaction. invalid_transition unless the intent is authorized.
  virtual Result<Intent> capture(std::string_view intent_id, const modules::Money& amount,
                                 const Settlement& settlement) = 0;

  // Gives back up to what was captured (partial refunds add up); a refund of an authorized
  // intent releases the hold instead. `reason` goes to the ledger and the audit.
  virtual Result<Intent> refund(std::string_view intent_id, const modules::Money& amount,
                                std::string_view reason) = 0;
  // As refund, but the merchant's part of the capture gives the money back first: a merchant's
  // own refund of a captured intent. invalid_transition unless captured.
  virtual Result<Intent> refund_from_merchant(std::string_view intent_id,
                                              const modules::Money& amount,
                                              std::string_view reason) = 0;

  // Releases an authorized or requires_action intent. invalid_transition once captured.
  virtual Result<Intent> cancel(std::string_view intent_id) = 0;

  // Raises the hold of an authorized intent to `amount` (an order that grew); an amount at most
  // what is held changes nothing (a hold shrinks only at capture). payment_declined with the
  // reason when the card or the processor refuses, the hold staying as it was;
  // invalid_transition unless the intent is authorized.
  virtual Result<Intent> increase(std::string_view intent_id, const modules::Money& amount) = 0;

  virtual Result<Intent> intent(std::string_view intent_id) = 0;
  // The order's intents, one per payer (a split group order has several).
  virtual Result<std::vector<Intent>> intents_of_order(std::string_view order_id) = 0;
};

class PaymentsModule : public modules::Module {
 public:
  virtual Payments& payments() = 0;
};

// The public interfaces payments needs.
struct Deps {
  ledger::Ledger& ledger;  // captures and refunds as balanced transactions
};

// payment_declined naming a failed intent and why: what authorize() answers for a declined card.
Error decline_error(const Intent& intent);

// `reskflow ledger check`, payments' part: every captured intent has its capture posted, with
// processor_clearing debited by what was captured and the merchant, driver, platform, tax and
// tips credits adding up to it; what was refunded matches the refunds recorded and never exceeds
// the capture; no intent that was never captured moved money; no order and payer has two
// intents (charged twice). One violation per finding, in the ledger's words.
Result<std::vector<ledger::Violation>> check(store::Database& database);

// The order's intents, one per payer, inside the caller's transaction: what orders' part of
// `reskflow ledger check` compares with the order's state.
Result<std::vector<Intent>> intents_of_order(store::Transaction& tx, std::string_view order_id);

// Migrations of the payments tables (tests, and verbs that run without the full platform).
store::MigrationSet migrations();

// Fails when a RESKFLOW_PAYMENTS_* setting is malformed or unknown.
Result<std::unique_ptr<PaymentsModule>> make_module(const modules::Platform& platform, Deps deps);

}  // namespace reskflow::payments
