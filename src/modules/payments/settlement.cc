// Capture and refund transactions for the ledger.
#include "settlement.h"

#include <algorithm>

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

// part × amount / whole, rounded down; nothing when nothing is left to share.
std::int64_t share(std::int64_t part, std::int64_t amount, std::int64_t whole) {
  if (whole <= 0 || part <= 0) return 0;
  return static_cast<std::int64_t>(static_cast<wide>(part) * amount / whole);
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

Settlement refund_parts(const Settlement& captured, const Settlement& refunded,
                        const modules::Money& amount, RefundFunding funding) {
  const auto merchant_left = captured.merchant.amount_minor - refunded.merchant.amount_minor;
  const auto tax_left = captured.tax.amount_minor - refunded.tax.amount_minor;
  const auto platform_left =
      captured.platform.amount_minor + captured.tip.amount_minor - refunded.platform.amount_minor;
  const auto& currency = amount.currency;
  Settlement out{{0, currency}, {0, currency}, {0, currency}, {0, currency}};
  auto& merchant = out.merchant.amount_minor;
  auto& tax = out.tax.amount_minor;
  auto& platform = out.platform.amount_minor;
  auto rest = amount.amount_minor;
  auto left = merchant_left + tax_left + platform_left;
  if (funding == RefundFunding::merchant_first) {
    merchant = std::clamp<std::int64_t>(merchant_left, 0, rest);
    rest -= merchant;
    left = tax_left + platform_left;
  } else {
    merchant = share(merchant_left, rest, left);
  }
  tax = share(tax_left, rest, left);
  platform = amount.amount_minor - merchant - tax;
  // Rounding down may leave the platform a unit or two more than is left of its part: those go
  // to the tax's, then the merchant's part, so that no part ever gives back more than it got.
  const auto excess =
      std::max<std::int64_t>(0, platform - std::max<std::int64_t>(platform_left, 0));
  const auto to_tax = std::min(excess, tax_left - tax);
  const auto to_merchant = std::min(excess - to_tax, merchant_left - merchant);
  tax += to_tax;
  merchant += to_merchant;
  platform -= to_tax + to_merchant;
  return out;
}

ledger::TransactionRequest refund_transaction(const Intent& intent, const Settlement& parts,
                                              const modules::Money& amount,
                                              const std::string& refund_id,
                                              const std::string& reason) {
  const auto& currency = amount.currency;
  ledger::TransactionRequest out{
      "payment:" + intent.id + ":refund:" + refund_id,
      "Refund of " + modules::money_text(amount) + " for order " + intent.order_id + ": " + reason,
      {}};
  add_posting(out.postings, AccountKind::processor_clearing, "", -amount.amount_minor, currency);
  add_posting(out.postings, AccountKind::merchant_payable, intent.merchant_id,
              parts.merchant.amount_minor, currency);
  add_posting(out.postings, AccountKind::tax_payable, "", parts.tax.amount_minor, currency);
  add_posting(out.postings, AccountKind::refunds, "", parts.platform.amount_minor, currency);
  return out;
}

}  // namespace reskflow::payments
