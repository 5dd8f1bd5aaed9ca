// Authorizing intents (one per order and payer) and reading them.
#include "service.h"

#include <array>

#include "changes.h"
#include "crypto_provider.h"
#include "repository.h"

namespace reskflow::payments {
namespace {

constexpr std::array<std::pair<IntentStatus, std::string_view>, 7> status_names{{
    {IntentStatus::requires_action, "requires_action"},
    {IntentStatus::authorized, "authorized"},
    {IntentStatus::captured, "captured"},
    {IntentStatus::partially_refunded, "partially_refunded"},
    {IntentStatus::refunded, "refunded"},
    {IntentStatus::cancelled, "cancelled"},
    {IntentStatus::failed, "failed"},
}};

Status validate_authorize(const AuthorizeRequest& r) {
  std::vector<FieldError> errors;
  const auto id_field = [&](std::string_view name, const std::string& value) {
    if (value.empty() || value.size() > id_bytes_max)
      errors.push_back({std::string(name), "must be 1 to 100 bytes"});
  };
  id_field("order_id", r.order_id);
  id_field("payer_user_id", r.payer_user_id);
  id_field("merchant_id", r.merchant_id);
  if (!modules::valid_currency(r.amount.currency))
    errors.push_back({"amount.currency", "must be an ISO 4217 code"});
  if (r.amount.amount_minor <= 0) errors.push_back({"amount", "must be positive"});
  if (r.payment_method.empty() || r.payment_method.size() > payment_method_bytes_max)
    errors.push_back({"payment_method", "must be 1 to 100 bytes"});
  if (errors.empty()) return {};
  return fail(ErrorCode::validation_failed, "the payment request is malformed", std::move(errors));
}

// An authorization may be tried again once the last one failed or was released.
bool may_authorize_again(IntentStatus status) {
  return status == IntentStatus::failed || status == IntentStatus::cancelled;
}

std::unexpected<Error> declined(const Intent& intent) {
  return std::unexpected(decline_error(intent));
}

// The commit channel an authorization in a caller's transaction is counted on, per status.
std::string counted_channel(IntentStatus status) {
  return "payments.authorized_in_transaction." + std::string(status_name(status));
}

IntentStatus status_of(ChargeStatus status) {
  switch (status) {
    case ChargeStatus::authorized: return IntentStatus::authorized;
    case ChargeStatus::requires_action: return IntentStatus::requires_action;
    case ChargeStatus::declined: return IntentStatus::failed;
  }
  return IntentStatus::failed;
}

}  // namespace

Error decline_error(const Intent& intent) {
  return {ErrorCode::payment_declined,
          intent.decline_reason,
          {},
          {{"intent_id", intent.id}, {"decline_reason", intent.decline_reason}}};
}

std::string_view status_name(IntentStatus status) {
  for (const auto& [s, name] : status_names) {
    if (s == status) return name;
  }
  return "failed";
}

std::optional<IntentStatus> parse_status(std::string_view name) {
  for (const auto& [s, n] : status_names) {
    if (n == name) return s;
  }
  return std::nullopt;
}

Service::Service(store::Database& database, ledger::Ledger& ledger, Provider& provider,
                 PaymentsMetrics& metrics, modules::Clock clock, Provider* crypto)
    : database_(database),
      ledger_(ledger),
      provider_(provider),
      crypto_(crypto),
      metrics_(metrics),
      clock_(std::move(clock)) {
  for (auto [status, counter] :
       {std::pair{IntentStatus::authorized, &metrics_.authorized},
        std::pair{IntentStatus::requires_action, &metrics_.requires_action},
        std::pair{IntentStatus::failed, &metrics_.failed}}) {
    counted_on_commit_.push_back(
        database_.on_commit(counted_channel(status), [counter] { counter->inc(); }));
  }
}

Provider& Service::provider_of(const StoredIntent& stored) {
  if (crypto_ != nullptr && stored.provider == crypto_->name()) return *crypto_;
  return provider_;
}

Result<Intent> Service::authorize(const AuthorizeRequest& request) {
  if (auto ok = validate_authorize(request); !ok) return std::unexpected(ok.error());
  auto existing = database_.read([&](store::Transaction& tx) {
    return repository::intent_of(tx, request.order_id, request.payer_user_id);
  });
  if (!existing) return std::unexpected(existing.error());
  if (*existing && !may_authorize_again((*existing)->intent.status)) {
    const auto& intent = (*existing)->intent;
    if (intent.amount != request.amount || intent.merchant_id != request.merchant_id)
      return fail(ErrorCode::conflict, "the order already has a payment of " +
                                           modules::money_text(intent.amount) + " by this payer");
    return intent;  // a retry
  }
  const auto attempt = *existing ? (*existing)->attempts : 0;
  const ChargeRequest charge_request{
      request.amount, request.payment_method,
      "authorize:" + request.order_id + ":" + request.payer_user_id + ":" + std::to_string(attempt),
      "order " + request.order_id};
  const bool stablecoin = request.payment_method == crypto::payment_method;
  if (stablecoin && crypto_ == nullptr)
    return fail(ErrorCode::validation_failed, "this deployment takes no stablecoin payments",
                {{"payment_method", "stablecoin payments are not set up here"}});
  auto& provider = stablecoin ? *crypto_ : provider_;
  auto charge = provider.authorize(charge_request);
  if (!charge) {
    metrics_.provider_errors.inc();
    return std::unexpected(charge.error());
  }
  auto intent = record_authorization(request, *existing, *charge, provider);
  if (!intent) return intent;
  if (intent->status == IntentStatus::failed) return declined(*intent);
  return intent;
}

bool Service::authorizes_in_transaction(std::string_view payment_method) const {
  return payment_method != crypto::payment_method && provider_.in_database();
}

Result<Intent> Service::authorize_in(store::Transaction& tx, const AuthorizeRequest& request) {
  if (auto ok = validate_authorize(request); !ok) return std::unexpected(ok.error());
  if (!authorizes_in_transaction(request.payment_method))
    return fail(ErrorCode::invalid_transition,
                "this payment cannot be authorized in a transaction");
  // A new order's first attempt: the key authorize() would use for it.
  const ChargeRequest charge_request{
      request.amount, request.payment_method,
      "authorize:" + request.order_id + ":" + request.payer_user_id + ":0",
      "order " + request.order_id};
  auto charge = provider_.authorize_in(tx, charge_request);
  if (!charge) {
    metrics_.provider_errors.inc();
    return std::unexpected(charge.error());
  }
  const auto s = charged(request, std::nullopt, *charge, provider_);
  RF_TRY(inserted, write_new(tx, s));
  if (!*inserted) return fail(ErrorCode::conflict, "the order already has a payment by this payer");
  tx.notify_after_commit(counted_channel(s.intent.status));
  return s.intent;
}

StoredIntent Service::charged(const AuthorizeRequest& request,
                              const std::optional<StoredIntent>& existing, const Charge& charge,
                              const Provider& provider) {
  const auto now = clock_();
  StoredIntent s = existing.value_or(StoredIntent{});
  auto& i = s.intent;
  if (!existing) {
    i = {ids_.next_string(),
         request.order_id,
         request.payer_user_id,
         request.merchant_id,
         IntentStatus::failed,
         request.amount,
         {},
         {},
         {},
         {},
         now,
         now};
  }
  s.provider = std::string(provider.name());
  const modules::Money zero{0, request.amount.currency};
  i.amount = request.amount;
  i.merchant_id = request.merchant_id;
  i.captured = i.refunded = zero;
  s.settlement = {zero, zero, zero, zero};
  i.status = status_of(charge.status);
  i.decline_reason = charge.decline_reason;
  i.challenge_url = i.status != IntentStatus::requires_action ? std::string()
                    : charge.challenge_url.empty() ? "/v1/payments/" + i.id + "/challenge"
                                                   : charge.challenge_url;
  i.updated_at_us = now;
  s.provider_ref = charge.reference;
  s.attempts += 1;
  return s;
}

Result<Intent> Service::record_authorization(const AuthorizeRequest& request,
                                             const std::optional<StoredIntent>& existing,
                                             const Charge& charge, const Provider& provider) {
  auto s = charged(request, existing, charge, provider);
  const auto& i = s.intent;
  bool won_race = false;
  auto written = database_.write([&](store::Transaction& tx) -> Result<std::optional<Intent>> {
    RF_TRY(won, existing ? write_change(tx, s) : write_new(tx, s));
    won_race = *won;
    if (*won) return std::optional<Intent>{i};
    metrics_.lost_races.inc();
    RF_TRY(winner, repository::intent_of(tx, request.order_id, request.payer_user_id));
    return std::optional<Intent>{(*winner)->intent};
  });
  if (!written) return std::unexpected(written.error());
  if (won_race) {
    auto& counter = i.status == IntentStatus::authorized        ? metrics_.authorized
                    : i.status == IntentStatus::requires_action ? metrics_.requires_action
                                                                : metrics_.failed;
    counter.inc();
  }
  return std::move(**written);
}

Result<StoredIntent> Service::load(std::string_view intent_id) {
  auto found =
      database_.read([&](store::Transaction& tx) { return repository::intent(tx, intent_id); });
  if (!found) return std::unexpected(found.error());
  if (!*found) return no_such_intent();
  return std::move(**found);
}

Result<Intent> Service::intent(std::string_view intent_id) {
  RF_TRY(stored, load(intent_id));
  return stored->intent;
}

Result<std::vector<Intent>> Service::intents_of_order(std::string_view order_id) {
  auto found = database_.read(
      [&](store::Transaction& tx) { return repository::intents_of_order(tx, order_id); });
  if (!found) return std::unexpected(found.error());
  std::vector<Intent> out;
  for (auto& s : *found) out.push_back(std::move(s.intent));
  return out;
}

Result<Intent> Service::intent_for(std::string_view intent_id, const Caller& caller) {
  RF_TRY(stored, stored_for(intent_id, caller));
  return stored->intent;
}

Result<StoredIntent> Service::stored_for(std::string_view intent_id, const Caller& caller) {
  RF_TRY(stored, load(intent_id));
  if (!caller.admin && stored->intent.payer_user_id != caller.user_id) return no_such_intent();
  return stored;
}

}  // namespace reskflow::payments
