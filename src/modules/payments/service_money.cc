// Capture, refund and cancel: the provider is called first with a key derived from the intent
// (so a retry reaches the same charge), then the intent, its ledger transaction and its event
// are written in one transaction that re-reads the intent and stops if a retry came first.
#include <openssl/evp.h>

#include "changes.h"
#include "repository.h"
#include "service.h"
#include "settlement.h"

namespace reskflow::payments {
namespace {

Status validate_amount(const Intent& intent, const modules::Money& amount,
                       const modules::Money& most, std::string_view what) {
  if (amount.currency != intent.amount.currency)
    return fail(ErrorCode::validation_failed, "the amount is in another currency",
                {{"amount", "must be in " + intent.amount.currency}});
  if (amount.amount_minor <= 0 || amount.amount_minor > most.amount_minor)
    return fail(ErrorCode::validation_failed,
                "the amount must be more than zero and at most the " + modules::money_text(most) +
                    " " + std::string(what),
                {{"amount", "must be from 1 to " + std::to_string(most.amount_minor)}});
  return {};
}

// A short stable digest of a refund's reason, for the provider's idempotency key.
std::string digest_of(std::string_view text) {
  unsigned char hash[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(text.data(), text.size(), hash, &size, EVP_sha256(), nullptr);
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < 12 && i < size; ++i) {
    out.push_back(hex[hash[i] >> 4U]);
    out.push_back(hex[hash[i] & 15U]);
  }
  return out;
}

Result<StoredIntent> reread(store::Transaction& tx, std::string_view id) {
  RF_TRY(found, repository::intent(tx, id));
  if (!*found) return no_such_intent();
  return std::move(**found);
}

// What the intent's refunds gave back so far, part by part, read from their ledger entries
// (merchant_payable, tax_payable, and the platform's `refunds` as `platform`).
Result<Settlement> refunded_parts(store::Transaction& tx, const Intent& i) {
  const auto& currency = i.captured.currency;
  Settlement out{{0, currency}, {0, currency}, {0, currency}, {0, currency}};
  RF_TRY(ids, repository::posted_refunds(tx, i.id));
  for (const auto& id : *ids) {
    RF_TRY(entries, ledger::entries_of(tx, "payment:" + i.id + ":refund:" + id));
    for (const auto& e : *entries) {
      if (e.amount.currency != currency) continue;
      modules::Money* part = nullptr;
      if (e.account.kind == ledger::AccountKind::merchant_payable) part = &out.merchant;
      if (e.account.kind == ledger::AccountKind::tax_payable) part = &out.tax;
      if (e.account.kind == ledger::AccountKind::refunds) part = &out.platform;
      if (part == nullptr) continue;
      RF_TRY(sum, modules::add(*part, e.amount));
      *part = std::move(*sum);
    }
  }
  return out;
}

}  // namespace

bool is_captured(IntentStatus s) {
  return s == IntentStatus::captured || s == IntentStatus::partially_refunded ||
         s == IntentStatus::refunded;
}

Result<Intent> Service::capture(std::string_view intent_id, const modules::Money& amount,
                                const Settlement& settlement) {
  RF_TRY(stored, load(intent_id));
  const auto& i = stored->intent;
  if (is_captured(i.status) && i.captured == amount) return i;  // a retry
  if (i.status != IntentStatus::authorized)
    return wrong_status(i, "only an authorized one can be captured");
  if (auto ok = validate_amount(i, amount, i.amount, "authorized"); !ok)
    return std::unexpected(ok.error());
  if (auto ok = validate_settlement(amount, settlement); !ok) return std::unexpected(ok.error());
  if (auto ok = provider_of(*stored).capture(
          stored->provider_ref, amount, "capture:" + i.id + ":" + std::to_string(stored->attempts));
      !ok) {
    metrics_.provider_errors.inc();
    return std::unexpected(ok.error());
  }
  return write_capture(*stored, amount, settlement);
}

Result<Intent> Service::write_capture(const StoredIntent& before, const modules::Money& amount,
                                      const Settlement& settlement) {
  return database_.write([&](store::Transaction& tx) -> Result<Intent> {
    RF_TRY(s, reread(tx, before.intent.id));
    auto& i = s->intent;
    if (is_captured(i.status) && i.captured == amount) {
      metrics_.lost_races.inc();
      return i;
    }
    if (i.status != IntentStatus::authorized)
      return wrong_status(i, "only an authorized one can be captured");
    i.status = IntentStatus::captured;
    i.captured = amount;
    i.updated_at_us = clock_();
    s->settlement = settlement;
    RF_TRY(transaction, capture_transaction(i, settlement));
    RF_TRY(posted, ledger_.post(tx, *transaction));
    RF_TRY(won, write_change(tx, *s));
    metrics_.captured.inc();
    return i;
  });
}

Result<Intent> Service::refund(std::string_view intent_id, const modules::Money& amount,
                               std::string_view reason, RefundFunding funding) {
  if (reason.empty() || reason.size() > reason_bytes_max)
    return fail(ErrorCode::validation_failed, "a refund needs a reason",
                {{"reason", "must be 1 to 200 bytes"}});
  // The intent and the refund read together, so a retry answers the intent as it is now.
  std::optional<Refund> done;
  auto stored = database_.read([&](store::Transaction& tx) -> Result<StoredIntent> {
    RF_TRY(s, reread(tx, intent_id));
    RF_TRY(found, repository::refund(tx, intent_id, amount, reason));
    done = std::move(*found);
    return std::move(*s);
  });
  if (!stored) return std::unexpected(stored.error());
  if (done) return stored->intent;  // a retry
  const auto& i = stored->intent;
  if (i.status == IntentStatus::authorized && funding == RefundFunding::shared)
    return release(*stored, amount, reason);
  if (i.status != IntentStatus::captured && i.status != IntentStatus::partially_refunded)
    return wrong_status(i, "only a captured or authorized one can be refunded");
  RF_TRY(left, modules::subtract(i.captured, i.refunded));
  if (auto ok = validate_amount(i, amount, *left, "left to refund"); !ok)
    return std::unexpected(ok.error());
  const auto key =
      "refund:" + i.id + ":" + std::to_string(amount.amount_minor) + ":" + digest_of(reason);
  if (auto ok = provider_of(*stored).refund(stored->provider_ref, amount, key); !ok) {
    metrics_.provider_errors.inc();
    return std::unexpected(ok.error());
  }
  return refund_captured(*stored, amount, reason, funding);
}

Result<Intent> Service::refund_captured(const StoredIntent& before, const modules::Money& amount,
                                        std::string_view reason, RefundFunding funding) {
  return database_.write([&](store::Transaction& tx) -> Result<Intent> {
    RF_TRY(s, reread(tx, before.intent.id));
    auto& i = s->intent;
    RF_TRY(done, repository::refund(tx, i.id, amount, reason));
    if (*done) {
      metrics_.lost_races.inc();
      return i;
    }
    RF_TRY(left, modules::subtract(i.captured, i.refunded));
    if (auto ok = validate_amount(i, amount, *left, "left to refund"); !ok)
      return std::unexpected(ok.error());
    const Refund refund{ids_.next_string(), i.id, amount, std::string(reason), {}, clock_()};
    RF_TRY(given_back, refunded_parts(tx, i));
    RF_TRY(parts, refund_parts(s->settlement, *given_back, amount, funding));
    RF_TRY(transaction, refund_transaction(i, *parts, amount, refund.id, refund.reason));
    RF_TRY(transaction_id, ledger_.post(tx, *transaction));
    RF_TRY(recorded, repository::insert_refund(tx, Refund{refund.id, i.id, amount, refund.reason,
                                                          *transaction_id, refund.created_at_us}));
    RF_TRY(refunded, modules::add(i.refunded, amount));
    i.refunded = *refunded;
    i.status = i.refunded == i.captured ? IntentStatus::refunded : IntentStatus::partially_refunded;
    i.updated_at_us = refund.created_at_us;
    RF_TRY(won, write_change(tx, *s));
    metrics_.refunded.inc();
    return i;
  });
}

// A refund before capture gives back part of the hold (captured later for less), or all of it
// (the intent is cancelled).
Result<Intent> Service::release(const StoredIntent& stored, const modules::Money& amount,
                                std::string_view reason) {
  const auto& i = stored.intent;
  if (auto ok = validate_amount(i, amount, i.amount, "authorized"); !ok)
    return std::unexpected(ok.error());
  const bool all = amount == i.amount;
  if (all) {
    if (auto ok = provider_of(stored).cancel(
            stored.provider_ref, "cancel:" + i.id + ":" + std::to_string(stored.attempts));
        !ok) {
      metrics_.provider_errors.inc();
      return std::unexpected(ok.error());
    }
  }
  return database_.write([&](store::Transaction& tx) -> Result<Intent> {
    RF_TRY(s, reread(tx, i.id));
    auto& now = s->intent;
    RF_TRY(done, repository::refund(tx, i.id, amount, reason));
    if (*done) return now;
    if (now.status != IntentStatus::authorized)
      return wrong_status(now, "only a captured or authorized one can be refunded");
    const Refund refund{ids_.next_string(), i.id, amount, std::string(reason), {}, clock_()};
    RF_TRY(recorded, repository::insert_refund(tx, refund));
    if (all) {
      now.status = IntentStatus::cancelled;
    } else {
      RF_TRY(left, modules::subtract(now.amount, amount));
      now.amount = std::move(*left);
    }
    now.updated_at_us = refund.created_at_us;
    RF_TRY(won, write_change(tx, *s));
    (all ? metrics_.cancelled : metrics_.refunded).inc();
    return now;
  });
}

Result<Intent> Service::cancel(std::string_view intent_id) {
  RF_TRY(stored, load(intent_id));
  const auto& i = stored->intent;
  if (i.status == IntentStatus::cancelled || i.status == IntentStatus::failed) return i;
  if (i.status != IntentStatus::authorized && i.status != IntentStatus::requires_action)
    return wrong_status(i, "a captured payment is refunded, not cancelled");
  if (auto ok = provider_of(*stored).cancel(
          stored->provider_ref, "cancel:" + i.id + ":" + std::to_string(stored->attempts));
      !ok) {
    metrics_.provider_errors.inc();
    return std::unexpected(ok.error());
  }
  return database_.write([&](store::Transaction& tx) -> Result<Intent> {
    RF_TRY(s, reread(tx, i.id));
    auto& now = s->intent;
    if (now.status == IntentStatus::cancelled) return now;
    if (now.status != IntentStatus::authorized && now.status != IntentStatus::requires_action)
      return wrong_status(now, "a captured payment is refunded, not cancelled");
    now.status = IntentStatus::cancelled;
    now.updated_at_us = clock_();
    RF_TRY(won, write_change(tx, *s));
    metrics_.cancelled.inc();
    return now;
  });
}

}  // namespace reskflow::payments
