// The promotion rules: creating and running campaigns, what a basket gets and the redemption of
// an order's discounts (service_discounts.cc), and the consumed orders events that settle or
// give back redemptions (service_orders.cc). No HTTP here, no SQL strings, no JSON.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "metrics.h"
#include "promotion.h"
#include "reskflow/bus/event.h"
#include "reskflow/ledger/ledger.h"
#include "reskflow/modules/clock.h"
#include "reskflow/modules/page.h"
#include "reskflow/promotions/promotions.h"
#include "reskflow/store/database.h"
#include "settings.h"

namespace reskflow::promotions {

// The consumers of orders events, named in the bus's progress table.
inline constexpr std::string_view consumer_delivered = "promotions.order_delivered";
inline constexpr std::string_view consumer_called_off = "promotions.order_called_off";
inline constexpr std::string_view consumer_refunded = "promotions.order_refunded";

inline constexpr std::int64_t code_chars_max = 32;
inline constexpr std::int64_t name_chars_max = 100;

struct PromotionPage {
  std::vector<Promotion> promotions;
  std::optional<std::string> next_cursor;
};

// pause, resume or end.
enum class StatusAction { pause, resume, end };

// The commit channels of a redeemed code and a redeemed automatic campaign.
inline constexpr std::string_view redeemed_code_channel = "promotions.redeemed.code";
inline constexpr std::string_view redeemed_campaign_channel = "promotions.redeemed.campaign";

class Service final : public Promotions {
 public:
  Service(store::Database& db, ledger::Ledger& ledger, const PromotionsSettings& settings,
          PromotionsMetrics& metrics, modules::Clock clock);

  // A new promotion of the merchant (`draft.merchant_id`) or of the platform (empty), active at
  // once. validation_failed naming the field for rules that span fields; conflict when another
  // promotion that has not ended has the code.
  Result<Promotion> create(std::string_view user_id, Promotion draft);
  // The merchant's (empty: the platform's) promotions, newest first.
  Result<PromotionPage> list(std::string_view merchant_id, const modules::PageRequest& page);
  // not_found unless the promotion is the merchant's (empty: the platform's).
  Result<Promotion> get(std::string_view merchant_id, std::string_view id);
  // invalid_transition from ended, or resuming what is not paused, or pausing what is not active.
  Result<Promotion> change_status(std::string_view merchant_id, std::string_view id,
                                  StatusAction action);

  Result<std::vector<Discount>> discounts(const Basket& basket) override;
  Status redeem(store::Transaction& tx, std::string_view order_id, const Basket& basket,
                const std::vector<Discount>& discounts) override;

  // orders.order.delivered: reserved redemptions are funded; a platform-funded one is paid to
  // the merchant from promotions_expense in the ledger.
  Status on_order_delivered(const bus::Envelope& event);
  // orders.order.rejected, .cancelled, .failed: reserved redemptions are given back.
  Status on_order_called_off(const bus::Envelope& event);
  // orders.order.refunded: reserved ones are given back, funded ones reversed and given back.
  Status on_order_refunded(const bus::Envelope& event);

 private:
  Status rejected(const bus::Envelope& event);

  store::Database& db_;
  ledger::Ledger& ledger_;
  PromotionsSettings settings_;
  PromotionsMetrics& metrics_;
  modules::Clock clock_;
  // promotions_redemptions_total counts when the order's transaction commits, never when it is
  // rolled back or run again (a storage_busy retry): one listener per kind of discount, since a
  // basket redeems at most one code and one automatic campaign (service_discounts.cc).
  store::CommitSubscription code_redeemed_;
  store::CommitSubscription campaign_redeemed_;
};

}  // namespace reskflow::promotions
