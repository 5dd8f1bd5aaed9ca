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
// left out). validation_failed when a part has no opposite amount.
Result<ledger::TransactionRequest> capture_transaction(const Intent& intent,
                                                       const Settlement& settlement);

// The parts one refund of `amount` gives back, from what the capture shared out (`captured`) and
// what earlier refunds gave back (`refunded`: merchant, tax, and the platform's `refunds`
// debits in `platform`):
// - shared (an admin's refund): merchant and tax each in proportion to what is left of them,
//   rounded down; the platform's part takes the rest, the tip's share included (a capture
//   happens at delivery, so the tip is the courier's and no refund takes it back);
// - merchant_first (a merchant's own refund): what is left of the merchant's part first, then
//   any rest shared between tax and the platform as above.
// A refund of everything left gives back exactly what is left of the merchant's and the tax's
// parts, whatever the refunds before it. validation_failed when the parts and the amount are not
// all in one currency, or a sum of them is not an amount.
Result<Settlement> refund_parts(const Settlement& captured, const Settlement& refunded,
                                const modules::Money& amount, RefundFunding funding);

// processor_clearing is credited with the refund; merchant_payable and tax_payable are debited
// with their parts, and the platform's part goes to `refunds` (so platform_revenue stays what
// was earned). validation_failed when the refund has no opposite amount.
Result<ledger::TransactionRequest> refund_transaction(const Intent& intent, const Settlement& parts,
                                                      const modules::Money& amount,
                                                      const std::string& refund_id,
                                                      const std::string& reason);

}  // namespace reskflow::payments
