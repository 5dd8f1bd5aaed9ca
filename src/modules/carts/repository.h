// SQL over the carts module's own tables (carts_carts, carts_participants, carts_lines). Every
// function runs inside the caller's transaction; the rules live in the service.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reskflow/carts/carts.h"
#include "reskflow/modules/geo.h"
#include "reskflow/store/database.h"

namespace reskflow::carts {

struct CartRow {
  std::string id;
  std::string host_id;
  std::string merchant_id;
  std::string currency;
  std::string status;
  bool group = false;
  std::string invite_token_hash;  // empty until the cart becomes a group cart
  std::int64_t version = 0;
  std::int64_t created_at_us = 0;
  std::int64_t updated_at_us = 0;
  std::optional<modules::geo::Point> delivery_point;  // nullopt until the host sets one
  std::string invite_nonce;  // the current invite link's; empty without one
};

struct ParticipantRow {
  std::string user_id;
  std::string display_name;
  bool host = false;
  std::int64_t joined_at_us = 0;
};

// A line as stored: the customer's choice, and what the catalog said when it was last written.
struct LineRow {
  std::string id;
  std::string participant_id;
  std::string item_id;
  std::string name;
  std::int64_t quantity = 0;
  std::vector<std::string> option_ids;  // sorted: identical choices compare equal
  std::vector<PricedOption> options;
  std::string note;
  modules::Money unit_price;  // in the cart's currency
  std::int64_t created_at_us = 0;
  std::int64_t updated_at_us = 0;
};

struct CartState {
  CartRow cart;
  std::vector<ParticipantRow> participants;  // by join time, host first
  std::vector<LineRow> lines;                // by creation time

  const ParticipantRow* participant(std::string_view user_id) const;
  const LineRow* line(std::string_view line_id) const;
};

// A row of the caller's cart list: no re-pricing, stored quantities only.
struct CartSummary {
  CartRow cart;
  bool host = false;
  std::int64_t line_count = 0;
  std::int64_t item_count = 0;
};

// What carts.cart.updated carries, from the stored lines.
struct StoredTotals {
  std::int64_t item_count = 0;
  modules::Money subtotal;
};

// Sorted option ids as one canonical text (a JSON array), and back.
std::string option_ids_text(const std::vector<std::string>& sorted_ids);

namespace repository {

Result<std::optional<CartState>> load(store::Transaction& tx, std::string_view cart_id);
Result<std::optional<CartRow>> cart(store::Transaction& tx, std::string_view cart_id);
Result<bool> is_participant(store::Transaction& tx, std::string_view cart_id,
                            std::string_view user_id);
Result<std::optional<std::string>> active_cart_id(store::Transaction& tx, std::string_view host_id,
                                                  std::string_view merchant_id);
// Open or locked carts the user hosts or joined.
Result<std::int64_t> active_cart_count(store::Transaction& tx, std::string_view user_id);
// False when the user already has an active cart at that merchant (the unique index).
Result<bool> insert_cart(store::Transaction& tx, const CartRow& cart);
Status insert_participant(store::Transaction& tx, std::string_view cart_id,
                          const ParticipantRow& participant);
Status rename_participant(store::Transaction& tx, std::string_view cart_id,
                          std::string_view user_id, std::string_view display_name);
// Removes the participant and, by cascade, their lines.
Status delete_participant(store::Transaction& tx, std::string_view cart_id,
                          std::string_view user_id);
Status insert_line(store::Transaction& tx, std::string_view cart_id, const LineRow& line);
// Writes quantity, choices, note and the catalog's name, options and unit price.
Status update_line(store::Transaction& tx, std::string_view cart_id, const LineRow& line);
Status delete_line(store::Transaction& tx, std::string_view cart_id, std::string_view line_id);
Status set_group(store::Transaction& tx, std::string_view cart_id, std::string_view token_hash,
                 std::string_view nonce);
Status set_delivery_point(store::Transaction& tx, std::string_view cart_id,
                          modules::geo::Point point);
// Moves the cart from `version` to version + 1 with `status`; false when it was not at
// `version` (someone else wrote first).
Result<bool> advance(store::Transaction& tx, std::string_view cart_id, std::int64_t version,
                     std::string_view status, std::int64_t now_us);
Result<std::optional<std::string>> cart_by_invite(store::Transaction& tx,
                                                  std::string_view token_hash);
Result<StoredTotals> stored_totals(store::Transaction& tx, std::string_view cart_id);
// The user's active carts, newest first, with ids below `before_id` when it is not empty.
Result<std::vector<CartSummary>> list_active(store::Transaction& tx, std::string_view user_id,
                                             std::string_view before_id, std::int64_t limit);
// Open or locked carts last changed before `before_us`, oldest first.
Result<std::vector<CartRow>> idle_carts(store::Transaction& tx, std::int64_t before_us,
                                        std::int64_t limit);
Result<std::vector<std::string>> hosted_cart_ids(store::Transaction& tx, std::string_view user_id);
Result<std::vector<std::string>> joined_cart_ids(store::Transaction& tx, std::string_view user_id);
Status delete_cart(store::Transaction& tx, std::string_view cart_id);

}  // namespace repository
}  // namespace reskflow::carts
