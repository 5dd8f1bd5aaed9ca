// Capture and refund transactions for the ledger.
#include "settlement.h"

namespace reskflow::payments {
namespace {

using ledger::AccountKind;
using ledger::Posting;

void add_posting(std::vector<Posting>& out, AccountKind kind, const std::string& owner,
                 std::int64_t amount_minor, const std::string& currency) {
  if (amount_minor != 0) out.push_back({{kind, owner}, {amount_minor, currency}});
}

// Products of two amounts overflow 64 bits for amounts over 3 billion minor units.
__extension__ using wide = __int128;

std::int64_t share(std::int64_t part, std::int64_t refunded, std::int64_t captured) {
  if (captured == 0) return 0;
  return static_cast<std::int64_t>(static_cast<wide>(part) * refunded / captured);
}

}  // namespace

Status validate_settlement(const modules::Money& amount, const Settlement& s) {
  std::vector<FieldError> errors;
  const std::pair<const char*, const modules::Money*> parts[] = {
      {"merchant", &s.merchant}, {"platform", &s.platform}, {"tax", &s.tax}, {"tip", &s.tip}};
  std::int64_t sum = 0;
  for (const auto& [name, part] : parts) {
    if (part->currency != amount.currency)
      errors.push_back({std::string("settlement.") + name, "must be in " + amount.currency});
    else if (part->amount_minor < 0)
      errors.push_back({std::string("settlement.") + name, "must not be negative"});
    else if (__builtin_add_overflow(sum, part->amount_minor, &sum))
      errors.push_back({"settlement", "is out of range"});
  }
  if (errors.empty() && sum != amount.amount_minor)
    errors.push_back({"settlement", "parts sum to " + modules::money_text({sum, amount.currency}) +
                                        ", not the " + modules::money_text(amount) + " captured"});
  if (errors.empty()) return {};
  return fail(ErrorCode::validation_failed, "the settlement does not share out the capture",
              std::move(errors));
}

ledger::TransactionRequest capture_transaction(const Intent& intent, const Settlement& s) {
  const auto& currency = intent.captured.currency;
  ledger::TransactionRequest out{
      "payment:" + intent.id + ":capture",
      "Capture of " + modules::money_text(intent.captured) + " for order " + intent.order_id,
      {}};
  add_posting(out.postings, AccountKind::processor_clearing, "", intent.captured.amount_minor,
              currency);
  add_posting(out.postings, AccountKind::merchant_payable, intent.merchant_id,
              -s.merchant.amount_minor, currency);
  add_posting(out.postings, AccountKind::platform_revenue, "", -s.platform.amount_minor, currency);
  add_posting(out.postings, AccountKind::tax_payable, "", -s.tax.amount_minor, currency);
  add_posting(out.postings, AccountKind::tips_payable, "", -s.tip.amount_minor, currency);
  return out;
}

Settlement refunded_parts(const Settlement& c, const modules::Money& refunded) {
  const auto total =
      c.merchant.amount_minor + c.platform.amount_minor + c.tax.amount_minor + c.tip.amount_minor;
  const auto r = refunded.amount_minor;
  Settlement out{{share(c.merchant.amount_minor, r, total), refunded.currency},
                 {0, refunded.currency},
                 {share(c.tax.amount_minor, r, total), refunded.currency},
                 {0, refunded.currency}};
  out.platform.amount_minor = r - out.merchant.amount_minor - out.tax.amount_minor;
  return out;
}

ledger::TransactionRequest refund_transaction(const Intent& intent, const Settlement& captured,
                                              const modules::Money& before,
                                              const modules::Money& amount,
                                              const std::string& refund_id,
                                              const std::string& reason) {
  const auto& currency = amount.currency;
  const auto was = refunded_parts(captured, before);
  const auto now = refunded_parts(captured, {before.amount_minor + amount.amount_minor, currency});
  ledger::TransactionRequest out{
      "payment:" + intent.id + ":refund:" + refund_id,
      "Refund of " + modules::money_text(amount) + " for order " + intent.order_id + ": " + reason,
      {}};
  add_posting(out.postings, AccountKind::processor_clearing, "", -amount.amount_minor, currency);
  add_posting(out.postings, AccountKind::merchant_payable, intent.merchant_id,
              now.merchant.amount_minor - was.merchant.amount_minor, currency);
  add_posting(out.postings, AccountKind::tax_payable, "",
              now.tax.amount_minor - was.tax.amount_minor, currency);
  add_posting(out.postings, AccountKind::refunds, "",
              now.platform.amount_minor - was.platform.amount_minor, currency);
  return out;
}

}  // namespace reskflow::payments
