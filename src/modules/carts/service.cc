// Cart creation, reads, the writing transaction every change goes through, and the whole-table
// operations: erasure of a user, the idle sweep, checkout by orders.
#include "service.h"

#include <chrono>

#include "cart_limits.h"
#include "preview.h"
#include "reskflow/bus/outbox.h"
#include "reskflow/carts/events.h"
#include "reskflow/modules/payload.h"
#include "reskflow/store/uuid.h"

namespace reskflow::carts {
namespace {

// A host's display name until they pick one when making the cart a group cart.
constexpr std::string_view default_host_name = "Host";

Status publish_event(store::Transaction& tx, const CartRow& cart, std::string_view status,
                     std::int64_t version, const StoredTotals& totals) {
  const events::CartUpdated payload{
      cart.id, cart.host_id,      cart.merchant_id, std::string(status),
      version, totals.item_count, totals.subtotal};
  RF_TRY(id, bus::publish(tx, {std::string(events::cart_updated), cart.id,
                               modules::payload::to_payload(payload)}));
  return {};
}

}  // namespace

Service::Service(store::Database& db, catalog::Catalog& catalog, identity::Directory& directory,
                 CartsMetrics& metrics, modules::Clock clock, std::string invite_key)
    : db_(db),
      catalog_(catalog),
      directory_(directory),
      metrics_(metrics),
      clock_(std::move(clock)),
      invite_key_(std::move(invite_key)) {}

Status Service::publish_updated(store::Transaction& tx, std::string_view cart_id) {
  RF_TRY(row, repository::cart(tx, cart_id));
  if (!*row) return fail(ErrorCode::internal, "a cart vanished inside its own transaction");
  RF_TRY(totals, repository::stored_totals(tx, cart_id));
  return publish_event(tx, **row, (*row)->status, (*row)->version, *totals);
}

Status Service::publish_state(store::Transaction& tx, const CartState& state) {
  StoredTotals totals{0, {0, state.cart.currency}};
  for (const auto& line : state.lines) {
    totals.item_count += line.quantity;
    RF_TRY(price, modules::multiply(line.unit_price, line.quantity));
    RF_TRY(sum, modules::add(totals.subtotal, *price));
    totals.subtotal = std::move(*sum);
  }
  return publish_event(tx, state.cart, state.cart.status, state.cart.version, totals);
}

void Service::changed(const std::string& cart_id, std::int64_t version, std::string_view status) {
  if (on_change_) on_change_(cart_id, version, status);
}

Result<CartState> Service::write_cart(const Caller& caller, std::string_view cart_id,
                                      const Expect& expect, const Change& change) {
  bool published = false;
  auto written = db_.write([&](store::Transaction& tx) -> Result<CartState> {
    published = false;
    RF_TRY(loaded, repository::load(tx, cart_id));
    if (!*loaded || (expect.member && (*loaded)->participant(caller.user_id) == nullptr))
      return fail(ErrorCode::not_found, "no such cart");
    const CartState& state = **loaded;
    const auto version = state.cart.version;
    RF_TRY(current, check_if_match(expect.client, version));
    RF_TRY(outcome, change(tx, state));
    if (!outcome->changed) return std::move(**loaded);
    const std::string status =
        outcome->status.empty() ? state.cart.status : std::string(outcome->status);
    RF_TRY(moved, repository::advance(tx, cart_id, version, status, clock_()));
    if (!*moved) return fail(ErrorCode::conflict, "the cart changed meanwhile; try again");
    RF_TRY(after, repository::load(tx, cart_id));
    if (!*after) return fail(ErrorCode::internal, "a cart vanished inside its own transaction");
    RF_TRY(event, publish_state(tx, **after));
    published = true;
    return std::move(**after);
  });
  if (written && published) changed(written->cart.id, written->cart.version, written->cart.status);
  return written;
}

Status Service::check_if_match(std::optional<std::int64_t> if_match, std::int64_t version) {
  if (!if_match || *if_match == version) return {};
  metrics_.precondition_failures.inc();
  return fail(ErrorCode::precondition_failed, "the cart is at version " + std::to_string(version) +
                                                  ", not " + std::to_string(*if_match) +
                                                  "; reload it and try again");
}

Result<CartState> Service::load_visible(const Caller& caller, std::string_view cart_id) {
  RF_TRY(state, db_.read([&](store::Transaction& tx) { return repository::load(tx, cart_id); }));
  if (!*state || (!caller.admin && (*state)->participant(caller.user_id) == nullptr))
    return fail(ErrorCode::not_found, "no such cart");
  return std::move(**state);
}

Result<PricedCart> Service::price(const CartState& state) {
  return price(state, catalog_.merchant(state.cart.merchant_id));
}

Result<PricedCart> Service::price(const CartState& state,
                                  const Result<catalog::MerchantSummary>& merchant) {
  const auto start = std::chrono::steady_clock::now();
  auto priced = price_cart(state, merchant, catalog_, clock_());
  metrics_.preview_seconds.observe(
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  return priced;
}

Result<PricedCart> Service::get(const Caller& caller, std::string_view cart_id) {
  RF_TRY(state, load_visible(caller, cart_id));
  return price(*state);
}

Result<PricedCart> Service::priced(std::string_view cart_id) {
  return get(Caller{{}, true}, cart_id);
}

Result<bool> Service::is_member(std::string_view cart_id, std::string_view user_id) {
  return db_.read(
      [&](store::Transaction& tx) { return repository::is_participant(tx, cart_id, user_id); });
}

Result<Written> Service::open_cart(const Caller& caller, std::string_view merchant_id,
                                   std::optional<modules::geo::Point> delivery_point) {
  auto merchant = catalog_.merchant(merchant_id);
  if (!merchant && merchant.error().code != ErrorCode::not_found)
    return std::unexpected(merchant.error());
  if (!merchant || !merchant->active) return fail(ErrorCode::not_found, "no such merchant");
  bool created = false;
  auto id = db_.write([&](store::Transaction& tx) -> Result<std::string> {
    created = false;
    RF_TRY(existing, repository::active_cart_id(tx, caller.user_id, merchant_id));
    if (*existing) return **existing;
    RF_TRY(count, repository::active_cart_count(tx, caller.user_id));
    if (*count >= static_cast<std::int64_t>(active_carts_per_customer_max))
      return fail(ErrorCode::conflict, "You already have " +
                                           std::to_string(active_carts_per_customer_max) +
                                           " active carts; check one out or abandon one first.");
    const auto now = clock_();
    const CartRow row{store::new_uuid_v7(),
                      caller.user_id,
                      std::string(merchant_id),
                      merchant->currency,
                      std::string(status_open),
                      false,
                      {},
                      1,
                      now,
                      now,
                      delivery_point,
                      {}};
    RF_TRY(inserted, repository::insert_cart(tx, row));
    if (!*inserted) {
      // Another request created it after our read. SQLite serialises writers and PostgreSQL
      // reports a race with an invisible row as a serialization failure (write() retries), so
      // this only runs when the winner is visible here.
      RF_TRY(winner, repository::active_cart_id(tx, caller.user_id, merchant_id));
      if (*winner) return **winner;
      return fail(ErrorCode::storage_busy, "the cart is being created; retry");
    }
    RF_TRY(host, repository::insert_participant(
                     tx, row.id, {caller.user_id, std::string(default_host_name), true, now}));
    RF_TRY(event, publish_updated(tx, row.id));
    created = true;
    return row.id;
  });
  if (!id) return std::unexpected(id.error());
  if (created) {
    metrics_.carts_created.inc();
    changed(*id, 1, status_open);
  }
  RF_TRY(cart, get(caller, *id));
  const auto& point = cart->delivery_point;
  if (created || !delivery_point ||
      (point && point->lat == delivery_point->lat && point->lng == delivery_point->lng))
    return Written{std::move(*cart), created};
  RF_TRY(moved, set_delivery_point(caller, *id, *delivery_point, std::nullopt));
  return Written{std::move(*moved), false};
}

Result<CartPage> Service::list(const Caller& caller, std::string_view cursor, std::int64_t limit) {
  RF_TRY(rows, db_.read([&](store::Transaction& tx) {
    return repository::list_active(tx, caller.user_id, cursor, limit + 1);
  }));
  CartPage page{std::move(*rows), {}};
  if (static_cast<std::int64_t>(page.carts.size()) > limit) {
    page.carts.pop_back();
    page.next_cursor = page.carts.back().cart.id;
  }
  return page;
}

Status Service::mark_checked_out(store::Transaction& tx, std::string_view cart_id,
                                 std::int64_t version) {
  RF_TRY(row, repository::cart(tx, cart_id));
  if (!*row) return fail(ErrorCode::not_found, "no such cart");
  if ((*row)->version != version)
    return fail(ErrorCode::precondition_failed,
                "the cart changed since version " + std::to_string(version) + "; reload it");
  if ((*row)->status != status_open && (*row)->status != status_locked)
    return fail(ErrorCode::invalid_transition, "only an open or locked cart can be checked out");
  const auto now = clock_();
  RF_TRY(moved, repository::advance(tx, cart_id, version, status_checked_out, now));
  if (!*moved) return fail(ErrorCode::precondition_failed, "the cart changed meanwhile");
  // The row as advance() left it: no need to read it back.
  CartRow& after = **row;
  after.version = version + 1;
  after.status = status_checked_out;
  after.updated_at_us = now;
  RF_TRY(totals, repository::stored_totals(tx, cart_id));
  return publish_event(tx, after, after.status, after.version, *totals);
}

Result<std::vector<CartChange>> Service::erase_user(store::Transaction& tx,
                                                    std::string_view user_id) {
  std::vector<CartChange> affected;
  const auto now = clock_();
  RF_TRY(hosted, repository::hosted_cart_ids(tx, user_id));
  for (const auto& id : *hosted) {
    RF_TRY(row, repository::cart(tx, id));
    if (!*row) continue;
    RF_TRY(event, publish_event(tx, **row, "deleted", (*row)->version + 1, {}));
    RF_TRY(gone, repository::delete_cart(tx, id));
    affected.push_back({id, (*row)->version + 1, "deleted"});
  }
  RF_TRY(joined, repository::joined_cart_ids(tx, user_id));
  for (const auto& id : *joined) {
    RF_TRY(row, repository::cart(tx, id));
    if (!*row) continue;
    RF_TRY(left, repository::delete_participant(tx, id, user_id));
    RF_TRY(moved, repository::advance(tx, id, (*row)->version, (*row)->status, now));
    RF_TRY(event, publish_updated(tx, id));
    affected.push_back({id, (*row)->version + 1, (*row)->status});
  }
  return affected;
}

void Service::notify(const std::vector<CartChange>& changes) {
  for (const auto& c : changes) changed(c.cart_id, c.version, c.status);
}

Result<std::vector<std::string>> Service::abandon_idle(std::int64_t idle_us,
                                                       std::int64_t batch_max) {
  std::vector<CartRow> idle;
  RF_TRY(done, db_.write([&](store::Transaction& tx) -> Status {
    const auto now = clock_();
    RF_TRY(rows, repository::idle_carts(tx, now - idle_us, batch_max));
    idle = std::move(*rows);
    for (const auto& c : idle) {
      RF_TRY(moved, repository::advance(tx, c.id, c.version, status_abandoned, now));
      RF_TRY(event, publish_updated(tx, c.id));
    }
    return {};
  }));
  std::vector<std::string> ids;
  for (const auto& c : idle) {
    metrics_.abandoned_idle.inc();
    changed(c.id, c.version + 1, status_abandoned);
    ids.push_back(c.id);
  }
  return ids;
}

}  // namespace reskflow::carts
