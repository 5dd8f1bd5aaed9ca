// Setting up the city through the public API: accounts registered (or signed in when they exist
// from an earlier run), platform-delivery merchants with a menu, couriers with a profile and on
// shift, each courier's socket subscribed to its offers.
#include <algorithm>
#include <iostream>
#include <set>

#include "reskflow/core/json_text.h"
#include "simulation.h"

namespace reskflow::simulate {
namespace {

using namespace std::chrono_literals;

namespace bjson = boost::json;

constexpr std::string_view password = "sim plum tractor midnight";
constexpr std::array<std::string_view, 8> cuisines{"pizza",  "sushi",  "burgers", "thai",
                                                   "indian", "salads", "bakery",  "mexican"};
constexpr std::array<std::string_view, 6> dishes{"Classic", "Special", "Veggie",
                                                 "Spicy",   "Family",  "Mini"};

bjson::object merchant_profile(const Scenario& s, const std::string& name, std::string_view cuisine,
                               LatLng at, std::int64_t prep_time_minutes) {
  bjson::array weekly;
  for (const auto* day : {"mon", "tue", "wed", "thu", "fri", "sat", "sun"})
    weekly.push_back({{"day", day}, {"open", "00:00"}, {"close", "24:00"}});
  return {{"name", name},
          {"address",
           {{"line1", "1 Simulation Street"},
            {"city", s.area.city},
            {"postal_code", s.area.postal_code},
            {"country", s.area.country}}},
          {"location", {{"lat", at.lat}, {"lng", at.lng}}},
          {"time_zone", s.area.time_zone},
          {"currency", s.area.currency},
          {"cuisines", {cuisine}},
          {"price_level", 2},
          {"minimum_order_minor", 0},
          {"prep_time_minutes", prep_time_minutes},
          {"delivery_mode", "platform"},
          {"delivery_zone", {{"type", "radius"}, {"radius_m", s.merchants.delivery_radius_m}}},
          {"opening_hours", {{"weekly", std::move(weekly)}, {"exceptions", bjson::array{}}}}};
}

bool flag(const bjson::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_bool() && v->as_bool();
}

}  // namespace

// Available now and not sold out; neither age-restricted (the customer would need a verified
// ID) nor cold-chain (the simulated couriers carry no cold box); no required choice.
std::vector<Dish> dishes_of(const bjson::object& menu) {
  std::set<std::string, std::less<>> must_choose;  // modifier groups needing a selection
  if (const auto* groups = menu.if_contains("modifier_groups"); groups && groups->is_array())
    for (const auto& group : groups->as_array())
      if (flag(group.as_object(), "required")) must_choose.insert(text_of(group.as_object(), "id"));
  const auto orderable = [&must_choose](const bjson::object& item) {
    if (!flag(item, "available_now") || flag(item, "sold_out") || flag(item, "age_restricted") ||
        flag(item, "cold_chain"))
      return false;
    const auto* groups = item.if_contains("modifier_group_ids");
    return groups == nullptr || !groups->is_array() ||
           std::ranges::none_of(groups->as_array(), [&must_choose](const bjson::value& id) {
             return id.is_string() && must_choose.contains(std::string_view(id.as_string()));
           });
  };
  std::vector<Dish> out;
  const auto* categories = menu.if_contains("categories");
  if (categories == nullptr || !categories->is_array()) return out;
  for (const auto& category : categories->as_array()) {
    if (!flag(category.as_object(), "available_now")) continue;
    for (const auto& item : category.as_object().at("items").as_array())
      if (orderable(item.as_object()))
        out.push_back({text_of(item.as_object(), "id"),
                       item.as_object().at("price_minor").to_number<std::int64_t>()});
  }
  return out;
}

Task<bool> Simulation::sign_in(Account& account) {
  const auto login_body = json::serialize(bjson::object{
      {"email", account.email},
      {"password", account.password.empty() ? password : std::string_view(account.password)}});
  Request login{bhttp::verb::post, "/v1/auth/login", "POST /v1/auth/login", {}, login_body};
  Reply reply;
  if (account.password.empty()) {  // ours: registered, or signed in when from an earlier run
    const auto body = json::serialize(bjson::object{{"email", account.email},
                                                    {"password", password},
                                                    {"name", "Sim " + account.role},
                                                    {"role", account.role}});
    // Named requests: g++ 12 destroys a braced temporary argument of a co_await twice.
    Request registration{
        bhttp::verb::post, "/v1/auth/register", "POST /v1/auth/register", {}, body};
    reply = co_await pool_.send(std::move(registration));
  }
  if (!account.password.empty() || reply.status == 409) reply = co_await pool_.send(login);
  const auto answer = object_of(reply);
  if ((reply.status != 201 && reply.status != 200) || !answer) {
    if (setup_failures_++ == 0)
      first_setup_failure_ =
          "signing in " + account.email + ": " + std::to_string(reply.status) + " " + reply.body;
    co_return false;
  }
  account.token = text_of(*answer, "access_token");
  co_return true;
}

// A request as `account`; an expired access token is renewed by signing in again, once.
Task<Reply> Simulation::call(Account& account, bhttp::verb method, std::string target,
                             std::string route, std::string body, std::string idempotency_key) {
  Request request{method, std::move(target), std::move(route), account.token, std::move(body)};
  request.idempotency_key = std::move(idempotency_key);
  auto reply = co_await pool_.send(request);
  if (reply.status == 401 && co_await sign_in(account)) {
    request.token = account.token;
    reply = co_await pool_.send(std::move(request));
  }
  co_return reply;
}

// Simulated minutes as the server counts them (its clock is not compressed), at least one.
std::int64_t Simulation::server_minutes(double simulated_minutes) const {
  return std::max<std::int64_t>(
      1, std::llround(simulated_minutes / scenario_.orders.time_compression));
}

Task<bool> Simulation::read_menu(MerchantActor& m) {
  const auto reply = co_await call(m.owner, bhttp::verb::get, "/v1/merchants/" + m.id + "/menu",
                                   "GET /v1/merchants/{id}/menu");
  const auto menu = object_of(reply);
  if (reply.status != 200 || !menu) co_return false;
  m.dishes = dishes_of(*menu);
  co_return !m.dishes.empty();
}

// A new merchant: the profile, one category and its dishes.
Task<bool> Simulation::open_merchant(MerchantActor& m, std::size_t index) {
  const auto name = "Sim " + std::string(m.cuisine) + " " + std::to_string(index + 1);
  const auto profile =
      merchant_profile(scenario_, name, m.cuisine, city_.to_lat_lng(m.at), m.prep_time_minutes);
  const auto opened = co_await call(m.owner, bhttp::verb::post, "/v1/merchants",
                                    "POST /v1/merchants", json::serialize(profile));
  const auto merchant = object_of(opened);
  if (opened.status != 201 || !merchant) co_return false;
  m.id = text_of(*merchant, "id");
  const auto menu = "/v1/merchants/" + m.id + "/menu";
  const auto category_body = json::serialize(bjson::object{{"name", "Menu"}});
  const auto category =
      object_of(co_await call(m.owner, bhttp::verb::post, menu + "/categories",
                              "POST /v1/merchants/{id}/menu/categories", category_body));
  if (!category) co_return false;
  for (std::size_t d = 0; d < scenario_.merchants.items; ++d) {
    const bjson::object item{{"category_id", text_of(*category, "id")},
                             {"name", std::string(dishes[d % dishes.size()]) + " " + m.cuisine +
                                          " " + std::to_string(d + 1)},
                             {"price_minor", 800 + static_cast<std::int64_t>(m.rng.below(1200))}};
    const auto added = co_await call(m.owner, bhttp::verb::post, menu + "/items",
                                     "POST /v1/merchants/{id}/menu/items", json::serialize(item));
    if (added.status != 201) co_return false;
  }
  co_return co_await read_menu(m);
}

Task<void> Simulation::set_up_merchant(std::size_t index) {
  auto& m = merchants_[index];
  if (!co_await sign_in(m.owner)) co_return;
  const auto mine = object_of(
      co_await call(m.owner, bhttp::verb::get, "/v1/me/merchants", "GET /v1/me/merchants"));
  bool ready = false;
  if (mine && !mine->at("data").as_array().empty()) {  // from an earlier run: platform delivery
    m.id = text_of(mine->at("data").as_array().front().as_object(), "merchant_id");
    const auto platform = json::serialize(
        bjson::object{{"delivery_mode", "platform"}, {"prep_time_minutes", m.prep_time_minutes}});
    const auto patched = co_await call(m.owner, bhttp::verb::patch, "/v1/merchants/" + m.id,
                                       "PATCH /v1/merchants/{id}", platform);
    const auto merchant = object_of(patched);
    if (patched.status == 200 && merchant) {
      const auto& at = merchant->at("location").as_object();
      m.at = city_.to_metres({at.at("lat").to_number<double>(), at.at("lng").to_number<double>()});
      ready = co_await read_menu(m);
    }
  } else {
    ready = co_await open_merchant(m, index);
  }
  if (!ready && setup_failures_++ == 0) first_setup_failure_ = "opening merchant " + m.owner.email;
  if (ready) merchant_index_.emplace(m.id, index);
}

// A store of an existing owner, played as it is (its menu, prep time and minimum order) but
// switched to platform delivery so that couriers carry its orders. False when it cannot be.
Task<bool> Simulation::play_existing(MerchantActor m, const std::string& merchant_id) {
  m.id = merchant_id;
  auto reply =
      co_await call(m.owner, bhttp::verb::get, "/v1/merchants/" + m.id, "GET /v1/merchants/{id}");
  auto profile = object_of(reply);
  if (reply.status != 200 || !profile || text_of(*profile, "status") != "active") co_return false;
  if (text_of(*profile, "delivery_mode") != "platform") {
    const auto platform = json::serialize(bjson::object{{"delivery_mode", "platform"}});
    reply = co_await call(m.owner, bhttp::verb::patch, "/v1/merchants/" + m.id,
                          "PATCH /v1/merchants/{id}", platform);
    profile = object_of(reply);
    if (reply.status != 200 || !profile) co_return false;
  }
  const auto& at = profile->at("location").as_object();
  m.at = city_.to_metres({at.at("lat").to_number<double>(), at.at("lng").to_number<double>()});
  const auto& listed = profile->at("cuisines").as_array();
  m.cuisine = listed.empty() ? "food" : std::string(listed.front().as_string());
  m.minimum_order_minor = profile->at("minimum_order_minor").to_number<std::int64_t>();
  m.prep_time_minutes = profile->at("prep_time_minutes").to_number<std::int64_t>();
  if (!co_await read_menu(m)) co_return false;
  merchant_index_.emplace(m.id, merchants_.size());
  merchants_.push_back(std::move(m));
  co_return true;
}

// The stores of the scenario's existing owners (merchants.existing): each owner signs in with
// the password given and every store they are staff of is played. Runs before anything else
// is set up, since it grows merchants_.
Task<void> Simulation::set_up_existing() {
  for (const auto& [email, owner_password] : scenario_.merchants.existing.owners) {
    Account owner{email, "merchant", {}, owner_password};
    if (!co_await sign_in(owner)) continue;
    const auto mine = object_of(
        co_await call(owner, bhttp::verb::get, "/v1/me/merchants", "GET /v1/me/merchants"));
    std::size_t played = 0;
    if (mine) {
      for (const auto& membership : mine->at("data").as_array()) {
        const auto id = text_of(membership.as_object(), "merchant_id");
        if (merchant_index_.contains(id)) continue;  // two of the owners share it
        MerchantActor m{.owner = owner,
                        .rng = Rng::for_actor(options_.seed, "existing", merchants_.size()),
                        .existing = true};
        if (co_await play_existing(std::move(m), id)) ++played;
      }
    }
    if (played == 0 && setup_failures_++ == 0)
      first_setup_failure_ = "no store of " + email + " could be played";
  }
}

Task<void> Simulation::set_up_customer(std::size_t index) {
  co_await sign_in(customers_[index].account);
}

// Profile (one order at a time), a shift, and where the phone's clock stands: after the last
// point the server accepted from this courier, even from an earlier run.
Task<bool> Simulation::put_on_shift(CourierActor& c) {
  const auto profile_body = json::serialize(
      bjson::object{{"vehicle", c.vehicle}, {"capacity", 1}, {"cold_storage", false}});
  auto profile = co_await call(c.account, bhttp::verb::put, "/v1/drivers/me", "PUT /v1/drivers/me",
                               profile_body);
  if (profile.status == 409) {  // on shift with another vehicle from an earlier run
    co_await call(c.account, bhttp::verb::post, "/v1/drivers/me/shift", "POST /v1/drivers/me/shift",
                  R"({"online":false})");
    profile = co_await call(c.account, bhttp::verb::put, "/v1/drivers/me", "PUT /v1/drivers/me",
                            profile_body);
  }
  const auto driver = object_of(profile);
  if (profile.status != 200 || !driver) co_return false;
  c.driver_id = text_of(*driver, "driver_id");
  if (const auto* position = driver->if_contains("position"); position && position->is_object())
    c.phone_time = std::max(c.phone_time, parse_iso_utc(text_of(position->as_object(), "at")) + 1s);
  const auto shift = co_await call(c.account, bhttp::verb::post, "/v1/drivers/me/shift",
                                   "POST /v1/drivers/me/shift", R"({"online":true})");
  if (shift.status != 200 && setup_failures_++ == 0)
    first_setup_failure_ = "putting " + c.account.email +
                           " on shift: " + std::to_string(shift.status) + " " + shift.body;
  co_return shift.status == 200;
}

Task<void> Simulation::set_up_courier(std::size_t index) {
  auto& c = couriers_[index];
  if (!co_await sign_in(c.account) || !co_await put_on_shift(c)) co_return;
  courier_index_.emplace(c.driver_id, index);
  if (index >= courier_sockets_) co_return;  // beyond the plan: polls for offers
  c.socket = co_await WsConnection::open(pool_, "/v1/ws", c.account.token);
  if (c.socket &&
      co_await c.socket->send(R"({"type":"subscribe","topic":"driver.)" + c.driver_id + "\"}"))
    spawn(listen_for_offers(index), actors_);
  else
    c.socket.reset();
}

Task<bool> Simulation::set_up() {
  const auto& s = scenario_;
  const auto seed = options_.seed;
  const auto prefix = "sim-" + s.name + "-";
  const double vehicle_total = [&s] {
    double t = 0;
    for (const auto& [name, weight] : s.couriers.vehicles) t += weight;
    return t;
  }();
  Rng layout = Rng::for_actor(seed, "layout", 0);
  for (std::size_t i = 0; i < s.merchants.count; ++i) {
    MerchantActor m{
        .owner = {prefix + "merchant" + std::to_string(i) + "@example.com", "merchant", {}},
        .cuisine = std::string(cuisines[i % cuisines.size()]),
        .at = city_.random_place(layout),
        .rng = Rng::for_actor(seed, "merchant", i),
        .prep_time_minutes = server_minutes(s.merchants.prep_minutes.mean)};
    m.silent = m.rng.chance(s.faults.merchant_silent);
    merchants_.push_back(std::move(m));
  }
  for (std::size_t i = 0; i < s.customers; ++i)
    customers_.push_back(
        {.account = {prefix + "customer" + std::to_string(i) + "@example.com", "customer", {}},
         .home = city_.random_place(layout),
         .rng = Rng::for_actor(seed, "customer", i)});
  // Phones start behind the server's clock by as much as compressed time will gain on it.
  const double ahead_s =
      (s.orders.time_compression - 1) * (options_.duration_s.value_or(s.duration_s) + s.drain_s);
  const auto phone_start = std::chrono::system_clock::now() - 60s -
                           std::chrono::seconds(static_cast<std::int64_t>(ahead_s));
  for (std::size_t i = 0; i < s.couriers.count; ++i) {
    CourierActor c{
        .account = {prefix + "courier" + std::to_string(i) + "@example.com", "driver", {}},
        .at = city_.random_place(layout),
        .rng = Rng::for_actor(seed, "courier", i),
        .phone_time = phone_start};
    double pick = c.rng.uniform() * vehicle_total;
    for (const auto& [name, weight] : s.couriers.vehicles) {
      c.vehicle = name;
      pick -= weight;
      if (pick < 0) break;
    }
    // Their first shift is under way already, by a uniform share of its length.
    const double shift_s = c.rng.spread(s.couriers.shift_hours) * 3600;
    c.shift_ends_s = shift_s * c.rng.uniform();
    c.speed_mps = c.vehicle == "bike"      ? 4.5
                  : c.vehicle == "scooter" ? 7
                  : c.vehicle == "car"     ? 8
                                           : 7;
    couriers_.push_back(std::move(c));
  }
  co_await set_up_existing();
  for (std::size_t i = 0; i < s.merchants.count; ++i) spawn(set_up_merchant(i), setting_up_);
  for (std::size_t i = 0; i < customers_.size(); ++i) spawn(set_up_customer(i), setting_up_);
  for (std::size_t i = 0; i < couriers_.size(); ++i) spawn(set_up_courier(i), setting_up_);
  if (!operator_refresh_.empty()) {
    const auto problem = co_await operator_session();
    if (!problem.empty() && setup_failures_++ == 0) first_setup_failure_ = problem;
  }
  co_await setting_up_.wait_until(SteadyTime::max());
  co_return setup_failures_ == 0 && actor_errors_ == 0;
}

}  // namespace reskflow::simulate
