// The in-memory payment intents of FakePayments, with the rules payments.h promises.
#include "fake_payments.h"

#include <utility>

namespace reskflow::payments::testing {
namespace {

std::string_view decline_of(std::string_view card) {
  if (card == card_declined) return "the card was declined";
  if (card == card_insufficient_funds) return "the card has insufficient funds";
  return {};
}

Result<modules::Money> settled_sum(const Settlement& s) {
  return modules::sum_of(s.merchant.currency, {s.merchant, s.platform, s.tax, s.tip});
}

}  // namespace

void FakePayments::fail_next(Error error) {
  const std::lock_guard lock(mutex_);
  next_failure_ = std::move(error);
}

void FakePayments::during_next_authorize(std::function<void()> action) {
  const std::lock_guard lock(mutex_);
  during_authorize_ = std::move(action);
}

std::optional<Settlement> FakePayments::settlement(std::string_view intent_id) const {
  const std::lock_guard lock(mutex_);
  const auto it = settlements_.find(intent_id);
  if (it == settlements_.end()) return std::nullopt;
  return it->second;
}

std::int64_t FakePayments::authorizations() const {
  const std::lock_guard lock(mutex_);
  return authorizations_;
}

void FakePayments::fail_next_refund(Error error) {
  const std::lock_guard lock(mutex_);
  next_refund_failure_ = std::move(error);
}

Status FakePayments::injected_locked() {
  if (!next_failure_) return {};
  auto error = std::move(*next_failure_);
  next_failure_.reset();
  return std::unexpected(std::move(error));
}

Result<Intent*> FakePayments::find_locked(std::string_view intent_id) {
  const auto it = intents_.find(intent_id);
  if (it == intents_.end()) return fail(ErrorCode::not_found, "no such payment intent");
  return &it->second;
}

Result<Intent> FakePayments::authorize(const AuthorizeRequest& request) {
  std::function<void()> during;
  {
    const std::lock_guard lock(mutex_);
    during.swap(during_authorize_);
  }
  if (during) during();
  const std::lock_guard lock(mutex_);
  RF_TRY(injected, injected_locked());
  // One intent per order and payer: a failed or cancelled one is authorized again in place.
  std::string again;
  for (const auto& [id, existing] : intents_) {
    if (existing.order_id != request.order_id || existing.payer_user_id != request.payer_user_id)
      continue;
    if (existing.status != IntentStatus::failed && existing.status != IntentStatus::cancelled)
      return existing;
    again = id;
  }
  if (request.amount.amount_minor <= 0)
    return fail(ErrorCode::validation_failed, "the amount must be positive");
  Intent intent{again.empty() ? "pi_" + std::to_string(++sequence_) : again,
                request.order_id,
                request.payer_user_id,
                request.merchant_id,
                IntentStatus::authorized,
                request.amount,
                {0, request.amount.currency},
                {0, request.amount.currency}};
  const auto decline = decline_of(request.payment_method);
  if (!decline.empty()) {
    intent.status = IntentStatus::failed;
    intent.decline_reason = std::string(decline);
  } else if (request.payment_method == card_challenge) {
    intent.status = IntentStatus::requires_action;
    intent.challenge_url = "/v1/payments/intents/" + intent.id + "/challenge";
  }
  ++authorizations_;
  intents_[intent.id] = intent;
  if (!decline.empty()) return fail(ErrorCode::payment_declined, std::string(decline));
  return intent;
}

Result<Intent> FakePayments::complete_challenge(std::string_view intent_id, bool passed) {
  const std::lock_guard lock(mutex_);
  RF_TRY(intent, find_locked(intent_id));
  if ((*intent)->status != IntentStatus::requires_action)
    return fail(ErrorCode::invalid_transition, "only an intent waiting for a challenge");
  (*intent)->status = passed ? IntentStatus::authorized : IntentStatus::failed;
  (*intent)->challenge_url.clear();
  if (!passed) (*intent)->decline_reason = "The card's verification failed.";
  return **intent;
}

Result<Intent> FakePayments::capture(std::string_view intent_id, const modules::Money& amount,
                                     const Settlement& settlement) {
  const std::lock_guard lock(mutex_);
  RF_TRY(injected, injected_locked());
  RF_TRY(intent, find_locked(intent_id));
  if ((*intent)->status != IntentStatus::authorized)
    return fail(ErrorCode::invalid_transition, "only an authorized intent can be captured");
  RF_TRY(parts, settled_sum(settlement));
  if (amount.currency != (*intent)->amount.currency || amount.amount_minor <= 0 ||
      amount.amount_minor > (*intent)->amount.amount_minor || *parts != amount)
    return fail(ErrorCode::validation_failed,
                "the capture must be positive, at most what is authorized, and its shares must "
                "add up to it");
  (*intent)->status = IntentStatus::captured;
  (*intent)->captured = amount;
  settlements_[std::string(intent_id)] = settlement;
  return **intent;
}

Result<Intent> FakePayments::refund(std::string_view intent_id, const modules::Money& amount,
                                    std::string_view reason) {
  const std::lock_guard lock(mutex_);
  return refund_locked(intent_id, amount, reason, false);
}

Result<Intent> FakePayments::refund_from_merchant(std::string_view intent_id,
                                                  const modules::Money& amount,
                                                  std::string_view reason) {
  const std::lock_guard lock(mutex_);
  return refund_locked(intent_id, amount, reason, true);
}

modules::Money FakePayments::refunded_from_merchant(std::string_view intent_id) const {
  const std::lock_guard lock(mutex_);
  const auto found = from_merchant_.find(intent_id);
  return found == from_merchant_.end() ? modules::Money{} : found->second;
}

Result<Intent> FakePayments::refund_locked(std::string_view intent_id, const modules::Money& amount,
                                           std::string_view reason, bool from_merchant) {
  RF_TRY(injected, injected_locked());
  if (auto failure = std::exchange(next_refund_failure_, std::nullopt))
    return std::unexpected(std::move(*failure));
  RF_TRY(intent, find_locked(intent_id));
  auto& i = **intent;
  const auto key = std::string(intent_id) + ":" + std::to_string(amount.amount_minor) + ":" +
                   std::string(reason);
  if (refunds_.contains(key)) return i;
  if (i.status == IntentStatus::authorized && !from_merchant) {
    i.status = IntentStatus::cancelled;
    return i;
  }
  if (i.status != IntentStatus::captured && i.status != IntentStatus::partially_refunded)
    return fail(ErrorCode::invalid_transition, "nothing was captured to refund");
  RF_TRY(refunded, modules::add(i.refunded, amount));
  if (amount.amount_minor <= 0 || refunded->amount_minor > i.captured.amount_minor)
    return fail(ErrorCode::validation_failed, "a refund must be positive and at most what is left");
  i.refunded = *refunded;
  i.status = i.refunded == i.captured ? IntentStatus::refunded : IntentStatus::partially_refunded;
  refunds_.insert(key);
  if (from_merchant) {
    auto& merchant = from_merchant_[std::string(intent_id)];
    if (merchant.currency.empty()) merchant.currency = amount.currency;
    RF_TRY(sum, modules::add(merchant, amount));
    merchant = std::move(*sum);
  }
  return i;
}

Result<Intent> FakePayments::cancel(std::string_view intent_id) {
  const std::lock_guard lock(mutex_);
  RF_TRY(injected, injected_locked());
  RF_TRY(intent, find_locked(intent_id));
  auto& i = **intent;
  if (i.status == IntentStatus::cancelled) return i;
  if (i.status != IntentStatus::authorized && i.status != IntentStatus::requires_action)
    return fail(ErrorCode::invalid_transition, "only a held payment can be released");
  i.status = IntentStatus::cancelled;
  return i;
}

Result<Intent> FakePayments::increase(std::string_view intent_id, const modules::Money& amount) {
  const std::lock_guard lock(mutex_);
  RF_TRY(injected, injected_locked());
  RF_TRY(intent, find_locked(intent_id));
  auto& i = **intent;
  if (i.status != IntentStatus::authorized)
    return fail(ErrorCode::invalid_transition, "only an authorized payment can hold more");
  if (amount.currency != i.amount.currency)
    return fail(ErrorCode::validation_failed, "the amount is in another currency");
  if (amount.amount_minor > i.amount.amount_minor) i.amount = amount;
  return i;
}

Result<Intent> FakePayments::intent(std::string_view intent_id) {
  const std::lock_guard lock(mutex_);
  RF_TRY(injected, injected_locked());
  RF_TRY(found, find_locked(intent_id));
  return **found;
}

Result<std::vector<Intent>> FakePayments::intents_of_order(std::string_view order_id) {
  const std::lock_guard lock(mutex_);
  RF_TRY(injected, injected_locked());
  std::vector<Intent> out;
  for (const auto& [id, i] : intents_) {
    if (i.order_id == order_id) out.push_back(i);
  }
  return out;
}

}  // namespace reskflow::payments::testing
