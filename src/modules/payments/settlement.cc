// Capture and refund transactions for the ledger.
#include "settlement.h"

#include <algorithm>
#include <limits>

namespace reskflow::payments {
namespace {

using ledger::AccountKind;
using ledger::Posting;

// The posting of `amount`, left out when it is zero.
void add_posting(std::vector<Posting>& out, AccountKind kind, const std::string& owner,
                 const modules::Money& amount) {
  if (amount.amount_minor != 0) out.push_back({{kind, owner}, amount});
}

// The posting of the opposite of `amount` (a credit of a positive amount), left out when zero.
Status add_opposite(std::vector<Posting>& out, AccountKind kind, const std::string& owner,
                    const modules::Money& amount) {
  RF_TRY(opposite, modules::negate(amount));
  add_posting(out, kind, owner, *opposite);
  return {};
}

// Products of two amounts overflow 64 bits for amounts over 3 billion minor units.
__extension__ using wide = __int128;

// part × amount / whole, rounded down, in the amount's currency; nothing when nothing is left
// to share. Computed in 128 bits, where the product is exact.
Result<modules::Money> share(const modules::Money& part, const modules::Money& amount,
                             const modules::Money& whole) {
  if (whole.amount_minor <= 0 || part.amount_minor <= 0) return modules::Money{0, amount.currency};
  const wide p = part.amount_minor;
  const wide a = amount.amount_minor;
  const wide w = whole.amount_minor;
  const wide q = p * a / w;
  if (q > std::numeric_limits<std::int64_t>::max() || q < std::numeric_limits<std::int64_t>::min())
    return fail(ErrorCode::validation_failed, "a part of the refund is too large to represent");
  return modules::Money{static_cast<std::int64_t>(q), amount.currency};
}

const modules::Money& smaller(const modules::Money& a, const modules::Money& b) {
  return std::ranges::min(a, b, {}, &modules::Money::amount_minor);
}

// Rounding down may leave the platform a unit or two more than is left of its part: those go
// to the tax's, then the merchant's part, so that no part ever gives back more than it got.
Status move_rounding_excess(Settlement& out, const Settlement& left) {
  RF_TRY(over, modules::subtract(out.platform, modules::at_least_zero(left.platform)));
  const auto excess = modules::at_least_zero(*over);
  RF_TRY(tax_room, modules::subtract(left.tax, out.tax));
  const auto to_tax = smaller(excess, *tax_room);
  RF_TRY(rest, modules::subtract(excess, to_tax));
  RF_TRY(merchant_room, modules::subtract(left.merchant, out.merchant));
  const auto to_merchant = smaller(*rest, *merchant_room);
  RF_TRY(moved, modules::add(to_tax, to_merchant));
  RF_TRY(platform, modules::subtract(out.platform, *moved));
  RF_TRY(tax, modules::add_to(out.tax, to_tax));
  RF_TRY(merchant, modules::add_to(out.merchant, to_merchant));
  out.platform = std::move(*platform);
  return {};
}

// What is left of each part after the refunds so far; the platform's includes the tip's.
Result<Settlement> left_of(const Settlement& captured, const Settlement& refunded) {
  RF_TRY(merchant, modules::subtract(captured.merchant, refunded.merchant));
  RF_TRY(tax, modules::subtract(captured.tax, refunded.tax));
  RF_TRY(platform_got, modules::add(captured.platform, captured.tip));
  RF_TRY(platform, modules::subtract(*platform_got, refunded.platform));
  return Settlement{
      std::move(*merchant), std::move(*platform), std::move(*tax), {0, captured.tip.currency}};
}

}  // namespace

Status validate_settlement(const modules::Money& amount, const Settlement& s) {
  std::vector<FieldError> errors;
  const std::pair<const char*, const modules::Money*> parts[] = {
      {"merchant", &s.merchant}, {"platform", &s.platform}, {"tax", &s.tax}, {"tip", &s.tip}};
  modules::Money sum{0, amount.currency};
  for (const auto& [name, part] : parts) {
    if (part->currency != amount.currency)
      errors.push_back({std::string("settlement.") + name, "must be in " + amount.currency});
    else if (part->amount_minor < 0)
      errors.push_back({std::string("settlement.") + name, "must not be negative"});
    else if (!modules::add_to(sum, *part))
      errors.push_back({"settlement", "is out of range"});
  }
  if (errors.empty() && sum != amount)
    errors.push_back({"settlement", "parts sum to " + modules::money_text(sum) + ", not the " +
                                        modules::money_text(amount) + " captured"});
  if (errors.empty()) return {};
  return fail(ErrorCode::validation_failed, "the settlement does not share out the capture",
              std::move(errors));
}

Result<ledger::TransactionRequest> capture_transaction(const Intent& intent, const Settlement& s) {
  ledger::TransactionRequest out{
      "payment:" + intent.id + ":capture",
      "Capture of " + modules::money_text(intent.captured) + " for order " + intent.order_id,
      {}};
  auto& postings = out.postings;
  add_posting(postings, AccountKind::processor_clearing, "", intent.captured);
  RF_TRY(merchant,
         add_opposite(postings, AccountKind::merchant_payable, intent.merchant_id, s.merchant));
  RF_TRY(platform, add_opposite(postings, AccountKind::platform_revenue, "", s.platform));
  RF_TRY(tax, add_opposite(postings, AccountKind::tax_payable, "", s.tax));
  RF_TRY(tip, add_opposite(postings, AccountKind::tips_payable, "", s.tip));
  return out;
}

Result<Settlement> refund_parts(const Settlement& captured, const Settlement& refunded,
                                const modules::Money& amount, RefundFunding funding) {
  const auto& currency = amount.currency;
  RF_TRY(left, left_of(captured, refunded));
  RF_TRY(all_left, modules::sum_of(currency, {left->merchant, left->tax, left->platform}));
  auto whole = std::move(*all_left);
  Settlement out{{0, currency}, {0, currency}, {0, currency}, {0, currency}};
  auto rest = amount;
  if (funding == RefundFunding::merchant_first) {
    out.merchant = {std::clamp<std::int64_t>(left->merchant.amount_minor, 0, rest.amount_minor),
                    currency};
    RF_TRY(after, modules::subtract(rest, out.merchant));
    rest = std::move(*after);
    RF_TRY(shared_left, modules::add(left->tax, left->platform));
    whole = std::move(*shared_left);
  } else {
    RF_TRY(merchant, share(left->merchant, rest, whole));
    out.merchant = std::move(*merchant);
  }
  RF_TRY(tax, share(left->tax, rest, whole));
  out.tax = std::move(*tax);
  RF_TRY(given, modules::add(out.merchant, out.tax));
  RF_TRY(platform, modules::subtract(amount, *given));
  out.platform = std::move(*platform);
  RF_TRY(moved, move_rounding_excess(out, *left));
  return out;
}

Result<ledger::TransactionRequest> refund_transaction(const Intent& intent, const Settlement& parts,
                                                      const modules::Money& amount,
                                                      const std::string& refund_id,
                                                      const std::string& reason) {
  ledger::TransactionRequest out{
      "payment:" + intent.id + ":refund:" + refund_id,
      "Refund of " + modules::money_text(amount) + " for order " + intent.order_id + ": " + reason,
      {}};
  auto& postings = out.postings;
  RF_TRY(clearing, add_opposite(postings, AccountKind::processor_clearing, "", amount));
  add_posting(postings, AccountKind::merchant_payable, intent.merchant_id, parts.merchant);
  add_posting(postings, AccountKind::tax_payable, "", parts.tax);
  add_posting(postings, AccountKind::refunds, "", parts.platform);
  return out;
}

}  // namespace reskflow::payments
