// Exact sharing of an order's money among payers (split.h).
#include "split.h"

#include <algorithm>
#include <array>
#include <numeric>

#include "reskflow/orders/orders.h"

namespace reskflow::orders {
namespace {

__extension__ using Wide = __int128;  // products of two amounts, exact

}  // namespace

std::vector<std::int64_t> apportion(std::int64_t amount, const std::vector<std::int64_t>& weights) {
  const Wide total = std::accumulate(weights.begin(), weights.end(), Wide{0});
  std::vector<std::int64_t> parts(weights.size(), 0);
  if (total <= 0) return parts;
  std::vector<Wide> remainders(weights.size(), 0);
  std::int64_t given = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const Wide product = static_cast<Wide>(amount) * weights[i];
    parts[i] = static_cast<std::int64_t>(product / total);
    remainders[i] = product % total;
    given += parts[i];
  }
  std::vector<std::size_t> order(weights.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::ranges::stable_sort(
      order, [&](std::size_t a, std::size_t b) { return remainders[a] > remainders[b]; });
  for (std::size_t k = 0; given < amount; ++k, ++given) ++parts[order[k % order.size()]];
  return parts;
}

Result<std::vector<PaymentShare>> split_shares(const PriceBreakdown& price,
                                               const std::vector<Payer>& payers) {
  std::vector<Payer> paying;
  for (const auto& p : payers) {
    if (p.items.amount_minor > 0) paying.push_back(p);
  }
  std::vector<std::int64_t> weights;
  modules::Money items{0, price.total.currency};
  for (const auto& p : paying) {
    weights.push_back(p.items.amount_minor);
    RF_TRY(sum, modules::add(items, p.items));
    items = std::move(*sum);
  }
  RF_TRY(rest, modules::subtract(price.total, items));
  const auto extras = apportion(rest->amount_minor, weights);
  std::vector<PaymentShare> out;
  for (std::size_t i = 0; i < paying.size(); ++i) {
    PaymentShare share;
    share.user_id = paying[i].user_id;
    share.display_name = paying[i].display_name;
    RF_TRY(amount, modules::add(paying[i].items, {extras[i], price.total.currency}));
    share.amount = std::move(*amount);
    out.push_back(std::move(share));
  }
  return out;
}

Result<payments::Settlement> settlement_of(const PriceBreakdown& price) {
  RF_TRY(others, modules::sum_of(price.total.currency, {price.fees, price.tax, price.tip}));
  RF_TRY(merchant, modules::subtract(price.total, *others));
  return payments::Settlement{std::move(*merchant), price.fees, price.tax, price.tip};
}

std::vector<payments::Settlement> split_settlement(const payments::Settlement& whole,
                                                   const std::vector<std::int64_t>& amounts) {
  const std::array<std::int64_t, 4> parts{whole.merchant.amount_minor, whole.platform.amount_minor,
                                          whole.tax.amount_minor, whole.tip.amount_minor};
  const Wide total = std::accumulate(parts.begin(), parts.end(), Wide{0});
  std::vector<std::array<std::int64_t, 4>> cells(amounts.size(), {0, 0, 0, 0});
  std::vector<std::int64_t> row_left(amounts);
  std::array<std::int64_t, 4> column_left = parts;
  for (std::size_t i = 0; i < amounts.size() && total > 0; ++i) {
    for (std::size_t k = 0; k < parts.size(); ++k) {
      cells[i][k] = static_cast<std::int64_t>(static_cast<Wide>(parts[k]) * amounts[i] / total);
      row_left[i] -= cells[i][k];
      column_left[k] -= cells[i][k];
    }
  }
  // What rounding down left over is a small table with equal row and column sums: filled from
  // its top-left corner, every cell stays non-negative and both sums come out exact.
  for (std::size_t i = 0, k = 0; i < amounts.size() && k < parts.size();) {
    const auto moved = std::min(row_left[i], column_left[k]);
    cells[i][k] += moved;
    row_left[i] -= moved;
    column_left[k] -= moved;
    if (row_left[i] == 0) ++i;
    if (column_left[k] == 0) ++k;
  }
  std::vector<payments::Settlement> out;
  const auto& c = whole.merchant.currency;
  for (const auto& cell : cells)
    out.push_back({{cell[0], c}, {cell[1], c}, {cell[2], c}, {cell[3], c}});
  return out;
}

}  // namespace reskflow::orders
