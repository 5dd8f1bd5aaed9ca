// The ledger transactions of a capture and of a refund: pure functions of the intent, so the
// rounding of a partial refund is written down and tested in one place.
#pragma once

#include <string>

#include "reskflow/ledger/ledger.h"
#include "reskflow/payments/payments.h"

namespace reskflow::payments {

// validation_failed unless every part is in the intent's currency, none is negative, and they
// sum to `amount`.
Status validate_settlement(const modules::Money& amount, const Settlement& settlement);

// processor_clearing is debited with what was captured; merchant_payable of the merchant,
// platform_revenue, tax_payable and tips_payable are credited with their parts (zero parts are
// left out).
ledger::TransactionRequest capture_transaction(const Intent& intent, const Settlement& settlement);

// The parts of `refunded` (cumulative) given back: merchant and tax in proportion to the
// capture, rounded down; the platform's part takes the rest, the tip's share included. A capture
// happens at delivery, so the tip is the courier's (often paid to them already) and no refund
// takes it back. A full refund gives back the merchant's and the tax's parts exactly.
Settlement refunded_parts(const Settlement& captured, const modules::Money& refunded);

// processor_clearing is credited with the refund; merchant_payable, tax_payable and
// tips_payable are debited with their share, and the platform's share goes to `refunds` (so
// platform_revenue stays what was earned). `before` is what had been refunded until now.
ledger::TransactionRequest refund_transaction(const Intent& intent, const Settlement& captured,
                                              const modules::Money& before,
                                              const modules::Money& amount,
                                              const std::string& refund_id,
                                              const std::string& reason);

}  // namespace reskflow::payments
