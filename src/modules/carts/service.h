// The cart rules: one active cart per customer and merchant, lines validated and priced by the
// catalog, group carts with invite tokens, locking, optimistic concurrency by version, and the
// carts.cart.updated event in every writing transaction. No HTTP here, no SQL strings.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "metrics.h"
#include "repository.h"
#include "reskflow/carts/carts.h"
#include "reskflow/catalog/catalog.h"
#include "reskflow/identity/identity.h"
#include "reskflow/modules/clock.h"
#include "reskflow/store/database.h"

namespace reskflow::carts {

// Who calls: a customer, or an admin (who may read any cart and write none).
struct Caller {
  std::string user_id;
  bool admin = false;
};

struct LineInput {
  std::string item_id;
  std::int64_t quantity = 1;
  std::vector<std::string> option_ids;
  std::string note;  // empty: none
};

// PATCH: only the fields present change; an empty note clears it.
struct LineChange {
  std::optional<std::int64_t> quantity;
  std::optional<std::vector<std::string>> option_ids;
  std::optional<std::string> note;
};

// A cart after a write, with whether the write created what it names (201 vs 200).
struct Written {
  PricedCart cart;
  bool created = false;
};

// A committed change to a cart, as the change listener hears of it.
struct CartChange {
  std::string cart_id;
  std::int64_t version = 0;
  std::string status;  // "deleted" when the cart went with its host's personal data
};

struct CartPage {
  std::vector<CartSummary> carts;
  std::string next_cursor;  // empty on the last page
};

struct Invitation {
  std::string token;  // derived again from the stored nonce to show the link again
  PricedCart cart;
};

struct InvitePreview {
  std::string cart_id;
  std::string merchant_id;
  std::string merchant_name;
  std::string host_display_name;
  std::int64_t participant_count = 0;
  std::string status;
  bool joined = false;  // the caller is already in it
};

class Service {
 public:
  // invite_key: invite.h's invite_key() of the server's secret.
  Service(store::Database& db, catalog::Catalog& catalog, identity::Directory& directory,
          CartsMetrics& metrics, modules::Clock clock, std::string invite_key);

  // The caller's active cart at the merchant (created == false), or a new one; a delivery
  // point given is the cart's from then on.
  Result<Written> open_cart(const Caller& caller, std::string_view merchant_id,
                            std::optional<modules::geo::Point> delivery_point = std::nullopt);
  // cursor: empty, or the next_cursor of the previous page.
  Result<CartPage> list(const Caller& caller, std::string_view cursor, std::int64_t limit);
  Result<PricedCart> get(const Caller& caller, std::string_view cart_id);
  Result<PricedCart> priced(std::string_view cart_id);

  // Every write takes the version the client last saw (If-Match), if it sent one.
  // The host gives the cart up; the new version.
  Result<std::int64_t> abandon(const Caller& caller, std::string_view cart_id,
                               std::optional<std::int64_t> if_match);
  // Identical choices (item, options, note) of the same participant merge into one line.
  Result<PricedCart> add_line(const Caller& caller, std::string_view cart_id, LineInput input,
                              std::optional<std::int64_t> if_match);
  Result<PricedCart> change_line(const Caller& caller, std::string_view cart_id,
                                 std::string_view line_id, const LineChange& change,
                                 std::optional<std::int64_t> if_match);
  Result<PricedCart> remove_line(const Caller& caller, std::string_view cart_id,
                                 std::string_view line_id, std::optional<std::int64_t> if_match);

  Result<Invitation> make_group(const Caller& caller, std::string_view cart_id,
                                std::string_view host_display_name,
                                std::optional<std::int64_t> if_match);
  Result<InvitePreview> preview_invite(const Caller& caller, std::string_view token);
  Result<Written> join(const Caller& caller, std::string_view token, std::string_view display_name);
  // The host removes someone (with their lines), or a participant leaves. The new version.
  Result<std::int64_t> remove_participant(const Caller& caller, std::string_view cart_id,
                                          std::string_view user_id,
                                          std::optional<std::int64_t> if_match);
  // The host sets where the cart is to be delivered (open or locked carts); the preview says
  // whether the merchant delivers there.
  Result<PricedCart> set_delivery_point(const Caller& caller, std::string_view cart_id,
                                        modules::geo::Point point,
                                        std::optional<std::int64_t> if_match);
  // The host sees the current invite link again, unchanged; not_found when the cart is not a
  // group cart, conflict when its link cannot be derived again (made before links could be
  // shown again, or under another server secret): make a new one then.
  Result<Invitation> show_invite(const Caller& caller, std::string_view cart_id);
  Result<PricedCart> set_locked(const Caller& caller, std::string_view cart_id, bool locked,
                                std::optional<std::int64_t> if_match);

  // Carts::mark_checked_out, inside the caller's transaction.
  Status mark_checked_out(store::Transaction& tx, std::string_view cart_id, std::int64_t version);
  // GDPR: deletes the carts the user hosts and takes them (with their lines) out of others'.
  // What changed, to announce with notify() once the transaction committed.
  Result<std::vector<CartChange>> erase_user(store::Transaction& tx, std::string_view user_id);
  void notify(const std::vector<CartChange>& changes);
  // Abandons at most batch_max carts idle since before now - idle_us; their ids.
  Result<std::vector<std::string>> abandon_idle(std::int64_t idle_us, std::int64_t batch_max);

  // Called after every committed change to a cart (the module publishes a WebSocket message);
  // set before the service is shared between threads.
  using ChangeListener = std::function<void(const std::string& cart_id, std::int64_t version,
                                            std::string_view status)>;
  void on_change(ChangeListener listener) { on_change_ = std::move(listener); }
  // True when the user hosts or joined the cart (WebSocket topic authorisation).
  Result<bool> is_member(std::string_view cart_id, std::string_view user_id);

 private:
  // What a change did: nothing (no new version, no event), or a new version, possibly with a
  // new status.
  struct Outcome {
    bool changed = true;
    std::string_view status;  // empty: unchanged
  };
  // A change to one loaded cart inside the writing transaction: checks the rules and writes
  // its rows.
  using Change = std::function<Result<Outcome>(store::Transaction&, const CartState&)>;
  struct Expect {
    std::optional<std::int64_t> client;  // If-Match: a mismatch is 412
    bool member = true;                  // the caller must host or have joined the cart
  };
  // Loads the cart, applies `change`, moves the version on, publishes and returns the cart
  // as it is after the change (read once more, in the same transaction).
  Result<CartState> write_cart(const Caller& caller, std::string_view cart_id, const Expect& expect,
                               const Change& change);
  // precondition_failed (and counted) when the client saw another version.
  Status check_if_match(std::optional<std::int64_t> if_match, std::int64_t version);
  Result<CartState> load_visible(const Caller& caller, std::string_view cart_id);
  Result<PricedCart> price(const CartState& state);
  // With the merchant as this request already read it.
  Result<PricedCart> price(const CartState& state,
                           const Result<catalog::MerchantSummary>& merchant);
  Status publish_updated(store::Transaction& tx, std::string_view cart_id);
  // carts.cart.updated for the cart as it stands in `state`, without reading it again.
  Status publish_state(store::Transaction& tx, const CartState& state);
  void changed(const std::string& cart_id, std::int64_t version, std::string_view status);
  // A line priced for the cart, and the merchant as read to price it.
  struct PricedChoice {
    catalog::MerchantSummary merchant;
    catalog::PricedLine line;
  };
  Result<PricedChoice> price_new_line(const Caller& caller, const CartState& state,
                                      const LineInput& line);
  // Writes a priced line into the cart `snapshot` was read from, only while the cart is still
  // at that version (the version check is the update's condition, so the transaction reads
  // nothing): the cart after the write, or nullopt when it moved meanwhile.
  Result<std::optional<CartState>> write_line(const CartState& snapshot, const LineRow& row);

  store::Database& db_;
  catalog::Catalog& catalog_;
  identity::Directory& directory_;
  CartsMetrics& metrics_;
  modules::Clock clock_;
  std::string invite_key_;
  ChangeListener on_change_;
};

}  // namespace reskflow::carts
