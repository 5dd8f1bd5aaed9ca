// Stock taken by orders and given back when they are rejected or cancelled, inside the orders'
// transaction, so an order and the stock it holds commit together.
#include <map>
#include <utility>
#include <vector>

#include "render.h"
#include "reskflow/bus/outbox.h"
#include "reskflow/modules/payload.h"
#include "service.h"

namespace reskflow::catalog {
namespace {

// One quantity per item: two lines of the same pizza with other options take from one count.
std::map<std::string, std::int64_t, std::less<>> quantities_of(
    const std::vector<StockLine>& lines) {
  std::map<std::string, std::int64_t, std::less<>> out;
  for (const auto& line : lines) out[line.item_id] += line.quantity;
  return out;
}

std::unexpected<Error> sold_out(std::string_view item_id, const std::string& detail) {
  Error error{ErrorCode::conflict, detail, {{"item_id", detail}}, {}};
  error.members.push_back({"item_id", std::string(item_id)});
  return std::unexpected(std::move(error));
}

// The count after the change; nullopt when the item's stock is not tracked.
Result<std::optional<std::int64_t>> counted(const repository::ItemStock& stock,
                                            std::string_view item_id, std::int64_t quantity,
                                            Service::StockChange change) {
  if (change == Service::StockChange::release) {
    if (!stock.stock_count) return std::optional<std::int64_t>{};
    return std::optional<std::int64_t>(*stock.stock_count + quantity);
  }
  if (stock.sold_out || stock.stock_count.value_or(1) <= 0)
    return sold_out(item_id, stock.name + " is sold out");
  if (!stock.stock_count) return std::optional<std::int64_t>{};
  if (*stock.stock_count < quantity)
    return sold_out(item_id, "only " + std::to_string(*stock.stock_count) + " " + stock.name +
                                 " left, " + std::to_string(quantity) + " asked");
  return std::optional<std::int64_t>(*stock.stock_count - quantity);
}

// The tracked counts the change leaves, as the transaction reads them now, in item order.
Result<std::vector<std::pair<std::string, std::int64_t>>> counts_after(
    store::Transaction& tx, std::string_view merchant_id,
    const std::map<std::string, std::int64_t, std::less<>>& quantities,
    Service::StockChange change) {
  std::vector<std::pair<std::string, std::int64_t>> out;
  for (const auto& [item_id, quantity] : quantities) {
    RF_TRY(stock, repository::item_stock(tx, merchant_id, item_id));
    if (!*stock) {
      if (change == Service::StockChange::release) continue;
      return fail(ErrorCode::not_found, "no such item on this menu: " + item_id);
    }
    auto count = counted(**stock, item_id, quantity, change);
    if (!count) return std::unexpected(count.error());
    if (*count) out.emplace_back(item_id, **count);
  }
  return out;
}

}  // namespace

// Orders for the same stock take turns: on PostgreSQL, before a tracked count changes, the
// merchant's row is locked and the counts are read again as committed. In a READ COMMITTED
// transaction (checkout's) a concurrent order waits for the lock and then sees what the first
// one took, instead of failing to serialize. Every other writer of the counts (menu edits, in
// serializable transactions) writes the merchant's row too, so it waits for the order or is
// retried: a count never goes below zero.
Status Service::change_stock(store::Transaction& tx, std::string_view merchant_id,
                             const std::vector<StockLine>& lines, StockChange change) {
  const auto quantities = quantities_of(lines);
  RF_TRY(found, repository::merchant(tx, merchant_id));
  if (!*found) return fail(ErrorCode::not_found, "no such merchant");
  RF_TRY(counts, counts_after(tx, merchant_id, quantities, change));
  if (counts->empty()) return {};
  Merchant m = std::move(**found);
  if (tx.engine() == store::Engine::postgres) {
    RF_TRY(locked, repository::merchant_for_update(tx, merchant_id));
    if (!*locked) return fail(ErrorCode::not_found, "no such merchant");
    m = std::move(**locked);
    counts = counts_after(tx, merchant_id, quantities, change);
    if (!counts) return std::unexpected(counts.error());
    if (counts->empty()) return {};
  }
  for (const auto& [item_id, count] : *counts) {
    RF_TRY(set, repository::set_stock_count(tx, merchant_id, item_id, count));
  }
  m.version += 1;
  m.menu_updated_at_us = clock_();
  RF_TRY(updated, repository::update_merchant(tx, m));
  RF_TRY(menu, repository::menu(tx, merchant_id));
  RF_TRY(published, bus::publish(tx, {std::string(events::menu_updated), m.id,
                                      modules::payload::to_payload(menu_event(m, *menu))}));
  return {};
}

}  // namespace reskflow::catalog
