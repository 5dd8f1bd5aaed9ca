// The test provider's book of charges (payments_test_charges) and the operations already done
// on them (payments_test_operations), each call in its own transaction as an outside processor's
// would be: the same idempotency key always finds the first answer.
#include "test_provider.h"

#include <openssl/rand.h>

#include <cstdio>

namespace reskflow::payments {
namespace {

struct CardRule {
  std::string_view number;
  std::string_view status;
  std::string_view decline_reason;
};

constexpr std::string_view unknown_card_reason =
    "The test provider takes only its documented test cards (docs/payments.md).";

CardRule rule_of(std::string_view digits) {
  using namespace test_cards;
  for (const CardRule& r :
       {CardRule{success, "authorized", ""}, CardRule{challenge, "requires_action", ""},
        CardRule{declined, "declined", "Your card was declined."},
        CardRule{insufficient_funds, "declined", "Your card has insufficient funds."}}) {
    if (r.number == digits) return r;
  }
  return {digits, "declined", unknown_card_reason};
}

std::string digits_of(std::string_view card) {
  std::string out;
  for (const char c : card) {
    if (c >= '0' && c <= '9') out.push_back(c);
  }
  return out;
}

std::string random_code() {
  unsigned int value = 0;
  RAND_bytes(reinterpret_cast<unsigned char*>(&value), sizeof value);
  char code[8];
  std::snprintf(code, sizeof code, "%06u", value % 1'000'000U);
  return code;
}

ChargeStatus charge_status(std::string_view status) {
  return status == "requires_action" ? ChargeStatus::requires_action
         : status == "declined"      ? ChargeStatus::declined
                                     : ChargeStatus::authorized;
}

Charge charge_of(const store::Row& r) {
  return {r.text(0), charge_status(r.text_view(1)), r.text(2), {}};
}

constexpr std::string_view charge_columns = "id, status, decline_reason";

Result<store::Rows> charge_row(store::Transaction& tx, std::string_view reference) {
  RF_TRY(rows, tx.query("SELECT id, status, decline_reason, amount_minor, captured_minor, "
                        "refunded_minor, challenge_code, challenge_failures, currency FROM "
                        "payments_test_charges WHERE id = $1",
                        {std::string(reference)}));
  if (rows->empty()) return fail(ErrorCode::not_found, "the test provider has no such charge");
  return std::move(*rows);
}

// True when the operation under this key was done before (a retry).
Result<bool> done_before(store::Transaction& tx, std::string_view key) {
  RF_TRY(rows, tx.query("SELECT 1 FROM payments_test_operations WHERE idempotency_key = $1",
                        {std::string(key)}));
  return !rows->empty();
}

Status record(store::Transaction& tx, std::string_view key, std::string_view reference,
              std::string_view kind, std::int64_t amount_minor) {
  RF_TRY(n, tx.exec("INSERT INTO payments_test_operations (idempotency_key, charge_id, kind, "
                    "amount_minor) VALUES ($1, $2, $3, $4)",
                    {std::string(key), std::string(reference), std::string(kind), amount_minor}));
  return {};
}

}  // namespace

TestProvider::TestProvider(store::Database& database, modules::Clock clock)
    : database_(database), clock_(std::move(clock)) {}

Result<Charge> TestProvider::authorize(const ChargeRequest& request) {
  return database_.write(
      [&](store::Transaction& tx) -> Result<Charge> { return authorize_in(tx, request); });
}

Result<Charge> TestProvider::authorize_in(store::Transaction& tx, const ChargeRequest& request) {
  const auto digits = digits_of(request.payment_method);
  if (digits == test_cards::processing_error)
    return fail(ErrorCode::unavailable, "the payment provider had a processing error; try again");
  const auto rule = rule_of(digits);
  Charge charge{
      "ch_" + ids_.next_string(), charge_status(rule.status), std::string(rule.decline_reason), {}};
  RF_TRY(inserted,
         tx.exec("INSERT INTO payments_test_charges (id, idempotency_key, status, currency, "
                 "amount_minor, captured_minor, refunded_minor, decline_reason, "
                 "challenge_code, challenge_failures, created_at_us) VALUES ($1, $2, $3, $4, "
                 "$5, 0, 0, $6, $7, 0, $8) ON CONFLICT (idempotency_key) DO NOTHING",
                 {charge.reference, request.idempotency_key, std::string(rule.status),
                  request.amount.currency, request.amount.amount_minor,
                  std::string(rule.decline_reason), random_code(), clock_()}));
  if (*inserted == 1) return charge;
  // A retry with the key: the first charge is the answer.
  RF_TRY(rows, tx.query("SELECT " + std::string(charge_columns) +
                            " FROM payments_test_charges WHERE idempotency_key = $1",
                        {request.idempotency_key}));
  return charge_of(rows->front());
}

Result<std::string> TestProvider::challenge_code(std::string_view reference) {
  return database_.read([&](store::Transaction& tx) -> Result<std::string> {
    RF_TRY(rows, charge_row(tx, reference));
    if (rows->front().text_view(1) != "requires_action")
      return fail(ErrorCode::invalid_transition, "the challenge is over");
    return rows->front().text(6);
  });
}

Result<Charge> TestProvider::complete_challenge(std::string_view reference, std::string_view code) {
  // A wrong code is counted, committed, and only then reported.
  bool wrong = false;
  auto charge = database_.write([&](store::Transaction& tx) -> Result<Charge> {
    RF_TRY(rows, charge_row(tx, reference));
    const auto r = rows->front();
    if (r.text_view(1) != "requires_action") return charge_of(r);
    const std::string id(reference);
    if (r.text_view(6) == code) {
      RF_TRY(n,
             tx.exec("UPDATE payments_test_charges SET status = 'authorized' WHERE id = $1", {id}));
      return Charge{id, ChargeStatus::authorized, {}, {}};
    }
    const auto failures = r.int64(7) + 1;
    wrong = failures < challenge_failures_max;
    const std::string status = wrong ? "requires_action" : "declined";
    const std::string reason = wrong ? "" : "The payer failed the card's challenge.";
    RF_TRY(n, tx.exec("UPDATE payments_test_charges SET challenge_failures = $2, status = $3, "
                      "decline_reason = $4 WHERE id = $1",
                      {id, failures, status, reason}));
    return Charge{id, wrong ? ChargeStatus::requires_action : ChargeStatus::declined, reason, {}};
  });
  if (charge && wrong)
    return fail(ErrorCode::validation_failed, "the challenge code is wrong",
                {{"code", "does not match the code the card's bank showed"}});
  return charge;
}

Status TestProvider::capture(std::string_view reference, const modules::Money& amount,
                             std::string_view key) {
  return database_.write([&](store::Transaction& tx) -> Status {
    RF_TRY(before, done_before(tx, key));
    if (*before) return {};
    RF_TRY(rows, charge_row(tx, reference));
    const auto r = rows->front();
    if (r.text_view(1) != "authorized")
      return fail(ErrorCode::invalid_transition, "the charge is not authorized");
    if (amount.currency != r.text_view(8) || amount.amount_minor > r.int64(3))
      return fail(ErrorCode::validation_failed, "the capture exceeds the authorization");
    RF_TRY(n, tx.exec("UPDATE payments_test_charges SET status = 'captured', captured_minor = $2 "
                      "WHERE id = $1",
                      {std::string(reference), amount.amount_minor}));
    return record(tx, key, reference, "capture", amount.amount_minor);
  });
}

Status TestProvider::refund(std::string_view reference, const modules::Money& amount,
                            std::string_view key) {
  return database_.write([&](store::Transaction& tx) -> Status {
    RF_TRY(before, done_before(tx, key));
    if (*before) return {};
    RF_TRY(rows, charge_row(tx, reference));
    const auto r = rows->front();
    if (r.text_view(1) != "captured")
      return fail(ErrorCode::invalid_transition, "only a captured charge can be refunded");
    const auto refunded = modules::add({r.int64(5), r.text(8)}, amount);
    if (!refunded || refunded->amount_minor > r.int64(4))
      return fail(ErrorCode::validation_failed, "the refund exceeds what was captured");
    RF_TRY(n, tx.exec("UPDATE payments_test_charges SET refunded_minor = refunded_minor + $2 "
                      "WHERE id = $1",
                      {std::string(reference), amount.amount_minor}));
    return record(tx, key, reference, "refund", amount.amount_minor);
  });
}

Status TestProvider::cancel(std::string_view reference, std::string_view key) {
  return database_.write([&](store::Transaction& tx) -> Status {
    RF_TRY(rows, charge_row(tx, reference));
    const auto status = rows->front().text_view(1);
    if (status == "cancelled") return {};
    if (status != "authorized" && status != "requires_action")
      return fail(ErrorCode::invalid_transition, "the charge can no longer be cancelled");
    RF_TRY(n, tx.exec("UPDATE payments_test_charges SET status = 'cancelled' WHERE id = $1",
                      {std::string(reference)}));
    return record(tx, key, reference, "cancel", 0);
  });
}

// Every authorized test charge may be raised: the documented cards that authorize have no limit.
Result<Charge> TestProvider::increment(std::string_view reference, const modules::Money& amount,
                                       std::string_view key) {
  return database_.write([&](store::Transaction& tx) -> Result<Charge> {
    const std::string id(reference);
    RF_TRY(before, done_before(tx, key));
    if (*before) return Charge{id, ChargeStatus::authorized, {}, {}};
    RF_TRY(rows, charge_row(tx, reference));
    const auto r = rows->front();
    if (r.text_view(1) != "authorized")
      return fail(ErrorCode::invalid_transition, "only an authorized charge can be raised");
    if (amount.currency != r.text_view(8) || amount.amount_minor <= r.int64(3))
      return fail(ErrorCode::validation_failed, "the new amount must be more than the charge's");
    RF_TRY(n, tx.exec("UPDATE payments_test_charges SET amount_minor = $2 WHERE id = $1",
                      {id, amount.amount_minor}));
    RF_TRY(recorded, record(tx, key, reference, "increment", amount.amount_minor));
    return Charge{id, ChargeStatus::authorized, {}, {}};
  });
}

}  // namespace reskflow::payments
