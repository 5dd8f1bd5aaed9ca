// The order rules: checkout from a cart (priced on the server, stock reserved, payment
// authorized, the cart checked out, all or nothing), quotes, the state machine with its payment
// steps, and the reads of each kind of caller. No HTTP here, no SQL strings, no JSON.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lifecycle.h"
#include "metrics.h"
#include "order.h"
#include "repository.h"
#include "reskflow/bus/event.h"
#include "reskflow/carts/carts.h"
#include "reskflow/catalog/catalog.h"
#include "reskflow/modules/clock.h"
#include "reskflow/orders/orders.h"
#include "reskflow/payments/payments.h"
#include "reskflow/promotions/promotions.h"
#include "reskflow/store/database.h"
#include "settings.h"

namespace reskflow::orders {

// Who calls: a customer, or an admin (who may read any order).
struct Caller {
  std::string user_id;
  bool admin = false;
};

struct CheckoutRequest {
  std::string cart_id;
  Delivery delivery;
  std::int64_t tip_minor = 0;  // in the cart's currency
  std::optional<std::int64_t> scheduled_for_us;
  std::string quote_id;        // empty: none; else the quote the customer saw
  std::string payment_method;  // a test card number or a provider's payment method id
  std::string promotion_code;  // empty: none; automatic campaigns apply either way
  // A locked group cart paid by each participant for their share (service_payment.cc); the
  // payment method, if any, pays the host's share at once.
  bool split = false;
};

// A transition asked for by `actor` (`user_id` empty for the system).
struct TransitionRequest {
  std::string next;
  Actor actor = Actor::customer;
  std::string user_id;
  std::string reason;                             // rejections, cancellations, failures, refunds
  std::optional<std::int64_t> prep_time_minutes;  // accepting
};

// One change of a modification: with `line` (an index into the order's lines), that line's new
// quantity (0 removes it); without, a new line of the merchant's menu.
struct LineChange {
  std::optional<std::int64_t> line;
  std::string item_id;
  std::int64_t quantity = 0;
  std::vector<std::string> option_ids;
  std::string note;
};

struct ModificationRequest {
  std::vector<LineChange> changes;
};

// A refund of a delivered order asked for by an admin or the merchant's staff (`actor`).
struct RefundRequest {
  modules::Money amount;
  std::string reason;  // the customer and the ledger see it
  Actor actor = Actor::admin;
  std::string user_id;
  std::string request_key;  // the request's Idempotency-Key: a retry finishes the same refund
};

// An order's refunds and what may still be refunded, as `actor` sees it.
struct RefundSummary {
  modules::Money paid;        // captured from every payer
  modules::Money refunded;    // given back so far, by anyone
  modules::Money refundable;  // what an admin may still refund
  // What the merchant may still refund under its policy, and until when; nullopt when the
  // policy allows it nothing (not delivered, or too long ago).
  std::optional<modules::Money> merchant_refundable;
  std::optional<std::int64_t> merchant_refund_until_us;
  std::vector<OrderRefund> refunds;
};

struct OrderPage {
  std::vector<Order> orders;
  std::string next_cursor;  // empty on the last page
};

// The request's Idempotency-Key when checkout writes it itself (docs/idempotency.md, "Keys
// written with the work"): claimed first thing in the order's transaction (or, before an outside
// processor is asked to hold money, in a transaction of its own), its response written last in
// the order's transaction. Empty members: no key.
struct CheckoutKey {
  std::function<Result<bool>()> claim;  // false: another request holds or answered the key
  std::function<Status(store::Transaction&)> take;
  std::function<Status(store::Transaction&, const Order&)> write;
};

// A committed change, for the WebSocket topics.
using ChangeListener = std::function<void(const Order&)>;

class Service {
 public:
  Service(store::Database& db, carts::Carts& carts, catalog::Catalog& catalog,
          payments::Payments& payments, promotions::Promotions& promotions,
          subscriptions::Subscriptions& subscriptions, const OrdersSettings& settings,
          OrdersMetrics& metrics, modules::Clock clock);

  void on_change(ChangeListener listener) { listener_ = std::move(listener); }

  // The breakdown placing would give now, stored under a new id until it expires.
  Result<Quote> quote(const Caller& caller, const CheckoutRequest& request);
  // conflict with members quote_id, total_minor, currency and changes (plain words) when the
  // named quote expired or its price changed; payment_declined when the card is refused. With
  // a payment the provider books in our database (payments::authorizes_in_transaction), the
  // charge, the intent, the order with its stock and cart, and `key` commit in one transaction.
  Result<Order> place(const Caller& caller, const CheckoutRequest& request,
                      const CheckoutKey& key = {});

  // Paying later (service_payment.cc, docs/orders.md "Paying later"). A participant of a split
  // order awaiting payment pays their share; the last share authorized places the order.
  // payment_declined (the share then says why; another card may be tried), invalid_transition
  // once the order no longer awaits payment, not_found for someone without a share.
  Result<Order> pay_share(const Caller& caller, std::string_view order_id,
                          const std::string& payment_method);
  // Brings an order awaiting payment up to date with its intents: placed once every share is
  // authorized, cancelled when a single payer's challenge failed. Other orders are returned as
  // they are.
  Result<Order> settle_payment(std::string_view order_id);
  // payments.intent.authorized / .failed: the order of the intent is settled.
  Status on_payment_changed(const bus::Envelope& event);
  // Cancels up to batch_max orders still unpaid at their due time, releasing every hold; how
  // many it looked at (a full batch: call again).
  Result<std::int64_t> expire_unpaid(std::int64_t batch_max);
  // The order checked out from a cart, for its customer or a payer of a share; an empty page
  // when there is none the caller may see.
  Result<OrderPage> order_of_cart(const Caller& caller, std::string_view cart_id);

  // The customer's own order, an order the caller pays a share of, or, for an admin, any;
  // not_found otherwise.
  Result<Order> get(const Caller& caller, std::string_view order_id);
  // Any order: for routes that checked the caller is the merchant's staff.
  Result<Order> get_any(std::string_view order_id);
  Result<OrderPage> list(repository::Filter filter);
  // The merchant's queue: orders whose queue time has come, oldest first.
  Result<OrderPage> merchant_queue(std::string_view merchant_id, std::string status,
                                   std::string cursor, std::int64_t limit);

  // Changes the lines of a placed or accepted order (service_modify.cc): re-priced, the stock
  // and the hold adjusted, published as orders.order.modified. invalid_transition naming the
  // state once preparation started; payment_declined when the card cannot hold a higher total.
  Result<Order> modify(const Caller& caller, std::string_view order_id,
                       const ModificationRequest& request);

  // Moves the order along one edge of the state machine, with its payment step (release the
  // hold, capture, refund) and stock (given back on rejection and cancellation).
  Result<Order> transition(std::string_view order_id, const TransitionRequest& request);
  // Gives back part or all of a delivered order's payment (service_refunds.cc, docs/orders.md
  // "Refunds"): an admin up to what is left; the merchant within its policy (forbidden
  // otherwise, in plain words), its part of the capture paying first. validation_failed beyond
  // what is left, invalid_transition unless delivered. The same request_key finishes the same
  // refund.
  Result<OrderRefund> refund(std::string_view order_id, const RefundRequest& request);
  Result<RefundSummary> refunds(std::string_view order_id);

  // Delivery operations' view of an order, and the platform courier's moves
  // (service_delivery.cc; see Orders in orders.h).
  Result<DeliveryOrder> delivery_order(std::string_view order_id);
  Status courier_transition(std::string_view order_id, std::string_view next,
                            std::string_view reason);

  // Rejects up to batch_max placed orders nobody answered within the acceptance timeout; how
  // many it looked at (a full batch: call again).
  Result<std::int64_t> reject_unanswered(std::int64_t batch_max);
  // Tries again up to batch_max hold releases that are due (service_releases.cc); how many it
  // looked at (a full batch: call again).
  Result<std::int64_t> retry_releases(std::int64_t batch_max);

 private:
  // A cart checked and priced for checkout (service.cc).
  struct Checkout {
    carts::PricedCart cart;
    catalog::MerchantSummary merchant;
    PriceBreakdown price;
    promotions::Basket basket;  // as promotions saw it, to redeem the discounts with the order
    std::vector<promotions::Discount> discounts;
  };
  Result<Checkout> prepare(const Caller& caller, const CheckoutRequest& request);
  Status check_cart(const Caller& caller, const carts::PricedCart& cart);
  Status check_merchant(const CheckoutRequest& request, const catalog::MerchantSummary& merchant,
                        const carts::PricedCart& cart);
  // The price with the discounts promotions gives the basket (service.cc).
  Result<PriceBreakdown> price(const Caller& caller, const CheckoutRequest& request,
                               const catalog::MerchantSummary& merchant,
                               const carts::PricedCart& cart, Checkout& checkout);
  Status check_quote(const Caller& caller, const CheckoutRequest& request,
                     const Checkout& checkout);
  Result<payments::Intent> authorize(const Caller& caller, const CheckoutRequest& request,
                                     const Order& order);
  // The order, its stock, the checked-out cart, its redeemed discounts and its event, in `tx`:
  // a transaction of `placing` isolation (below).
  Status write_order_in(store::Transaction& tx, const Order& order, std::int64_t cart_version,
                        const Checkout& checkout);
  // write_order_in and, when set, the key in one transaction.
  Status write_order(const Order& order, std::int64_t cart_version, const Checkout& checkout,
                     const CheckoutKey& key = {});
  // Checkout whose payment is authorized in the order's own transaction (service.cc).
  Result<Order> place_at_once(const Caller& caller, const CheckoutRequest& request, Order order,
                              const Checkout& checkout, const CheckoutKey& key,
                              std::chrono::steady_clock::time_point started);
  // The intent on the order; a challenge makes the order wait for it.
  void attach_payment(Order& order, const Caller& caller, const payments::Intent& intent);
  // Counts and announces a placed (or waiting) order.
  void placed(const Order& order, std::chrono::steady_clock::time_point started);
  // How the order's items must be carried (service_delivery.cc): ID check, cold chain.
  Status add_handling(Order& order);
  Status take_payment(const Order& order, std::string_view next, const std::string& reason);
  Status take_split_payment(const Order& order, std::string_view next, const std::string& reason);
  // Checkout of a split order, or of a card that asks for a challenge: the order waits.
  Result<Order> place_split(const Caller& caller, const CheckoutRequest& request, Order order,
                            const Checkout& checkout);
  void await_payment(Order& order);
  // Writes the payer's share as seen now, bumping the order's version so that a transition read
  // before cannot commit without seeing it; false when the order no longer awaits payment.
  Result<bool> record_share(const Order& order, const PaymentShare& share);
  void release_hold(const Order& order);
  void release_orphan_hold(const std::string& intent_id, const std::string& order_id);
  // Records, in the transition's transaction, that the order's hold must be released.
  Status schedule_release(store::Transaction& tx, const Order& order);
  // One try; on failure the next one is scheduled with backoff.
  Status attempt_release(const repository::HoldRelease& release);
  std::int64_t release_backoff_us(std::int64_t attempts) const;
  Status commit_transition(const Order& before, Order& after, const TransitionRequest& request);
  Result<std::vector<OrderLine>> modified_lines(const Order& order,
                                                const ModificationRequest& request);
  Result<PriceBreakdown> reprice(const Order& order, const std::vector<OrderLine>& lines);
  // The customer's subscription benefits for pricing, nullopt for a non-member.
  Result<std::optional<MemberBenefits>> member_benefits(std::string_view customer_id);
  Status commit_modification(const Order& before, const Order& after);
  // Refunds (service_refunds.cc).
  struct Refundable;
  Result<Refundable> refundable(const Order& order);
  Status check_refund_policy(const Order& order, const RefundRequest& request,
                             const Refundable& refundable);
  Result<OrderRefund> reserve_refund(const Order& order, const RefundRequest& request);
  // Asks payments for every pending part; a part refused for good no longer reserves anything.
  Result<OrderRefund> finish_refund(OrderRefund refund);
  Status finish_pending_refunds(std::string_view order_id);

  store::Database& db_;
  carts::Carts& carts_;
  catalog::Catalog& catalog_;
  payments::Payments& payments_;
  promotions::Promotions& promotions_;
  subscriptions::Subscriptions& subscriptions_;
  OrdersSettings settings_;
  OrdersMetrics& metrics_;
  modules::Clock clock_;
  ChangeListener listener_;
};

}  // namespace reskflow::orders
