// The rules of each account kind: which side it normally carries its balance on, and whether it
// may ever go below zero on that side.
#pragma once

#include <cstdint>

#include "reskflow/ledger/ledger.h"

namespace reskflow::ledger {

// Debit-normal accounts (what the platform holds, what it gives away) grow with debits;
// credit-normal ones (what it owes, what it earned) grow with credits.
enum class NormalSide { debit, credit };

NormalSide normal_side(AccountKind kind);

// processor_clearing, customer_funds, tax_payable, tips_payable and payouts_in_transit never go
// below zero on their normal side: no refund gives back more than the processor holds, no tax or
// tip is handed out twice. merchant_payable and driver_payable may (a refund after a payout is
// recovered from the next one), and so may platform_revenue and refunds.
bool must_not_go_negative(AccountKind kind);

// A sum of entries (debit positive) seen from the account's normal side: what a merchant is
// owed is positive. validation_failed for the one amount that has no opposite.
Result<modules::Money> normal_amount(AccountKind kind, const modules::Money& debit_positive);

// Platform accounts have no owner; the others name one.
bool has_owner(AccountKind kind);

}  // namespace reskflow::ledger
