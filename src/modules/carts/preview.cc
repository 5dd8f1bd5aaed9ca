// Re-pricing a stored cart through the catalog, and the words a customer reads when a line
// cannot be ordered as it is.
#include "preview.h"

#include <cctype>

#include "reskflow/modules/money.h"

namespace reskflow::carts {
namespace {

// A catalog message is a sentence ("Margherita is sold out") or a fragment: a fragment about
// the item gets it as subject ("is sold out" -> "This item is sold out"), others a capital
// ("only 2 left" -> "Only 2 left"); all end with a full stop.
std::string sentence(std::string_view field, std::string_view message) {
  std::string out(message);
  if (!out.empty() && std::islower(static_cast<unsigned char>(out.front())) != 0) {
    if (field == "item_id") {
      out = "This item " + out;
    } else {
      out.front() = static_cast<char>(std::toupper(static_cast<unsigned char>(out.front())));
    }
  }
  if (!out.empty() && out.back() != '.' && out.back() != '!' && out.back() != '?') out += '.';
  return out;
}

PricedCart header_of(const CartState& state) {
  const auto& c = state.cart;
  PricedCart out;
  out.id = c.id;
  out.host_id = c.host_id;
  out.merchant_id = c.merchant_id;
  out.currency = c.currency;
  out.subtotal = {0, c.currency};
  out.minimum_order = {0, c.currency};
  out.status = c.status;
  out.group = c.group;
  out.version = c.version;
  out.created_at_us = c.created_at_us;
  out.updated_at_us = c.updated_at_us;
  out.delivery_point = c.delivery_point;
  return out;
}

// Whether the merchant delivers to the cart's point, said before anyone fills the cart.
void check_delivery(const catalog::MerchantSummary& merchant, PricedCart& out) {
  if (!out.delivery_point) return;
  out.delivers_to_point = modules::geo::covers(merchant.delivery_zone, *out.delivery_point);
  if (!*out.delivers_to_point)
    out.delivery_problem = merchant.name +
                           " does not deliver to the chosen address. Choose another address, or "
                           "a merchant that delivers there.";
}

// The line as stored, marked unavailable for `problem`.
Result<PricedLine> stored_line(const LineRow& l, std::string problem) {
  RF_TRY(total, modules::multiply(l.unit_price, l.quantity));
  PricedLine out{
      l.id,           l.participant_id, l.item_id, l.name, l.quantity,   l.options,
      l.note,         l.unit_price,     *total,    false,  std::nullopt, std::move(problem),
      l.created_at_us};
  return out;
}

Result<PricedLine> priced_line(const LineRow& l, const std::string& merchant_id,
                               catalog::Catalog& catalog, std::int64_t at_us) {
  auto priced = catalog.price_line(merchant_id, {l.item_id, l.quantity, l.option_ids}, at_us);
  if (!priced) {
    const auto code = priced.error().code;
    if (code != ErrorCode::not_found && code != ErrorCode::validation_failed)
      return std::unexpected(priced.error());
    return stored_line(l, line_problem(priced.error()));
  }
  if (priced->unit_price.currency != l.unit_price.currency)
    return stored_line(l, "The merchant now prices this in " + priced->unit_price.currency +
                              ", not in the cart's " + l.unit_price.currency + ".");
  RF_TRY(stored, stored_line(l, {}));
  PricedLine out = std::move(*stored);
  out.name = priced->name;
  out.available = true;
  out.unit_price = priced->unit_price;
  out.total = priced->total;
  out.options.clear();
  for (const auto& o : priced->options)
    out.options.push_back({o.id, o.group_id, o.name, o.price_delta});
  if (priced->unit_price != l.unit_price) {
    out.previous_unit_price = l.unit_price;
    out.problem = "The price changed from " + modules::money_text(l.unit_price) + " to " +
                  modules::money_text(priced->unit_price) + " since this was added.";
  }
  return out;
}

Status add_shares(const CartState& state, PricedCart& out) {
  for (const auto& p : state.participants) {
    Share share{p.user_id, p.display_name, p.host, {}, 0, {0, out.currency}, p.joined_at_us};
    for (const auto& line : out.lines) {
      if (line.participant_id != p.user_id) continue;
      share.line_ids.push_back(line.id);
      if (!line.available) continue;
      share.item_count += line.quantity;
      RF_TRY(subtotal, modules::add(share.subtotal, line.total));
      share.subtotal = std::move(*subtotal);
    }
    out.participants.push_back(std::move(share));
  }
  return {};
}

}  // namespace

std::string line_problem(const Error& refusal) {
  if (refusal.code == ErrorCode::not_found) return "This item is no longer on the menu.";
  std::string out;
  for (const auto& f : refusal.fields) {
    if (!out.empty()) out += ' ';
    out += sentence(f.field, f.message);
  }
  return out.empty() ? sentence("item_id", refusal.detail) : out;
}

Result<PricedCart> price_cart(const CartState& state, catalog::Catalog& catalog,
                              std::int64_t at_us) {
  return price_cart(state, catalog.merchant(state.cart.merchant_id), catalog, at_us);
}

Result<PricedCart> price_cart(const CartState& state,
                              const Result<catalog::MerchantSummary>& merchant,
                              catalog::Catalog& catalog, std::int64_t at_us) {
  PricedCart out = header_of(state);
  std::string merchant_problem;
  if (merchant) {
    out.merchant_name = merchant->name;
    out.minimum_order = merchant->minimum_order;
    out.merchant_open = merchant->active && merchant->open_now;
    if (!merchant->active) merchant_problem = "The merchant is not taking orders.";
    check_delivery(*merchant, out);
  } else if (merchant.error().code == ErrorCode::not_found) {
    merchant_problem = "The merchant is no longer on ReskFlow.";
  } else {
    return std::unexpected(merchant.error());
  }
  for (const auto& l : state.lines) {
    if (!merchant_problem.empty()) {
      RF_TRY(stored, stored_line(l, merchant_problem));
      out.lines.push_back(std::move(*stored));
      continue;
    }
    auto line = priced_line(l, state.cart.merchant_id, catalog, at_us);
    if (!line) return std::unexpected(line.error());
    out.lines.push_back(std::move(*line));
  }
  for (const auto& line : out.lines) {
    if (!line.available) continue;
    out.item_count += line.quantity;
    RF_TRY(subtotal, modules::add(out.subtotal, line.total));
    out.subtotal = std::move(*subtotal);
  }
  // A minimum in another currency than the cart's cannot be met until the cart is redone.
  out.meets_minimum = out.item_count > 0 && out.minimum_order.currency == out.currency &&
                      out.subtotal.amount_minor >= out.minimum_order.amount_minor;
  RF_TRY(shares, add_shares(state, out));
  return out;
}

}  // namespace reskflow::carts
