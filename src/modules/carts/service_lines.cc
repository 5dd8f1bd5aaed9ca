// Cart lines: add (merging identical choices), change, remove. Adding and changing price the
// line through the catalog outside any transaction, then commit only if the cart is still at
// the version they priced against, so a write never holds a transaction across catalog calls.
#include <algorithm>
#include <tuple>

#include "cart_limits.h"
#include "reskflow/store/uuid.h"
#include "rules.h"
#include "service.h"

namespace reskflow::carts {
namespace {

const LineRow* same_choice(const CartState& state, std::string_view participant,
                           const LineInput& input) {
  for (const auto& l : state.lines) {
    if (l.participant_id == participant && l.item_id == input.item_id &&
        l.option_ids == input.option_ids && l.note == input.note)
      return &l;
  }
  return nullptr;
}

LineRow priced_row(LineRow row, const LineInput& input, const catalog::PricedLine& priced,
                   std::int64_t now) {
  row.item_id = input.item_id;
  row.quantity = input.quantity;
  row.option_ids = input.option_ids;
  row.note = input.note;
  row.name = priced.name;
  row.unit_price = priced.unit_price;
  row.options.clear();
  for (const auto& o : priced.options)
    row.options.push_back({o.id, o.group_id, o.name, o.price_delta});
  row.updated_at_us = now;
  return row;
}

// Replaces the line with the same id, or adds it where the cart's order (creation time, then
// id) puts it.
void put_line(std::vector<LineRow>& lines, const LineRow& row) {
  const auto same = std::ranges::find(lines, row.id, &LineRow::id);
  if (same != lines.end()) {
    *same = row;
    return;
  }
  const auto at = std::ranges::upper_bound(lines, row, [](const LineRow& a, const LineRow& b) {
    return std::tie(a.created_at_us, a.id) < std::tie(b.created_at_us, b.id);
  });
  lines.insert(at, row);
}

Error retry_exhausted() {
  return Error{
      ErrorCode::conflict, "The cart kept changing while this line was priced; try again.", {}};
}

}  // namespace

Result<Service::PricedChoice> Service::price_new_line(const Caller& caller, const CartState& state,
                                                      const LineInput& line) {
  auto merchant = catalog_.merchant(state.cart.merchant_id);
  if (!merchant && merchant.error().code != ErrorCode::not_found)
    return std::unexpected(merchant.error());
  if (!merchant || !merchant->active)
    return fail(ErrorCode::conflict, "The merchant is not taking orders, so the cart cannot grow.");
  auto priced = catalog_.price_line(state.cart.merchant_id,
                                    {line.item_id, line.quantity, line.option_ids}, clock_());
  if (!priced && priced.error().code == ErrorCode::not_found)
    return fail(ErrorCode::validation_failed, "This item is not on the merchant's menu.",
                {{"item_id", "is not on this merchant's menu"}});
  if (!priced) return std::unexpected(priced.error());
  if (priced->unit_price.currency != state.cart.currency)
    return fail(ErrorCode::conflict, "The merchant now prices in " + priced->unit_price.currency +
                                         " and this cart is in " + state.cart.currency +
                                         "; start a new cart.");
  if (priced->age_restricted) {
    RF_TRY(verified, directory_.age_verified(caller.user_id));
    if (!*verified)
      return fail(ErrorCode::validation_failed,
                  "This item is for adults only: ID verification is needed before adding it.",
                  {{"item_id",
                    "is age-restricted: ID verification is needed first (send an ID document "
                    "to /v1/id-verifications)"}});
  }
  return PricedChoice{std::move(*merchant), std::move(*priced)};
}

Result<std::optional<CartState>> Service::write_line(const CartState& snapshot,
                                                     const LineRow& row) {
  const bool existing = snapshot.line(row.id) != nullptr;
  auto written = db_.write([&](store::Transaction& tx) -> Result<std::optional<CartState>> {
    const auto& cart = snapshot.cart;
    RF_TRY(moved, repository::advance(tx, cart.id, cart.version, cart.status, row.updated_at_us));
    if (!*moved) return std::optional<CartState>{};
    RF_TRY(done, existing ? repository::update_line(tx, cart.id, row)
                          : repository::insert_line(tx, cart.id, row));
    CartState after = snapshot;
    after.cart.version += 1;
    after.cart.updated_at_us = row.updated_at_us;
    put_line(after.lines, row);
    RF_TRY(event, publish_state(tx, after));
    return std::optional<CartState>(std::move(after));
  });
  if (written && *written)
    changed((*written)->cart.id, (*written)->cart.version, (*written)->cart.status);
  return written;
}

Result<PricedCart> Service::add_line(const Caller& caller, std::string_view cart_id,
                                     LineInput input, std::optional<std::int64_t> if_match) {
  std::ranges::sort(input.option_ids);
  if (input.quantity < line_quantity_min || input.quantity > line_quantity_max)
    return fail(ErrorCode::validation_failed, "The quantity is out of range.",
                {{"quantity", "must be from 1 to 99"}});
  for (int attempt = 0; attempt < priced_write_attempts_max; ++attempt) {
    RF_TRY(state, load_visible(Caller{caller.user_id, false}, cart_id));
    RF_TRY(current, check_if_match(if_match, state->cart.version));
    RF_TRY(open, require_open(state->cart));
    const LineRow* existing = same_choice(*state, caller.user_id, input);
    if (existing == nullptr && state->lines.size() >= cart_lines_max)
      return fail(ErrorCode::conflict,
                  "A cart holds at most " + std::to_string(cart_lines_max) + " different lines.");
    LineInput merged = input;
    if (existing != nullptr) merged.quantity += existing->quantity;
    if (merged.quantity > line_quantity_max)
      return fail(ErrorCode::validation_failed, "A line holds at most 99 items.",
                  {{"quantity", "with the " + std::to_string(existing->quantity) +
                                    " already in the cart, this line would exceed " +
                                    std::to_string(line_quantity_max)}});
    RF_TRY(priced, price_new_line(caller, *state, merged));
    const auto now = clock_();
    const LineRow row = priced_row(
        existing != nullptr
            ? *existing
            : LineRow{store::new_uuid_v7(), caller.user_id, {}, {}, 0, {}, {}, {}, {}, now, now},
        merged, priced->line, now);
    RF_TRY(written, write_line(*state, row));
    if (!*written) {
      metrics_.stale_retries.inc();
      continue;
    }
    metrics_.lines_added.inc();
    return price(**written, priced->merchant);
  }
  return std::unexpected(retry_exhausted());
}

Result<PricedCart> Service::change_line(const Caller& caller, std::string_view cart_id,
                                        std::string_view line_id, const LineChange& change,
                                        std::optional<std::int64_t> if_match) {
  for (int attempt = 0; attempt < priced_write_attempts_max; ++attempt) {
    RF_TRY(state, load_visible(Caller{caller.user_id, false}, cart_id));
    RF_TRY(current, check_if_match(if_match, state->cart.version));
    RF_TRY(open, require_open(state->cart));
    const LineRow* line = state->line(line_id);
    if (line == nullptr) return fail(ErrorCode::not_found, "no such line in this cart");
    if (line->participant_id != caller.user_id)
      return fail(ErrorCode::forbidden, "You can only change your own lines.");
    LineInput next{line->item_id, change.quantity.value_or(line->quantity),
                   change.option_ids.value_or(line->option_ids), change.note.value_or(line->note)};
    std::ranges::sort(next.option_ids);
    RF_TRY(priced, price_new_line(caller, *state, next));
    const LineRow row = priced_row(*line, next, priced->line, clock_());
    RF_TRY(written, write_line(*state, row));
    if (!*written) {
      metrics_.stale_retries.inc();
      continue;
    }
    metrics_.lines_changed.inc();
    return price(**written, priced->merchant);
  }
  return std::unexpected(retry_exhausted());
}

Result<PricedCart> Service::remove_line(const Caller& caller, std::string_view cart_id,
                                        std::string_view line_id,
                                        std::optional<std::int64_t> if_match) {
  RF_TRY(written,
         write_cart(caller, cart_id, {if_match, true},
                    [&](store::Transaction& tx, const CartState& state) -> Result<Outcome> {
                      // A locked cart is the host's to check out: they may still take lines out
                      // (one the preview says cannot be ordered) without unlocking it for all.
                      const bool host_of_locked = state.cart.status == status_locked &&
                                                  state.cart.host_id == caller.user_id;
                      if (!host_of_locked) {
                        RF_TRY(open, require_open(state.cart));
                      }
                      const LineRow* line = state.line(line_id);
                      if (line == nullptr)
                        return fail(ErrorCode::not_found, "no such line in this cart");
                      if (line->participant_id != caller.user_id) {
                        RF_TRY(host, require_host(state.cart, caller.user_id,
                                                  "remove other participants' lines"));
                      }
                      RF_TRY(done, repository::delete_line(tx, cart_id, line_id));
                      return Outcome{};
                    }));
  metrics_.lines_removed.inc();
  return price(*written);
}

}  // namespace reskflow::carts
