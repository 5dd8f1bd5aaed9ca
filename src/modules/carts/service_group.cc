// Group carts: the invite (made, and shown again), joining and leaving, locking before
// checkout, abandoning; and where the host has the cart delivered.
#include "cart_limits.h"
#include "invite.h"
#include "rules.h"
#include "service.h"

namespace reskflow::carts {

Result<Invitation> Service::make_group(const Caller& caller, std::string_view cart_id,
                                       std::string_view host_display_name,
                                       std::optional<std::int64_t> if_match) {
  const auto nonce = new_invite_nonce();
  std::string token;
  RF_TRY(written,
         write_cart(
             caller, cart_id, {if_match, true},
             [&](store::Transaction& tx, const CartState& state) -> Result<Outcome> {
               RF_TRY(host, require_host(state.cart, caller.user_id, "invite people to this cart"));
               RF_TRY(open, require_open(state.cart));
               token = invite_token(invite_key_, state.cart.id, nonce);
               RF_TRY(group, repository::set_group(tx, cart_id, invite_token_hash(token), nonce));
               RF_TRY(named, repository::rename_participant(tx, cart_id, caller.user_id,
                                                            host_display_name));
               return Outcome{};
             }));
  RF_TRY(cart, price(*written));
  return Invitation{token, std::move(*cart)};
}

Result<Invitation> Service::show_invite(const Caller& caller, std::string_view cart_id) {
  RF_TRY(state, load_visible(Caller{caller.user_id, false}, cart_id));
  const auto& cart = state->cart;
  RF_TRY(host, require_host(cart, caller.user_id, "see the invite link"));
  if (!cart.group || cart.invite_token_hash.empty())
    return fail(ErrorCode::not_found, "This cart has no invite link yet; make one first.");
  auto token = invite_token(invite_key_, cart.id, cart.invite_nonce);
  if (cart.invite_nonce.empty() || invite_token_hash(token) != cart.invite_token_hash)
    return fail(ErrorCode::conflict,
                "This invite link can no longer be shown; make a new link, and the old one "
                "stops working.");
  RF_TRY(priced, price(*state));
  return Invitation{std::move(token), std::move(*priced)};
}

Result<PricedCart> Service::set_delivery_point(const Caller& caller, std::string_view cart_id,
                                               modules::geo::Point point,
                                               std::optional<std::int64_t> if_match) {
  RF_TRY(written,
         write_cart(caller, cart_id, {if_match, true},
                    [&](store::Transaction& tx, const CartState& state) -> Result<Outcome> {
                      RF_TRY(host, require_host(state.cart, caller.user_id,
                                                "choose where the cart is delivered"));
                      if (state.cart.status != status_locked) {
                        RF_TRY(open, require_open(state.cart));
                      }
                      const auto& now = state.cart.delivery_point;
                      if (now && now->lat == point.lat && now->lng == point.lng)
                        return Outcome{false, {}};
                      RF_TRY(set, repository::set_delivery_point(tx, cart_id, point));
                      return Outcome{};
                    }));
  return price(*written);
}

Result<InvitePreview> Service::preview_invite(const Caller& caller, std::string_view token) {
  if (!plausible_invite_token(token)) return fail(ErrorCode::not_found, "no such invitation");
  RF_TRY(state, db_.read([&](store::Transaction& tx) -> Result<std::optional<CartState>> {
    RF_TRY(id, repository::cart_by_invite(tx, invite_token_hash(token)));
    if (!*id) return std::optional<CartState>{};
    return repository::load(tx, **id);
  }));
  if (!*state) return fail(ErrorCode::not_found, "no such invitation");
  const auto& s = **state;
  InvitePreview out{s.cart.id,
                    s.cart.merchant_id,
                    {},
                    {},
                    static_cast<std::int64_t>(s.participants.size()),
                    s.cart.status,
                    s.participant(caller.user_id) != nullptr};
  for (const auto& p : s.participants) {
    if (p.host) out.host_display_name = p.display_name;
  }
  auto merchant = catalog_.merchant(s.cart.merchant_id);
  if (merchant) {
    out.merchant_name = merchant->name;
  } else if (merchant.error().code != ErrorCode::not_found) {
    return std::unexpected(merchant.error());
  }
  return out;
}

Result<Written> Service::join(const Caller& caller, std::string_view token,
                              std::string_view display_name) {
  if (!plausible_invite_token(token)) return fail(ErrorCode::not_found, "no such invitation");
  const auto hash = invite_token_hash(token);
  RF_TRY(id,
         db_.read([&](store::Transaction& tx) { return repository::cart_by_invite(tx, hash); }));
  if (!*id) return fail(ErrorCode::not_found, "no such invitation");
  bool joined = false;
  RF_TRY(written,
         write_cart(
             caller, **id, {std::nullopt, false},
             [&](store::Transaction& tx, const CartState& state) -> Result<Outcome> {
               joined = false;
               // The host made a new link between our lookup and now.
               if (state.cart.invite_token_hash != hash)
                 return fail(ErrorCode::not_found, "no such invitation");
               if (state.participant(caller.user_id) != nullptr) return Outcome{false, {}};
               if (state.cart.status == status_locked)
                 return fail(ErrorCode::invalid_transition,
                             "The host locked this group order; nobody can join it now.");
               if (state.cart.status != status_open)
                 return fail(ErrorCode::invalid_transition, "This group order is closed.");
               if (state.participants.size() >= cart_participants_max)
                 return fail(ErrorCode::conflict, "This group order is full (" +
                                                      std::to_string(cart_participants_max) +
                                                      " people).");
               RF_TRY(count, repository::active_cart_count(tx, caller.user_id));
               if (*count >= static_cast<std::int64_t>(active_carts_per_customer_max))
                 return fail(ErrorCode::conflict,
                             "You are already in " + std::to_string(active_carts_per_customer_max) +
                                 " active carts; check one out or leave one first.");
               RF_TRY(added, repository::insert_participant(
                                 tx, state.cart.id,
                                 {caller.user_id, std::string(display_name), false, clock_()}));
               joined = true;
               return Outcome{};
             }));
  if (joined) metrics_.group_joins.inc();
  RF_TRY(cart, price(*written));
  return Written{std::move(*cart), joined};
}

Result<std::int64_t> Service::remove_participant(const Caller& caller, std::string_view cart_id,
                                                 std::string_view user_id,
                                                 std::optional<std::int64_t> if_match) {
  RF_TRY(written,
         write_cart(caller, cart_id, {if_match, true},
                    [&](store::Transaction& tx, const CartState& state) -> Result<Outcome> {
                      if (user_id != caller.user_id) {
                        RF_TRY(host, require_host(state.cart, caller.user_id,
                                                  "remove other participants"));
                      }
                      if (state.participant(user_id) == nullptr)
                        return fail(ErrorCode::not_found, "no such participant");
                      if (user_id == state.cart.host_id)
                        return fail(ErrorCode::invalid_transition,
                                    "The host cannot leave their own cart; abandon it "
                                    "instead.");
                      RF_TRY(open, require_open(state.cart));
                      RF_TRY(gone, repository::delete_participant(tx, cart_id, user_id));
                      return Outcome{};
                    }));
  return written->cart.version;
}

Result<PricedCart> Service::set_locked(const Caller& caller, std::string_view cart_id, bool locked,
                                       std::optional<std::int64_t> if_match) {
  const std::string_view target = locked ? status_locked : status_open;
  RF_TRY(written,
         write_cart(caller, cart_id, {if_match, true},
                    [&](store::Transaction&, const CartState& state) -> Result<Outcome> {
                      RF_TRY(host,
                             require_host(state.cart, caller.user_id, "lock or unlock the cart"));
                      if (state.cart.status == target) return Outcome{false, {}};
                      if (state.cart.status != status_open && state.cart.status != status_locked) {
                        RF_TRY(open, require_open(state.cart));
                      }
                      return Outcome{true, target};
                    }));
  return price(*written);
}

Result<std::int64_t> Service::abandon(const Caller& caller, std::string_view cart_id,
                                      std::optional<std::int64_t> if_match) {
  bool abandoned = false;
  RF_TRY(written, write_cart(caller, cart_id, {if_match, true},
                             [&](store::Transaction&, const CartState& state) -> Result<Outcome> {
                               abandoned = false;
                               RF_TRY(host, require_host(state.cart, caller.user_id,
                                                         "abandon the cart; leave it instead"));
                               if (state.cart.status == status_abandoned) return Outcome{false, {}};
                               if (state.cart.status == status_checked_out)
                                 return fail(ErrorCode::invalid_transition,
                                             "This cart was already checked out.");
                               abandoned = true;
                               return Outcome{true, status_abandoned};
                             }));
  if (abandoned) metrics_.abandoned_by_host.inc();
  return written->cart.version;
}

}  // namespace reskflow::carts
