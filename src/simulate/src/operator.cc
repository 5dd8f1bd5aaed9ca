// The simulated control room (docs/simulator.md, "The operator"): with an administrator's
// two-factor session it looks at the couriers' list (GET /v1/admin/drivers) every poll interval,
// and gives the order each courier the server marks suspect (on shift, silent) holds, not yet
// picked up, to the nearest idle courier on shift (POST /v1/admin/deliveries/{id}/assign), who
// is told to look at their deliveries, as the courier app's notification would.
#include <algorithm>
#include <cmath>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include "reskflow/core/json_text.h"
#include "simulation.h"

namespace reskflow::simulate {
namespace {

namespace bjson = boost::json;

constexpr std::size_t assign_tries_max = 3;  // nearest idle couriers asked in turn
constexpr std::size_t driver_pages_max = 1000;

}  // namespace

// Tokens from the refresh token the operator was given (each refresh spends it for a new one).
Task<std::string> Simulation::operator_session() {
  Request refresh{bhttp::verb::post,
                  "/v1/auth/refresh",
                  "POST /v1/auth/refresh",
                  {},
                  json::serialize(bjson::object{{"refresh_token", operator_refresh_}})};
  const auto reply = co_await pool_.send(std::move(refresh));
  const auto tokens = object_of(reply);
  if (reply.status != 200 || !tokens)
    co_return "the operator's session (RESKFLOW_SIMULATE_OPERATOR_REFRESH_TOKEN): " +
        std::to_string(reply.status) + " " + reply.body;
  operator_.token = text_of(*tokens, "access_token");
  operator_refresh_ = text_of(*tokens, "refresh_token");
  co_return std::string();
}

// A request as the operator; an expired access token is renewed with the refresh token, once.
Task<Reply> Simulation::operator_call(bhttp::verb method, std::string target, std::string route,
                                      std::string body) {
  Request request{method, std::move(target), std::move(route), operator_.token, std::move(body)};
  if (method == bhttp::verb::post)
    request.idempotency_key = "sim-operator-" + std::to_string(options_.seed) + "-" +
                              std::to_string(stats_.operator_reassigned + stats_.operator_refused);
  auto reply = co_await pool_.send(request);
  if (reply.status == 401) {
    const auto problem = co_await operator_session();
    if (!problem.empty()) {
      std::cerr << "\nsimulate: " << problem << '\n';
      co_return reply;
    }
    request.token = operator_.token;
    reply = co_await pool_.send(std::move(request));
  }
  co_return reply;
}

Task<void> Simulation::operator_loop() {
  while (!stopping_) {
    co_await pause(scenario_.operator_.poll_interval_s);
    if (stopping_) break;
    bjson::array drivers;
    std::string cursor;
    for (std::size_t page = 0; page < driver_pages_max; ++page) {
      const auto target =
          "/v1/admin/drivers?limit=100" + (cursor.empty() ? "" : "&cursor=" + cursor);
      auto listed =
          object_of(co_await operator_call(bhttp::verb::get, target, "GET /v1/admin/drivers"));
      if (!listed) break;
      for (auto& d : listed->at("data").as_array()) drivers.push_back(std::move(d));
      cursor = text_of(*listed, "next_cursor");
      if (cursor.empty()) break;
    }
    for (const auto& d : drivers) {
      if (text_of(d.as_object(), "status") != "suspect") continue;
      const auto it = courier_index_.find(text_of(d.as_object(), "driver_id"));
      if (it == courier_index_.end()) continue;
      const auto& quiet = couriers_[it->second];
      // The courier's order, as the control room's map shows it beside them.
      if (quiet.job && !quiet.job->picked_up && now_s() < quiet.dark_until_s)
        co_await reassign_from(it->second, drivers);
    }
  }
}

// The quiet courier's order to the nearest idle courier the list shows online.
Task<void> Simulation::reassign_from(std::size_t dark, const bjson::array& drivers) {
  const auto delivery_id = couriers_[dark].job->delivery_id;
  const auto order_id = couriers_[dark].job->order_id;
  const auto pickup = couriers_[dark].job->pickup;
  std::vector<std::pair<double, std::size_t>> idle;  // metres from the pickup, courier
  for (const auto& d : drivers) {
    const auto& driver = d.as_object();
    const auto* position = driver.if_contains("position");
    const auto it = courier_index_.find(text_of(driver, "driver_id"));
    if (text_of(driver, "status") != "online" || it == courier_index_.end() || !position ||
        !position->is_object())
      continue;
    const auto& c = couriers_[it->second];
    if (c.job || c.off_shift || c.assigned_by_operator || now_s() < c.dark_until_s) continue;
    const auto& point = position->as_object();
    const auto at =
        city_.to_metres({point.at("lat").to_number<double>(), point.at("lng").to_number<double>()});
    idle.emplace_back(std::hypot(at.x - pickup.x, at.y - pickup.y), it->second);
  }
  std::ranges::sort(idle);
  for (std::size_t t = 0; t < idle.size() && t < assign_tries_max; ++t) {
    const auto to = idle[t].second;
    const auto body = json::serialize(bjson::object{{"driver_id", couriers_[to].driver_id}});
    const auto reply =
        co_await operator_call(bhttp::verb::post, "/v1/admin/deliveries/" + delivery_id + "/assign",
                               "POST /v1/admin/deliveries/{id}/assign", body);
    if (reply.status != 200) {
      ++stats_.operator_refused;
      continue;
    }
    ++stats_.operator_reassigned;
    couriers_[to].assigned_by_operator = true;
    auto& quiet = couriers_[dark];
    // Still quiet, so not in the middle of a step: the order is simply no longer theirs (back
    // sooner, their next move is refused with 404 and they drop it then).
    if (quiet.job && quiet.job->delivery_id == delivery_id && now_s() < quiet.dark_until_s)
      quiet.job.reset();
    if (auto it = orders_.find(order_id); it != orders_.end()) it->second.courier = to;
    co_return;
  }
}

// The server's own ETA quality, for the report beside the simulator's figure: its rows per zone
// and UTC hour for the hours the run took (deliveries of earlier runs on the same target within
// that window count too).
Task<void> Simulation::read_server_eta() {
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started_;
  const auto hours = std::max<std::int64_t>(1, std::llround(std::ceil(took.count() / 3600)));
  const auto reply = co_await operator_call(
      bhttp::verb::get, "/v1/admin/metrics/eta?window_hours=" + std::to_string(hours),
      "GET /v1/admin/metrics/eta");
  if (reply.status == 200) server_eta_ = object_of(reply);
}

}  // namespace reskflow::simulate
