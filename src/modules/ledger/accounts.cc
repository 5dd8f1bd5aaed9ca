// Account kinds: names, normal sides and which must never go negative.
#include "accounts.h"

#include <array>
#include <utility>

namespace reskflow::ledger {
namespace {

struct KindRow {
  AccountKind kind;
  std::string_view name;
  NormalSide side;
  bool guarded;  // must not go negative
  bool owned;
};

constexpr std::array<KindRow, 10> kinds{{
    {AccountKind::customer_funds, "customer_funds", NormalSide::credit, true, true},
    {AccountKind::processor_clearing, "processor_clearing", NormalSide::debit, true, false},
    {AccountKind::merchant_payable, "merchant_payable", NormalSide::credit, false, true},
    {AccountKind::driver_payable, "driver_payable", NormalSide::credit, false, true},
    {AccountKind::platform_revenue, "platform_revenue", NormalSide::credit, false, false},
    {AccountKind::tax_payable, "tax_payable", NormalSide::credit, true, false},
    {AccountKind::tips_payable, "tips_payable", NormalSide::credit, true, false},
    {AccountKind::refunds, "refunds", NormalSide::debit, false, false},
    {AccountKind::payouts_in_transit, "payouts_in_transit", NormalSide::credit, true, true},
    {AccountKind::promotions_expense, "promotions_expense", NormalSide::debit, false, false},
}};

const KindRow& row_of(AccountKind kind) {
  return kinds[static_cast<std::size_t>(std::to_underlying(kind))];
}

}  // namespace

std::string_view kind_name(AccountKind kind) { return row_of(kind).name; }

std::optional<AccountKind> parse_kind(std::string_view name) {
  for (const auto& row : kinds) {
    if (row.name == name) return row.kind;
  }
  return std::nullopt;
}

NormalSide normal_side(AccountKind kind) { return row_of(kind).side; }

bool must_not_go_negative(AccountKind kind) { return row_of(kind).guarded; }

bool has_owner(AccountKind kind) { return row_of(kind).owned; }

Result<modules::Money> normal_amount(AccountKind kind, const modules::Money& debit_positive) {
  if (normal_side(kind) == NormalSide::debit) return debit_positive;
  return modules::negate(debit_positive);
}

}  // namespace reskflow::ledger
