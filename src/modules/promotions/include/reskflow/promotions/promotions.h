// The promotions module's public interface: discount codes and automatic campaigns funded by a
// merchant or the platform, what a basket gets (docs/promotions.md, "Stacking"), and the
// redemption of an order's discounts inside the order's transaction.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "reskflow/core/errors.h"
#include "reskflow/identity/identity.h"
#include "reskflow/ledger/ledger.h"
#include "reskflow/modules/module.h"
#include "reskflow/modules/money.h"
#include "reskflow/store/database.h"

namespace reskflow::promotions {

// Events promotions consumes (each through bus::handle_once):
//   orders.order.delivered                       a platform-funded discount is paid to the
//                                                merchant from platform promotions expense.
//   orders.order.rejected, .cancelled, .failed   the order's redemptions are given back.
//   orders.order.refunded                        given back, and the funding reversed.

// Who pays for a discount: the merchant (its payable is reduced) or the platform (its
// promotions expense account).
enum class Funder { merchant, platform };
std::string_view funder_name(Funder funder);

// An order being priced, as promotions needs to see it. The three amounts share one currency,
// the order's.
struct Basket {
  std::string customer_id;
  std::string merchant_id;
  modules::Money items;             // as shown (tax included when inclusive)
  modules::Money items_before_tax;  // what all discounts together may reach at most
  modules::Money delivery_fee;
  bool first_order = false;  // the customer has no earlier order that was not called off
  std::string code;          // what the customer typed; empty: none
  std::int64_t at_us = 0;
};

// One discount of a basket: a positive amount the order's total goes down by.
struct Discount {
  std::string promotion_id;
  std::string label;  // "Promotion WELCOME10: 10 % off"
  modules::Money amount;
  Funder funder = Funder::platform;
};

// Thread-safe; blocking (call from the worker pool).
class Promotions {
 public:
  virtual ~Promotions() = default;
  // The code's discount (if a code was given) and the best automatic campaign's. A code that is
  // unknown, not started, over, paused, used up or whose conditions the basket does not meet is
  // validation_failed on `promotion_code`, with the reason in plain words.
  virtual Result<std::vector<Discount>> discounts(const Basket& basket) = 0;
  // Inside the order's transaction: takes each discount from its promotion's budget, redemption
  // cap and the customer's limit with conditional updates, so concurrent checkouts never spend
  // more than a cap. validation_failed on `promotion_code` when a code ran out meanwhile,
  // conflict when an automatic campaign did.
  virtual Status redeem(store::Transaction& tx, std::string_view order_id, const Basket& basket,
                        const std::vector<Discount>& discounts) = 0;
};

class PromotionsModule : public modules::Module {
 public:
  virtual Promotions& promotions() = 0;
};

// The public interfaces promotions needs.
struct Deps {
  identity::Directory& directory;  // a merchant's managers and owners run its campaigns
  ledger::Ledger& ledger;          // platform-funded discounts paid to merchants at delivery
};

// Fails when a RESKFLOW_PROMOTIONS_* setting is malformed or unknown.
Result<std::unique_ptr<PromotionsModule>> make_module(const modules::Platform& platform, Deps deps);

}  // namespace reskflow::promotions
