// Customers: orders arrive at the scenario's rate over its daily curve; each visit browses the
// merchants (the list or a search), reads a menu, and most fill a cart and pay (some cards are
// declined). A customer then watches the order live over a WebSocket opened with a single-use
// ticket (or polls it), and afterwards may rate it or, rarely, complain.
#include <cmath>
#include <iostream>
#include <limits>
#include <numeric>

#include "reskflow/core/json_text.h"
#include "simulation.h"

namespace reskflow::simulate {
namespace {

using namespace std::chrono_literals;
namespace bjson = boost::json;

constexpr int idle_customer_tries = 8;
constexpr std::size_t dishes_max = 12;        // lines in a cart, however high the minimum order
constexpr double order_poll_interval_s = 60;  // simulated, when not watching
constexpr int after_delivery_tries = 10;      // reviews and reports learn of the delivery late
constexpr auto after_delivery_retry = 500ms;

constexpr std::string_view good_card = "4242424242424242";
constexpr std::string_view declined_card = "4000000000000002";

std::string coordinates(LatLng p) {
  return "lat=" + std::to_string(p.lat) + "&lng=" + std::to_string(p.lng);
}

}  // namespace

// Poisson arrivals at the curve's rate for the simulated hour, until the run's time or visit
// budget is spent; each goes to an idle customer.
Task<void> Simulation::arrivals() {
  const auto& o = scenario_.orders;
  const double weight_total = std::accumulate(o.curve.begin(), o.curve.end(), 0.0);
  Rng rng = Rng::for_actor(options_.seed, "arrivals", 0);
  std::uint64_t visits = 0;
  while (std::chrono::steady_clock::now() < placing_ends_ &&
         (o.total_max == 0 || visits < o.total_max)) {
    const auto hour = static_cast<std::size_t>(std::fmod(o.start_hour + now_s() / 3600, 24));
    const double per_s = weight_total > 0 ? o.per_day * o.curve[hour] / weight_total / 3600 : 0;
    if (per_s <= 0) {
      co_await pause(60);
      continue;
    }
    co_await pause(rng.exponential(per_s));
    if (std::chrono::steady_clock::now() >= placing_ends_) break;
    std::optional<std::size_t> chosen;
    for (int t = 0; t < idle_customer_tries && !chosen; ++t)
      if (const auto i = rng.below(customers_.size()); !customers_[i].busy) chosen = i;
    if (!chosen) {
      ++stats_.skipped_no_idle_customer;
      continue;
    }
    ++visits;
    customers_[*chosen].busy = true;
    spawn(journey(*chosen), journeys_);
  }
}

Task<void> Simulation::journey(std::size_t index) {
  ++stats_.journeys;
  const auto merchant = co_await browse(customers_[index]);
  auto& c = customers_[index];
  ++c.visits;
  if (!merchant || c.rng.chance(scenario_.behaviour.browse_only)) {
    ++stats_.browse_only;
    c.busy = false;
    co_return;
  }
  const auto order_id = co_await checkout(index, *merchant);
  if (order_id) {
    if (customers_[index].rng.chance(scenario_.behaviour.watch) &&
        tracking_open_ < tracking_sockets_)
      co_await watch(index, *order_id);
    co_await poll_until_ended(index, *order_id);
    co_await after_the_order(index, *order_id);
    orders_.at(*order_id).asked = {};  // what is kept of an ended order: its customer and end
  }
  customers_[index].busy = false;
}

// The merchants near home (or a search for a cuisine), then one menu: which of the played
// merchants the customer orders from (the first open one listed, or, when none was, the nearest
// store the simulator opened).
Task<std::optional<std::size_t>> Simulation::browse(CustomerActor& c) {
  const auto near = coordinates(city_.to_lat_lng(c.home));
  const bool search = c.rng.chance(scenario_.behaviour.search);
  const auto wanted = c.rng.below(merchants_.size());
  // The target and route first, then one co_await: g++ 12 destroys the result of a co_await
  // in a conditional expression twice.
  const auto target =
      search ? "/v1/search?q=" + merchants_[wanted].cuisine + "&" + near : "/v1/merchants?" + near;
  const auto reply = co_await call(c.account, bhttp::verb::get, target,
                                   search ? "GET /v1/search" : "GET /v1/merchants");
  if (search) ++stats_.searches;
  std::optional<std::size_t> chosen;
  if (const auto found = object_of(reply)) {
    const auto* list = found->if_contains(search ? "merchants" : "data");
    if (list != nullptr && list->is_array())
      for (const auto& card : list->as_array()) {
        const auto* open = card.as_object().if_contains("open_now");
        if (open != nullptr && open->is_bool() && !open->as_bool()) continue;
        if (auto it = merchant_index_.find(text_of(card.as_object(), "id"));
            it != merchant_index_.end() && !chosen)
          chosen = it->second;
      }
  }
  if (!chosen) {  // none listed yet (the index learns of new stores late): the nearest of ours
    chosen = nearest_merchant(c.home);
    if (!chosen) co_return std::nullopt;
    const auto& at = merchants_[*chosen].at;
    if (std::hypot(at.x - c.home.x, at.y - c.home.y) > scenario_.merchants.delivery_radius_m)
      co_return std::nullopt;  // nothing delivers here
  }
  auto& m = merchants_[*chosen];
  const auto menu_reply =
      co_await call(c.account, bhttp::verb::get, "/v1/merchants/" + m.id + "/menu",
                    "GET /v1/merchants/{id}/menu");
  const auto menu = object_of(menu_reply);
  if (menu_reply.status != 200 || !menu) co_return std::nullopt;
  // What is on the menu now (a breakfast that ended, a dish sold out since).
  m.dishes = dishes_of(*menu);
  if (m.dishes.empty()) co_return std::nullopt;
  co_return chosen;
}

// A cart at the merchant with a few dishes, or a group cart with guests' dishes too, checked
// out now or for later.
Task<std::optional<std::string>> Simulation::checkout(std::size_t index, std::size_t merchant) {
  const bool group = customers_[index].rng.chance(scenario_.behaviour.group);
  const bool scheduled = customers_[index].rng.chance(scenario_.behaviour.scheduled);
  const auto cart_body = json::serialize(bjson::object{{"merchant_id", merchants_[merchant].id}});
  const auto opened = object_of(co_await call(customers_[index].account, bhttp::verb::post,
                                              "/v1/carts", "POST /v1/carts", cart_body));
  if (!opened) {
    ++stats_.checkout_failed;
    co_return std::nullopt;
  }
  const auto cart = text_of(*opened, "id");
  co_await add_dishes(index, merchant, cart);
  bool shared = true;
  if (group) shared = co_await host_group(index, merchant, cart);
  if (!shared) {
    ++stats_.checkout_failed;
    co_await call(customers_[index].account, bhttp::verb::delete_, "/v1/carts/" + cart,
                  "DELETE /v1/carts/{id}");
    co_return std::nullopt;
  }
  auto order_id = co_await place_order(index, merchant, cart, scheduled);
  if (order_id && group) ++stats_.group_orders;
  co_return order_id;
}

// A few dishes, and more while an existing store's minimum order is not reached.
Task<void> Simulation::add_dishes(std::size_t customer, std::size_t merchant, std::string cart) {
  auto& c = customers_[customer];
  const auto& m = merchants_[merchant];
  // A copy: another customer's visit replaces the store's dishes while this one awaits.
  const auto menu = m.dishes;
  if (menu.empty()) co_return;
  const auto dishes = 1 + c.rng.below(std::min(scenario_.orders.items_max, menu.size()));
  std::int64_t subtotal = 0;
  for (std::size_t d = 0; d < dishes || (subtotal < m.minimum_order_minor && d < dishes_max); ++d) {
    const auto& dish = menu[(customer + d) % menu.size()];
    const auto quantity = 1 + static_cast<std::int64_t>(c.rng.below(2));
    const bjson::object line{{"item_id", dish.id}, {"quantity", quantity}};
    const auto added = co_await call(c.account, bhttp::verb::post, "/v1/carts/" + cart + "/lines",
                                     "POST /v1/carts/{id}/lines", json::serialize(line));
    if (added.status == 200 || added.status == 201) subtotal += dish.price_minor * quantity;
  }
}

// A group order: the host shares the cart's invite link, a few idle customers join with it and
// add their own dishes, and the host locks the cart for checkout. False when the cart could not
// be shared or locked.
Task<bool> Simulation::host_group(std::size_t host, std::size_t merchant, std::string cart) {
  // Bodies are built before the co_await (g++ 12 and braced temporaries: merchant.cc).
  const auto host_name = json::serialize(bjson::object{{"display_name", "Host"}});
  const auto shared = object_of(co_await call(customers_[host].account, bhttp::verb::post,
                                              "/v1/carts/" + cart + "/group",
                                              "POST /v1/carts/{id}/group", host_name));
  if (!shared) co_return false;
  const auto join_path = "/v1/group-invites/" + text_of(*shared, "invite_token") + "/join";
  const auto guests = 1 + customers_[host].rng.below(scenario_.orders.group_guests_max);
  for (std::size_t g = 0; g < guests; ++g) {
    std::optional<std::size_t> idle;  // a customer not busy with an order of their own
    for (int t = 0; t < idle_customer_tries && !idle; ++t)
      if (const auto i = customers_[host].rng.below(customers_.size());
          i != host && !customers_[i].busy)
        idle = i;
    if (!idle) continue;
    const auto guest = *idle;
    customers_[guest].busy = true;
    const auto name =
        json::serialize(bjson::object{{"display_name", "Guest " + std::to_string(g + 1)}});
    const auto joined = co_await call(customers_[guest].account, bhttp::verb::post, join_path,
                                      "POST /v1/group-invites/{token}/join", name);
    if (joined.status == 201 || joined.status == 200) {
      ++stats_.group_guests;
      co_await add_dishes(guest, merchant, cart);
    }
    customers_[guest].busy = false;
  }
  const auto locked = co_await call(customers_[host].account, bhttp::verb::post,
                                    "/v1/carts/" + cart + "/lock", "POST /v1/carts/{id}/lock");
  co_return locked.status == 200;
}

// Checkout with the test card (or a declined one). A scheduled order is due a drawn number of
// simulated minutes ahead, and never sooner than the server accepts: the merchant's preparation
// time in the server's own minutes, and ten seconds (for the request's way there).
Task<std::optional<std::string>> Simulation::place_order(std::size_t index, std::size_t merchant,
                                                         std::string cart, bool scheduled) {
  auto& c = customers_[index];
  const bool declined = c.rng.chance(scenario_.faults.payment_declined);
  const auto home = city_.to_lat_lng(c.home);
  bjson::object body{
      {"cart_id", cart},
      {"payment_method", declined ? declined_card : good_card},
      {"tip_minor", static_cast<std::int64_t>(c.rng.below(4)) * 100},
      {"delivery",
       {{"address", std::to_string(1 + index % 200) + " Simulated Street, " + scenario_.area.city},
        {"point", {{"lat", home.lat}, {"lng", home.lng}}},
        {"leave_at_door", false}}}};
  std::optional<SteadyTime> due;
  if (scheduled) {
    const double ahead_s =
        std::max(c.rng.spread(scenario_.orders.schedule_ahead_minutes) * 60 /
                     scenario_.orders.time_compression,
                 static_cast<double>(merchants_[merchant].prep_time_minutes) * 60 + 10);
    const auto ahead = std::chrono::milliseconds(std::llround(ahead_s * 1000));
    body["scheduled_for"] = iso_utc(std::chrono::system_clock::now() + ahead);
    due = std::chrono::steady_clock::now() + ahead;
  }
  // The key makes a retried checkout the same order, never a second one.
  const auto key = "sim-" + std::to_string(options_.seed) + "-" + c.account.email + "-" +
                   std::to_string(c.visits);
  const auto placed = co_await call(c.account, bhttp::verb::post, "/v1/orders", "POST /v1/orders",
                                    json::serialize(body), key);
  const auto order = object_of(placed);
  if (placed.status == 402) {
    ++stats_.payment_declined;
    co_await call(customers_[index].account, bhttp::verb::delete_, "/v1/carts/" + cart,
                  "DELETE /v1/carts/{id}");
    co_return std::nullopt;
  }
  if (placed.status != 201 || !order) {
    if (stats_.checkout_failed++ < 3)
      std::cerr << "\nsimulate: checkout refused: " << placed.status << " " << placed.body << '\n';
    co_return std::nullopt;
  }
  const auto order_id = text_of(*order, "id");
  orders_.emplace(order_id, OrderRecord{.customer = index,
                                        .merchant = merchant,
                                        .placed_at = std::chrono::steady_clock::now(),
                                        .scheduled_for = due});
  ++stats_.orders_placed;
  stats_.scheduled_orders += due ? 1U : 0U;
  co_return order_id;
}

// Live tracking: a ticket, the socket, the order's topic, and the delivery's topic once the
// order has one; until the order ends, the socket closes or the run stops.
Task<void> Simulation::watch(std::size_t index, std::string order_id) {
  ++tracking_open_;
  const auto ticket = object_of(co_await call(customers_[index].account, bhttp::verb::post,
                                              "/v1/ws/tickets", "POST /v1/ws/tickets"));
  std::unique_ptr<WsConnection> socket;
  if (ticket)
    socket = co_await WsConnection::open(pool_, "/v1/ws?ticket=" + text_of(*ticket, "ticket"), {});
  if (socket && !stopping_ &&
      co_await socket->send(R"({"type":"subscribe","topic":"order.)" + order_id + "\"}")) {
    ++stats_.watched;
    tracking_.push_back(socket.get());
    co_await read_tracking(*socket, index, order_id);
    std::erase(tracking_, socket.get());
    socket->close();
  }
  --tracking_open_;
}

Task<void> Simulation::read_tracking(WsConnection& socket, std::size_t index,
                                     const std::string& order_id) {
  bool delivery_subscribed = false;
  while (!stopping_) {
    const auto text = co_await socket.receive();
    if (!text) co_return;
    boost::system::error_code ec;
    const auto message = bjson::parse(*text, ec);
    if (ec || !message.is_object() || text_of(message.as_object(), "type") != "event") continue;
    const auto topic = text_of(message.as_object(), "topic");
    const auto& data = message.as_object().at("data").as_object();
    const auto status = text_of(data, "status");
    if (topic.starts_with("delivery.")) {
      note_eta(order_id, data);
      if (const auto* at = data.if_contains("at");
          at && at->is_string() && data.contains("position"))
        note_position_lag(order_id, parse_iso_utc(at->as_string()));
      else
        note_lag(order_id, "delivery:" + status);
      continue;
    }
    note_lag(order_id, "order:" + status);
    note_status(order_id, status);
    if (terminal_status(status)) co_return;
    if (delivery_subscribed || status == "placed") continue;
    const auto delivery = object_of(co_await call(customers_[index].account, bhttp::verb::get,
                                                  "/v1/orders/" + order_id + "/delivery",
                                                  "GET /v1/orders/{id}/delivery"));
    if (!delivery || !delivery->contains("id")) continue;
    delivery_subscribed = co_await socket.send(R"({"type":"subscribe","topic":"delivery.)" +
                                               text_of(*delivery, "id") + "\"}");
  }
}

// Until the order is in a terminal state (at once when tracking saw it end) or the run stops.
Task<void> Simulation::poll_until_ended(std::size_t index, std::string order_id) {
  while (!terminal_status(orders_.at(order_id).status) && !stopping_) {
    const auto order = object_of(co_await call(customers_[index].account, bhttp::verb::get,
                                               "/v1/orders/" + order_id, "GET /v1/orders/{id}"));
    if (order) note_status(order_id, text_of(*order, "status"));
    if (terminal_status(orders_.at(order_id).status)) break;
    co_await pause(order_poll_interval_s);
  }
}

Task<void> Simulation::after_the_order(std::size_t index, std::string order_id) {
  auto& c = customers_[index];
  if (orders_.at(order_id).status != "delivered" || stopping_) co_return;
  const bool rate = c.rng.chance(scenario_.behaviour.rate);
  const bool complain = c.rng.chance(scenario_.behaviour.complain);
  const auto merchant_id = merchants_[orders_.at(order_id).merchant].id;
  const auto rating = 3 + static_cast<std::int64_t>(c.rng.below(3));
  const auto review = json::serialize(
      bjson::object{{"order_id", order_id}, {"rating", rating}, {"comment", "Simulated."}});
  for (int t = 0; rate && t < after_delivery_tries && !stopping_; ++t) {
    const auto r = co_await call(customers_[index].account, bhttp::verb::post,
                                 "/v1/merchants/" + merchant_id + "/reviews",
                                 "POST /v1/merchants/{id}/reviews", review);
    if (r.status != 404) {
      stats_.ratings += r.status == 201 ? 1 : 0;
      break;
    }
    co_await pause_real(
        std::chrono::duration_cast<std::chrono::milliseconds>(after_delivery_retry));
  }
  for (int t = 0; complain && t < after_delivery_tries && !stopping_; ++t) {
    const auto r =
        co_await call(customers_[index].account, bhttp::verb::post,
                      "/v1/orders/" + order_id + "/reports", "POST /v1/orders/{id}/reports",
                      R"({"kind":"late","comment":"It came later than promised."})");
    if (r.status != 404) {
      stats_.complaints += r.status == 201 ? 1 : 0;
      break;
    }
    co_await pause_real(
        std::chrono::duration_cast<std::chrono::milliseconds>(after_delivery_retry));
  }
}

std::optional<std::size_t> Simulation::nearest_merchant(Metres home) const {
  std::optional<std::size_t> best;
  double best_m = std::numeric_limits<double>::max();
  for (std::size_t i = 0; i < merchants_.size(); ++i) {
    if (merchants_[i].existing) continue;  // listed when open and delivering here, or not at all
    const double d = std::hypot(merchants_[i].at.x - home.x, merchants_[i].at.y - home.y);
    if (d < best_m) {
      best = i;
      best_m = d;
    }
  }
  return best;
}

// The first time the simulator learns an order ended, it counts how.
void Simulation::note_status(const std::string& order_id, const std::string& status, bool timed) {
  auto& record = orders_.at(order_id);
  if (status.empty() || terminal_status(record.status)) return;
  record.status = status;
  if (status == "delivered" && !timed) {
    ++stats_.orders_delivered;
    return;
  }
  if (status == "delivered") note_eta_error(record);
  if (status == "delivered" && record.scheduled_for) {
    ++stats_.orders_delivered;
    const std::chrono::duration<double> late =
        std::chrono::steady_clock::now() - *record.scheduled_for;
    const double minutes = std::max(0.0, late.count()) * scenario_.orders.time_compression / 60;
    stats_.scheduled_minutes_late_x100.add(std::llround(minutes * 100));
  } else if (status == "delivered") {
    ++stats_.orders_delivered;
    const std::chrono::duration<double> real = std::chrono::steady_clock::now() - record.placed_at;
    const double minutes = real.count() * scenario_.orders.time_compression / 60;
    stats_.delivery_minutes_x100.add(std::llround(minutes * 100));
    if (minutes <= scenario_.orders.on_time_minutes) ++stats_.on_time;
  } else if (status == "failed") {
    ++stats_.orders_failed;
  } else if (status == "rejected") {
    ++stats_.orders_rejected;
  } else if (status == "cancelled" || status == "refunded") {
    ++stats_.orders_cancelled;
  }
}

// The drop-off ETA shown when the delivery was picked up: the prediction the server records its
// own ETA error against (docs/deliveries.md, "ETA records"). A message that carries a point
// re-estimates from the point's time, the simulated phone's clock (hours behind the real one):
// its promise is counted from that time, not from now.
void Simulation::note_eta(const std::string& order_id, const bjson::object& tracking) {
  auto& record = orders_.at(order_id);
  const auto* eta = tracking.if_contains("dropoff_eta");
  if (record.eta_promised_s || text_of(tracking, "status") != "picked_up" || eta == nullptr ||
      !eta->is_string())
    return;
  const auto* at = tracking.if_contains("at");
  const auto from = at != nullptr && at->is_string() && tracking.contains("position")
                        ? parse_iso_utc(at->as_string())
                        : std::chrono::system_clock::now();
  const std::chrono::duration<double> promised = parse_iso_utc(eta->as_string()) - from;
  record.eta_promised_s = promised.count();
  record.picked_up_seen = std::chrono::steady_clock::now();
  record.picked_up_simulated_s = now_s();
}

// The ride the customer saw (pickup to delivery, simulated seconds) against what the ETA shown at
// pickup promised. The server's travel model predicts a ride at real speeds, and the simulated
// couriers ride at real speeds in simulated time, so the two compare under any time compression.
void Simulation::note_eta_error(const OrderRecord& record) {
  if (!record.eta_promised_s) return;
  const std::chrono::duration<double> ride =
      std::chrono::steady_clock::now() - record.picked_up_seen;
  // In whole seconds, the signed sum too, so that the mean signed error never exceeds the mean
  // absolute one.
  const auto error_s =
      std::llround(ride.count() * scenario_.orders.time_compression - *record.eta_promised_s);
  const auto absolute = std::abs(error_s);
  stats_.eta_error_s.add(absolute);
  stats_.eta_signed_error_s_sum += static_cast<double>(error_s);
  const double hour = scenario_.orders.start_hour + record.picked_up_simulated_s / 3600;
  stats_.eta_error_s_by_hour[static_cast<int>(std::fmod(std::floor(hour), 24))].add(absolute);
}

void Simulation::ask(const std::string& order_id, std::string change) {
  if (auto it = orders_.find(order_id); it != orders_.end())
    it->second.asked.emplace_back(std::move(change), std::chrono::steady_clock::now());
}

// The lag of a change the simulator asked for: from the request to the message announcing it.
void Simulation::note_lag(const std::string& order_id, const std::string& change) {
  auto& asked = orders_.at(order_id).asked;
  const auto it = std::ranges::find(asked, change, &std::pair<std::string, SteadyTime>::first);
  if (it == asked.end()) return;
  stats_.ws_lag_us.add(std::chrono::duration_cast<std::chrono::microseconds>(
                           std::chrono::steady_clock::now() - it->second)
                           .count());
  asked.erase(it);
}

// The lag of a courier's point: from sending it to the customer seeing it.
void Simulation::note_position_lag(const std::string& order_id, WallTime fix_time) {
  const auto& courier = orders_.at(order_id).courier;
  if (!courier) return;
  for (const auto& [fix, sent] : couriers_[*courier].fixes) {
    if (std::chrono::abs(fix - fix_time) > 1ms) continue;
    stats_.ws_lag_us.add(std::chrono::duration_cast<std::chrono::microseconds>(
                             std::chrono::steady_clock::now() - sent)
                             .count());
    return;
  }
}

}  // namespace reskflow::simulate
