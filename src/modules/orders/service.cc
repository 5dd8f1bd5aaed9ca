// Checkout and quotes: the cart, the merchant and the delivery point checked, the order priced on
// the server, the payment authorized, then the order, its stock and the checked-out cart written
// in one transaction (docs/orders.md, "Checkout").
#include "service.h"

#include <chrono>

#include "publish.h"
#include "reskflow/modules/opening_hours.h"
#include "reskflow/orders/orders.h"
#include "reskflow/store/uuid.h"

namespace reskflow::orders {

namespace {

constexpr std::int64_t minute_us = 60'000'000;
constexpr std::int64_t day_us = minute_us * 60 * 24;

std::unexpected<Error> invalid(std::string field, std::string message) {
  return fail(ErrorCode::validation_failed, "some fields are invalid; see errors",
              {{std::move(field), std::move(message)}});
}

std::unexpected<Error> conflict_naming(std::string detail, std::string_view name,
                                       std::string value) {
  Error error{ErrorCode::conflict, std::move(detail), {}, {}};
  error.members.push_back({std::string(name), std::move(value)});
  return std::unexpected(std::move(error));
}

std::vector<OrderLine> lines_of(const carts::PricedCart& cart) {
  std::vector<OrderLine> out;
  for (const auto& l : cart.lines) {
    std::vector<std::string> options;
    std::vector<std::string> option_ids;
    for (const auto& o : l.options) {
      options.push_back(o.name);
      option_ids.push_back(o.id);
    }
    out.push_back({l.item_id, l.name, l.quantity, std::move(options), l.note, l.unit_price, l.total,
                   std::move(option_ids)});
  }
  return out;
}

Order new_order(const Caller& caller, const CheckoutRequest& request, const carts::PricedCart& cart,
                const catalog::MerchantSummary& merchant, PriceBreakdown price,
                std::int64_t now_us) {
  Order o;
  o.id = store::new_uuid_v7();
  o.customer_id = caller.user_id;
  o.merchant_id = merchant.id;
  o.merchant_name = merchant.name;
  o.cart_id = cart.id;
  o.status = std::string(status_placed);
  o.lines = lines_of(cart);
  o.price = std::move(price);
  o.delivery = request.delivery;
  o.scheduled_for_us = request.scheduled_for_us;
  o.delivery_mode = std::string(catalog::delivery_mode_name(merchant.delivery_mode));
  o.queue_at_us = request.scheduled_for_us
                      ? *request.scheduled_for_us - merchant.prep_time_minutes * minute_us
                      : now_us;
  o.version = 1;
  o.created_at_us = now_us;
  o.updated_at_us = now_us;
  o.timeline.push_back({o.status, now_us, "customer", "", "", caller.user_id});
  return o;
}

modules::Money delivery_fee_of(const PriceBreakdown& price) {
  for (const auto& step : price.steps) {
    if (step.kind == "delivery_fee") return step.amount;
  }
  return {0, price.total.currency};
}

// A placement runs at READ COMMITTED (on PostgreSQL; SQLite has one writer): every statement in
// it is a conditional write or an insert, and the stock it takes is counted under the
// merchant's row lock (Catalog::reserve_stock). Concurrent orders for the same stock then wait
// for each other instead of failing to serialize, which under load could use up the retries
// and answer 503 (docs/orders.md, "Concurrent checkouts").
constexpr store::WriteOptions placing{store::Isolation::read_committed};

std::string joined(const std::vector<std::string>& sentences) {
  std::string out;
  for (const auto& s : sentences) out += (out.empty() ? "" : " ") + s;
  return out;
}

}  // namespace

Service::Service(store::Database& db, carts::Carts& carts, catalog::Catalog& catalog,
                 payments::Payments& payments, promotions::Promotions& promotions,
                 subscriptions::Subscriptions& subscriptions, const OrdersSettings& settings,
                 OrdersMetrics& metrics, modules::Clock clock)
    : db_(db),
      carts_(carts),
      catalog_(catalog),
      payments_(payments),
      promotions_(promotions),
      subscriptions_(subscriptions),
      settings_(settings),
      metrics_(metrics),
      clock_(std::move(clock)) {}

Status Service::check_cart(const Caller& caller, const carts::PricedCart& cart) {
  if (cart.host_id != caller.user_id) return fail(ErrorCode::not_found, "no such cart");
  if (cart.status != carts::status_open && cart.status != carts::status_locked)
    return fail(ErrorCode::conflict, "this cart is " + cart.status + "; open a new one to order");
  if (cart.group && cart.status != carts::status_locked)
    return fail(ErrorCode::conflict,
                "lock the group cart before checking out, so nobody changes it meanwhile");
  if (cart.lines.empty()) return invalid("cart_id", "is empty: add something first");
  for (const auto& line : cart.lines) {
    if (!line.available)
      return conflict_naming(line.name + ": " + line.problem + " Remove it to order the rest.",
                             "item_id", line.item_id);
  }
  return {};
}

Status Service::check_merchant(const CheckoutRequest& request,
                               const catalog::MerchantSummary& merchant,
                               const carts::PricedCart& cart) {
  if (!merchant.active) return fail(ErrorCode::conflict, merchant.name + " takes no orders now");
  if (merchant.currency != cart.currency)
    return invalid("cart_id", "is in " + cart.currency + " but " + merchant.name + " takes " +
                                  merchant.currency);
  if (!modules::geo::covers(merchant.delivery_zone, request.delivery.point))
    return invalid("delivery.point", "is outside " + merchant.name + "'s delivery zone");
  if (request.tip_minor < 0 || request.tip_minor > settings_.tip_minor_max)
    return invalid("tip_minor", "must be from 0 to " + std::to_string(settings_.tip_minor_max));
  const auto now = clock_();
  if (!request.scheduled_for_us) {
    if (!merchant.open_now || merchant.paused)
      return fail(ErrorCode::conflict,
                  merchant.name + " is closed now; schedule the order for when it is open");
    return {};
  }
  const auto at = *request.scheduled_for_us;
  if (at < now + merchant.prep_time_minutes * minute_us)
    return invalid("scheduled_for", "must be at least " +
                                        std::to_string(merchant.prep_time_minutes) +
                                        " minutes from now (the merchant's preparation time)");
  if (at > now + settings_.schedule_days_max * day_us)
    return invalid("scheduled_for",
                   "must be within " + std::to_string(settings_.schedule_days_max) + " days");
  RF_TRY(open, modules::hours::open_at(merchant.opening_hours, merchant.time_zone, at));
  if (!*open) return invalid("scheduled_for", "is outside " + merchant.name + "'s opening hours");
  return {};
}

Result<PriceBreakdown> Service::price(const Caller& caller, const CheckoutRequest& request,
                                      const catalog::MerchantSummary& merchant,
                                      const carts::PricedCart& cart, Checkout& checkout) {
  std::int64_t kept = 0;
  RF_TRY(waiting, db_.read([&](store::Transaction& tx) -> Result<std::int64_t> {
    RF_TRY(customer_orders, repository::orders_kept(tx, caller.user_id));
    kept = *customer_orders;
    return repository::orders_waiting(tx, merchant.id,
                                      demand_orders_counted_max(settings_.pricing));
  }));
  PricingInput input{cart.currency,
                     cart.subtotal,
                     {merchant.minimum_order.amount_minor, cart.currency},
                     modules::geo::distance_m(merchant.location, request.delivery.point),
                     *waiting,
                     {request.tip_minor, cart.currency}};
  RF_TRY(member, member_benefits(cart.host_id));
  input.member = std::move(*member);
  RF_TRY(plain, price_order(settings_.pricing, input));
  checkout.basket = {caller.user_id,          merchant.id,
                     cart.subtotal,           items_before_tax(settings_.pricing, cart.subtotal),
                     delivery_fee_of(*plain), kept == 0,
                     request.promotion_code,  clock_()};
  RF_TRY(discounts, promotions_.discounts(checkout.basket));
  if (discounts->empty()) return plain;
  checkout.discounts = std::move(*discounts);
  for (const auto& d : checkout.discounts) input.discounts.push_back({d.label, d.amount});
  return price_order(settings_.pricing, input);
}

Result<std::optional<MemberBenefits>> Service::member_benefits(std::string_view customer_id) {
  RF_TRY(benefits, subscriptions_.benefits_of(customer_id));
  if (!*benefits) return std::optional<MemberBenefits>{};
  return std::optional<MemberBenefits>{MemberBenefits{
      (*benefits)->plan_name, (*benefits)->free_delivery_threshold, (*benefits)->service_fee_bp}};
}

Result<Service::Checkout> Service::prepare(const Caller& caller, const CheckoutRequest& request) {
  RF_TRY(cart, carts_.priced_cart(request.cart_id));
  RF_TRY(cart_ok, check_cart(caller, *cart));
  RF_TRY(merchant, catalog_.merchant(cart->merchant_id));
  RF_TRY(merchant_ok, check_merchant(request, *merchant, *cart));
  Checkout out{std::move(*cart), std::move(*merchant), {}, {}, {}};
  RF_TRY(breakdown, price(caller, request, out.merchant, out.cart, out));
  out.price = std::move(*breakdown);
  return out;
}

Result<Quote> Service::quote(const Caller& caller, const CheckoutRequest& request) {
  RF_TRY(checkout, prepare(caller, request));
  const auto now = clock_();
  const auto ttl_us = std::chrono::duration_cast<std::chrono::microseconds>(settings_.quote_ttl_s);
  Quote q{store::new_uuid_v7(),   caller.user_id,  checkout->cart.id,
          checkout->cart.version, checkout->price, now + ttl_us.count()};
  RF_TRY(stored, db_.write([&](store::Transaction& tx) -> Status {
    // Expired quotes are kept one more lifetime, to explain a change to a late customer.
    RF_TRY(pruned, repository::delete_quotes(tx, now - ttl_us.count()));
    return repository::insert_quote(tx, q);
  }));
  metrics_.quotes.inc();
  return q;
}

Status Service::check_quote(const Caller& caller, const CheckoutRequest& request,
                            const Checkout& checkout) {
  RF_TRY(found,
         db_.read([&](store::Transaction& tx) { return repository::quote(tx, request.quote_id); }));
  if (!*found || (*found)->customer_id != caller.user_id || (*found)->cart_id != request.cart_id)
    return invalid("quote_id", "is not a quote of this cart");
  const auto& was = **found;
  RF_TRY(differences, price_changes(was.price, checkout.price));
  auto changes = std::move(*differences);
  if (changes.empty() && was.cart_version != checkout.cart.version)
    changes.emplace_back("Your cart changed since the quote.");
  const bool expired = was.expires_at_us < clock_();
  if (!expired && changes.empty()) return {};
  RF_TRY(fresh, quote(caller, request));
  changes.insert(changes.begin(), expired ? "Your quote expired." : "The price changed.");
  Error error{
      ErrorCode::conflict, joined(changes) + " Check the new total and order again.", {}, {}};
  error.members = {{"quote_id", fresh->id},
                   {"total_minor", std::to_string(fresh->price.total.amount_minor)},
                   {"currency", fresh->price.total.currency},
                   {"changes", joined(changes)}};
  return std::unexpected(std::move(error));
}

// An authorized intent, or one whose card asks for a challenge: the order then waits for it.
Result<payments::Intent> Service::authorize(const Caller& caller, const CheckoutRequest& request,
                                            const Order& order) {
  RF_TRY(intent, payments_.authorize({order.id, caller.user_id, order.merchant_id,
                                      order.price.total, request.payment_method}));
  if (intent->status == payments::IntentStatus::authorized ||
      intent->status == payments::IntentStatus::requires_action)
    return intent;
  return fail(ErrorCode::payment_declined,
              intent->decline_reason.empty() ? "the payment was declined" : intent->decline_reason);
}

Status Service::write_order_in(store::Transaction& tx, const Order& order,
                               std::int64_t cart_version, const Checkout& checkout) {
  std::vector<catalog::StockLine> stock;
  for (const auto& line : order.lines) stock.push_back({line.item_id, line.quantity});
  RF_TRY(checked_out, carts_.mark_checked_out(tx, order.cart_id, cart_version));
  RF_TRY(reserved, catalog_.reserve_stock(tx, order.merchant_id, stock));
  RF_TRY(inserted, repository::insert_order(tx, order));
  if (!checkout.discounts.empty()) {
    RF_TRY(redeemed, promotions_.redeem(tx, order.id, checkout.basket, checkout.discounts));
  }
  return publish_change(tx, order);
}

Status Service::write_order(const Order& order, std::int64_t cart_version, const Checkout& checkout,
                            const CheckoutKey& key) {
  return db_.write(placing, [&](store::Transaction& tx) -> Status {
    if (key.take) {
      RF_TRY(taken, key.take(tx));
    }
    RF_TRY(written, write_order_in(tx, order, cart_version, checkout));
    if (key.write) return key.write(tx, order);
    return {};
  });
}

void Service::attach_payment(Order& order, const Caller& caller, const payments::Intent& intent) {
  order.payment_intent_id = intent.id;
  if (intent.status != payments::IntentStatus::requires_action) return;
  order.shares.push_back({caller.user_id, "", order.price.total, intent.id,
                          std::string(payments::status_name(intent.status)), intent.challenge_url,
                          ""});
  await_payment(order);
}

void Service::placed(const Order& order, std::chrono::steady_clock::time_point started) {
  (order.status == status_placed ? metrics_.placed : metrics_.awaiting_payment).inc();
  metrics_.checkout_seconds.observe(
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  if (listener_) listener_(order);
}

Result<Order> Service::place_at_once(const Caller& caller, const CheckoutRequest& request,
                                     Order order, const Checkout& checkout, const CheckoutKey& key,
                                     std::chrono::steady_clock::time_point started) {
  struct Placed {
    std::optional<Order> order;  // nullopt: the card was declined
    payments::Intent intent;
  };
  auto done = db_.write(placing, [&](store::Transaction& tx) -> Result<Placed> {
    auto o = order;  // a retried transaction starts again from the order as priced
    RF_TRY(intent, payments_.authorize_in(tx, {o.id, caller.user_id, o.merchant_id, o.price.total,
                                               request.payment_method}));
    // The declined intent commits alone, as authorize() records it; the hook keeps the answer.
    if (intent->status == payments::IntentStatus::failed)
      return Placed{std::nullopt, std::move(*intent)};
    if (key.take) {
      RF_TRY(taken, key.take(tx));
    }
    attach_payment(o, caller, *intent);
    RF_TRY(written, write_order_in(tx, o, checkout.cart.version, checkout));
    if (key.write) {
      RF_TRY(recorded, key.write(tx, o));
    }
    return Placed{std::move(o), std::move(*intent)};
  });
  if (!done || !done->order) {
    metrics_.refused.inc();
    if (!done) return std::unexpected(done.error());
    return std::unexpected(payments::decline_error(done->intent));
  }
  placed(*done->order, started);
  return std::move(*done->order);
}

Result<Order> Service::place(const Caller& caller, const CheckoutRequest& request,
                             const CheckoutKey& key) {
  const auto started = std::chrono::steady_clock::now();
  auto checkout = prepare(caller, request);
  if (checkout && !request.quote_id.empty()) {
    if (auto same = check_quote(caller, request, *checkout); !same)
      checkout = std::unexpected(same.error());
  }
  if (!checkout) {
    metrics_.refused.inc();
    return std::unexpected(checkout.error());
  }
  auto order = new_order(caller, request, checkout->cart, checkout->merchant,
                         std::move(checkout->price), clock_());
  if (auto handled = add_handling(order); !handled) {
    metrics_.refused.inc();
    return std::unexpected(handled.error());
  }
  if (request.split) return place_split(caller, request, std::move(order), *checkout);
  if (payments_.authorizes_in_transaction(request.payment_method))
    return place_at_once(caller, request, std::move(order), *checkout, key, started);
  // An outside processor: the key is claimed before it holds money, so that a concurrent retry
  // is refused instead of holding twice.
  if (key.claim) {
    auto claimed = key.claim();
    if (!claimed || !*claimed) {
      metrics_.refused.inc();
      if (!claimed) return std::unexpected(claimed.error());
      return fail(ErrorCode::idempotency_key_in_use,
                  "another request with this Idempotency-Key came first");
    }
  }
  auto intent = authorize(caller, request, order);
  if (!intent) {
    metrics_.refused.inc();
    return std::unexpected(intent.error());
  }
  attach_payment(order, caller, *intent);
  if (auto written = write_order(order, checkout->cart.version, *checkout, key); !written) {
    metrics_.refused.inc();
    release_orphan_hold(intent->id, order.id);
    return std::unexpected(written.error());
  }
  placed(order, started);
  return order;
}

}  // namespace reskflow::orders
