// Sharing an order's money among payers: each participant's share of a split group order (their
// items plus a part of the fees and tip proportional to them), and the settlement of each
// share's capture. Both are exact: the parts always add up to the whole (docs/orders.md).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "order.h"
#include "reskflow/payments/payments.h"

namespace reskflow::orders {

// `amount` (not negative) shared in proportion to `weights` (not all zero, none negative): each
// part is rounded down, then the minor units left over go one each to the largest remainders, ties
// to the earlier weight. The parts sum to `amount` exactly.
std::vector<std::int64_t> apportion(std::int64_t amount, const std::vector<std::int64_t>& weights);

// One payer of a split order and what their own lines cost.
struct Payer {
  std::string user_id;
  std::string display_name;
  modules::Money items;
};

// Each payer with items pays them plus the apportioned part of everything else in the total
// (tax added on top, delivery, service and small-order fees, tip), weighted by their items.
// Payers with no items pay nothing and get no share. The shares sum to the total exactly;
// validation_failed when a payer's items are in another currency than the price.
Result<std::vector<PaymentShare>> split_shares(const PriceBreakdown& price,
                                               const std::vector<Payer>& payers);

// The capture's parts for the whole order: the merchant gets the items net of tax, the platform
// keeps the fees. validation_failed when the parts are not amounts in the total's currency.
Result<payments::Settlement> settlement_of(const PriceBreakdown& price);

// The settlement of each share's capture: every part of `whole` apportioned by share, rounded
// down, and the minor units left over placed so that each share's parts sum to its amount and
// each part's shares sum to the whole's part (none negative).
std::vector<payments::Settlement> split_settlement(const payments::Settlement& whole,
                                                   const std::vector<std::int64_t>& amounts);

}  // namespace reskflow::orders
