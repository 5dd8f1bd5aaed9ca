// The carts module's public interface: carts with a fresh price preview, and group carts. The
// orders module reads a priced cart to check it out and marks it checked out through Carts.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reskflow/catalog/catalog.h"
#include "reskflow/core/errors.h"
#include "reskflow/core/http.h"
#include "reskflow/identity/identity.h"
#include "reskflow/modules/authenticator.h"
#include "reskflow/modules/geo.h"
#include "reskflow/modules/module.h"
#include "reskflow/modules/money.h"
#include "reskflow/store/database.h"

namespace reskflow::carts {

// A cart's lifecycle: open (editable), locked (by the host, before checkout), abandoned (by
// the host or after a long idle time), checked_out (by orders).
inline constexpr std::string_view status_open = "open";
inline constexpr std::string_view status_locked = "locked";
inline constexpr std::string_view status_abandoned = "abandoned";
inline constexpr std::string_view status_checked_out = "checked_out";

struct PricedOption {
  std::string id;
  std::string group_id;
  std::string name;
  modules::Money price_delta;
};

// One line re-priced against the current menu. An unavailable line keeps the name and prices
// it had when last written, says why in `problem`, and counts in no total.
struct PricedLine {
  std::string id;
  std::string participant_id;  // the user who added it
  std::string item_id;
  std::string name;
  std::int64_t quantity = 0;
  std::vector<PricedOption> options;
  std::string note;           // empty: none
  modules::Money unit_price;  // in the cart's currency, like every amount of a cart
  modules::Money total;
  bool available = true;
  // The unit price when the line was last written, when the menu price differs from it now.
  std::optional<modules::Money> previous_unit_price;
  std::string problem;  // plain words for the customer; empty when there is none
  std::int64_t created_at_us = 0;
};

// One participant's share of a cart: their lines and what they add up to.
struct Share {
  std::string user_id;
  std::string display_name;
  bool host = false;
  std::vector<std::string> line_ids;
  std::int64_t item_count = 0;
  modules::Money subtotal;
  std::int64_t joined_at_us = 0;
};

struct PricedCart {
  std::string id;
  std::string host_id;
  std::string merchant_id;
  std::string merchant_name;
  std::string currency;
  std::string status;
  bool group = false;
  std::int64_t version = 0;
  std::vector<PricedLine> lines;
  std::vector<Share> participants;
  modules::Money subtotal;      // available lines only
  std::int64_t item_count = 0;  // quantities of available lines
  modules::Money minimum_order;
  bool meets_minimum = false;
  bool merchant_open = false;
  // Where the host wants it delivered; whether the merchant delivers there (nullopt without a
  // point, or when the catalog no longer knows the merchant), and if not, why in plain words.
  std::optional<modules::geo::Point> delivery_point;
  std::optional<bool> delivers_to_point;
  std::string delivery_problem;  // empty when there is none
  std::int64_t created_at_us = 0;
  std::int64_t updated_at_us = 0;
};

// Thread-safe; blocking (call from the worker pool).
class Carts {
 public:
  virtual ~Carts() = default;

  // The cart with every line re-priced now; not_found when there is no such cart.
  virtual Result<PricedCart> priced_cart(std::string_view cart_id) = 0;
  // Inside the caller's transaction (orders places the order in the same one): an open or
  // locked cart at exactly `version` becomes checked_out. precondition_failed when the cart
  // changed since that version, invalid_transition when it is abandoned or already checked
  // out, not_found when there is no such cart.
  virtual Status mark_checked_out(store::Transaction& tx, std::string_view cart_id,
                                  std::int64_t version) = 0;
};

class CartsModule : public modules::Module {
 public:
  virtual Carts& carts() = 0;
};

// The public interfaces carts needs.
struct Deps {
  catalog::Catalog& catalog;              // prices lines
  identity::Directory& directory;         // age verification for age-restricted items
  modules::Authenticator& authenticator;  // who opened a WebSocket: the "cart.<cart_id>"
                                          // topics are only for its host and participants
};

// Fails when a RESKFLOW_CARTS_* setting is malformed or unknown.
Result<std::unique_ptr<CartsModule>> make_module(const modules::Platform& platform, Deps deps);

}  // namespace reskflow::carts
