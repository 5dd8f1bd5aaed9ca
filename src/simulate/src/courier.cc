// A courier's shifts: a step every GPS interval moves them along the street grid and reports the
// point (with noise); idle, they answer the offers their socket brought (or that they polled);
// on a job they check in at the counter, pick up with the merchant's code, ride to the door,
// upload a photo and deliver with the customer's PIN when one is asked (or fail at the door).
// After a shift they go offline for a break, then come back.
#include <array>
#include <cmath>

#include "reskflow/core/json_text.h"
#include "simulation.h"

namespace reskflow::simulate {
namespace {

constexpr std::size_t offers_queued_max = 8;
constexpr int stuck_steps_max = 60;  // steps a move keeps failing before the courier gives up

// A 1×1 PNG: the proof photo.
std::string tiny_png() {
  static constexpr std::array<unsigned char, 67> bytes{
      0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48,
      0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00,
      0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78,
      0x9C, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00,
      0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82};
  return {bytes.begin(), bytes.end()};
}

}  // namespace

Task<void> Simulation::listen_for_offers(std::size_t index) {
  while (couriers_[index].socket) {
    const auto text = co_await couriers_[index].socket->receive();
    if (!text) break;
    boost::system::error_code ec;
    const auto message = boost::json::parse(*text, ec);
    if (!ec && message.is_object() && text_of(message.as_object(), "type") == "location.result") {
      count_points(message.as_object());
      continue;
    }
    const auto* data =
        !ec && message.is_object() ? message.as_object().if_contains("data") : nullptr;
    if (data == nullptr || !data->is_object() || text_of(data->as_object(), "kind") != "offer")
      continue;
    auto& c = couriers_[index];
    if (c.offers.size() < offers_queued_max) c.offers.push_back(data->at("offer").as_object());
  }
}

// Quiet for a spell now and then: idle, or holding an order not yet picked up (the operator,
// when there is one, gives that order to someone else; operator.cc). Never with an order on
// board: nobody can take it over. Until `faults.courier_dark_holding` spells have held an order,
// a courier holding one goes dark at once, so that the fault happens on every run.
bool Simulation::going_dark(CourierActor& c) {
  if (now_s() < c.dark_until_s) return true;
  if (c.job && c.job->picked_up) return false;
  const bool owed = c.job && stats_.courier_dark_holding < scenario_.faults.courier_dark_holding;
  const double p = scenario_.faults.courier_dark * scenario_.couriers.gps_interval_s / 3600;
  if (!owed && !c.rng.chance(p)) return false;
  c.dark_until_s = now_s() + scenario_.faults.courier_dark_minutes * 60;
  c.offers.clear();
  ++stats_.courier_dark_spells;
  stats_.courier_dark_holding += c.job ? 1U : 0U;
  return true;
}

Task<void> Simulation::courier_loop(std::size_t index) {
  double counted_to_s = now_s();
  while (!stopping_) {
    co_await pause(scenario_.couriers.gps_interval_s);
    if (stopping_) break;
    // The interval since the last step, as the courier spent it (only steps change that).
    auto& c = couriers_[index];
    const double spent_s = std::max(0.0, now_s() - counted_to_s);
    counted_to_s = now_s();
    c.online_s += c.off_shift ? 0 : spent_s;
    c.busy_s += c.off_shift || !c.job ? 0 : spent_s;
    // Awaited apart from the condition: g++ 12 miscompiles a co_await inside an if's condition
    // followed by continue (the frame resumes into an illegal instruction).
    const bool off_shift = co_await change_shift(index);
    if (!off_shift && !going_dark(couriers_[index])) co_await courier_step(index);
  }
  if (!couriers_[index].off_shift)
    co_await call(couriers_[index].account, bhttp::verb::post, "/v1/drivers/me/shift",
                  "POST /v1/drivers/me/shift", R"({"online":false})");
}

// Each courier's share of their time on shift spent with a delivery, and the whole fleet's.
void Simulation::count_utilisation() {
  for (const auto& c : couriers_) {
    stats_.courier_online_s += c.online_s;
    stats_.courier_busy_s += c.busy_s;
    if (c.online_s > 0)
      stats_.courier_utilisation_permille.add(std::llround(1000 * c.busy_s / c.online_s));
  }
}

// Once the shift is over and the courier has nothing to do (no order, no assignment to read,
// not dark), they go offline for a break, then start the next shift. True while off shift.
Task<bool> Simulation::change_shift(std::size_t index) {
  auto& c = couriers_[index];
  const auto& plan = scenario_.couriers;
  if (c.off_shift) {
    if (now_s() < c.break_ends_s) co_return true;
    const auto back = co_await call(c.account, bhttp::verb::post, "/v1/drivers/me/shift",
                                    "POST /v1/drivers/me/shift", R"({"online":true})");
    if (back.status != 200) co_return true;  // tries again at the next step
    auto& courier = couriers_[index];
    courier.off_shift = false;
    courier.shift_ends_s = now_s() + courier.rng.spread(plan.shift_hours) * 3600;
    ++stats_.shifts_started;
    co_return false;
  }
  if (now_s() < c.shift_ends_s || c.job || c.assigned_by_operator || now_s() < c.dark_until_s)
    co_return false;
  const auto off = co_await call(c.account, bhttp::verb::post, "/v1/drivers/me/shift",
                                 "POST /v1/drivers/me/shift", R"({"online":false})");
  auto& courier = couriers_[index];
  if (off.status != 200) co_return false;
  courier.off_shift = true;
  courier.offers.clear();  // made to them on shift: they lapse
  courier.break_ends_s = now_s() + courier.rng.spread(plan.break_minutes) * 60;
  ++stats_.shifts_ended;
  co_return true;
}

Task<void> Simulation::courier_step(std::size_t index) {
  auto& c = couriers_[index];
  if (c.job) {
    const double road = c.speed_mps * scenario_.couriers.gps_interval_s / city_.circuity();
    c.job->metres += c.job->ride.advance(road) * city_.circuity();
    c.at = c.job->ride.at();
  }
  co_await report_position(couriers_[index]);
  auto& courier = couriers_[index];
  if (courier.job) {
    if (courier.job->ride.arrived()) co_await check_job(courier);
    co_return;
  }
  if (courier.assigned_by_operator) {
    co_await take_assigned(index);
    co_return;
  }
  if (!courier.socket) {  // beyond the socket plan: ask for offers instead
    const auto listed = object_of(co_await call(
        courier.account, bhttp::verb::get, "/v1/drivers/me/offers", "GET /v1/drivers/me/offers"));
    if (listed && listed->contains("data"))
      for (const auto& offer : listed->at("data").as_array())
        if (couriers_[index].offers.size() < offers_queued_max)
          couriers_[index].offers.push_back(offer.as_object());
  }
  if (couriers_[index].offers.empty()) co_return;
  auto offer = std::move(couriers_[index].offers.front());
  couriers_[index].offers.pop_front();
  co_await answer_offer(index, std::move(offer));
}

// One point where the courier is, as a phone reports it: off by the GPS noise, stamped with the
// phone's clock, which runs at simulated speed (never ahead of the real one).
Task<void> Simulation::report_position(CourierActor& c) {
  const double noise = scenario_.couriers.gps_noise_m;
  const auto fix =
      city_.to_lat_lng({c.at.x + c.rng.normal(0, noise), c.at.y + c.rng.normal(0, noise)});
  const auto step =
      std::chrono::milliseconds(std::llround(scenario_.couriers.gps_interval_s * 1000));
  c.phone_time = std::min(c.phone_time + step, std::chrono::system_clock::now());
  const auto fix_time = c.phone_time;
  c.fixes[c.fixes_next++ % c.fixes.size()] = {fix_time, std::chrono::steady_clock::now()};
  const boost::json::object point{{"lat", fix.lat},
                                  {"lng", fix.lng},
                                  {"at", iso_utc(fix_time)},
                                  {"accuracy_m", std::max(5.0, 2 * noise)}};
  ++stats_.gps_points_sent;
  // A courier with a socket sends the point on it, as the app does (its answer arrives with the
  // offers, listen_for_offers); the others post it over the shared pool.
  if (c.socket) {
    const auto message = json::serialize(
        boost::json::object{{"type", "location"}, {"points", boost::json::array{point}}});
    if (co_await c.socket->send(message)) co_return;
  }
  const auto body = json::serialize(boost::json::object{{"points", boost::json::array{point}}});
  const auto answer =
      object_of(co_await call(c.account, bhttp::verb::post, "/v1/drivers/me/locations",
                              "POST /v1/drivers/me/locations", body));
  if (answer) count_points(*answer);
}

void Simulation::count_points(const boost::json::object& answer) {
  if (const auto* n = answer.if_contains("accepted"); n && n->is_int64())
    stats_.gps_points_accepted += static_cast<std::uint64_t>(n->as_int64());
  if (const auto* n = answer.if_contains("flagged"); n && n->is_int64())
    stats_.gps_points_flagged += static_cast<std::uint64_t>(n->as_int64());
}

Task<void> Simulation::answer_offer(std::size_t index, boost::json::object offer) {
  ++stats_.offers_received;
  auto& c = couriers_[index];
  const auto path = "/v1/offers/" + text_of(offer, "id");
  if (c.rng.chance(scenario_.behaviour.offer_decline)) {
    co_await call(c.account, bhttp::verb::post, path + "/decline", "POST /v1/offers/{id}/decline");
    ++stats_.offers_declined;
    co_return;
  }
  const auto reply =
      co_await call(c.account, bhttp::verb::post, path + "/accept", "POST /v1/offers/{id}/accept");
  const auto delivery = object_of(reply);
  if (reply.status != 200 || !delivery) {  // lapsed, or withdrawn meanwhile
    ++stats_.offers_lost;
    co_return;
  }
  ++stats_.offers_accepted;
  take_job(index, *delivery);
}

// The delivery (as the API shows it) becomes the courier's job: to the pickup first.
void Simulation::take_job(std::size_t index, const boost::json::object& delivery) {
  const auto place = [this](const boost::json::value& p) {
    const auto& at = p.as_object().at("location").as_object();
    return city_.to_metres({at.at("lat").to_number<double>(), at.at("lng").to_number<double>()});
  };
  auto& courier = couriers_[index];
  Job job{.delivery_id = text_of(delivery, "id"),
          .order_id = text_of(delivery, "order_id"),
          .pickup = place(delivery.at("pickup")),
          .dropoff = place(delivery.at("dropoff"))};
  job.ride = Ride(city_.route(courier.at, job.pickup));
  if (auto it = merchant_index_.find(text_of(delivery, "merchant_id")); it != merchant_index_.end())
    job.merchant = it->second;
  if (auto it = orders_.find(job.order_id); it != orders_.end()) {
    it->second.courier = index;
    job.customer = it->second.customer;
  }
  courier.job = std::move(job);
}

// The operator gave this courier a delivery (operator.cc): it is among their active ones,
// still assigned (as the app shows it after the notification).
Task<void> Simulation::take_assigned(std::size_t index) {
  const auto mine = object_of(co_await call(couriers_[index].account, bhttp::verb::get,
                                            "/v1/drivers/me/deliveries?active=true",
                                            "GET /v1/drivers/me/deliveries"));
  couriers_[index].assigned_by_operator = false;
  if (!mine || couriers_[index].job) co_return;
  for (const auto& d : mine->at("data").as_array()) {
    if (text_of(d.as_object(), "status") != "assigned") continue;
    take_job(index, d.as_object());
    co_return;
  }
}

// The delivery moved (or, when the server refused, what it is now: a job the server ended is
// dropped; one stuck for too long is given up and shows in the final check). After a refusal
// (409) the courier reads where the delivery is and carries on from there: a step already made
// (its answer lost, or made before a later step failed) is not asked for again. Asking again,
// the courier was refused until they gave the job up, and the order stayed `ready` with every
// courier idle.
Task<bool> Simulation::move_delivery(CourierActor& c, std::string status,
                                     boost::json::object extra) {
  extra["status"] = status;
  const auto job_order = c.job->order_id;
  ask(job_order, "delivery:" + status);
  if (status == "picked_up" || status == "delivered" || status == "failed")
    ask(job_order, "order:" + status);
  const auto reply = co_await call(c.account, bhttp::verb::post,
                                   "/v1/deliveries/" + c.job->delivery_id + "/status",
                                   "POST /v1/deliveries/{id}/status", json::serialize(extra));
  if (reply.status == 200) {
    if (c.job) c.job->status = status;
    co_return true;
  }
  if (c.job && reply.status == 409) {
    const auto seen =
        object_of(co_await call(c.account, bhttp::verb::get, "/v1/deliveries/" + c.job->delivery_id,
                                "GET /v1/deliveries/{id}"));
    if (auto current = seen ? text_of(*seen, "status") : ""; c.job && !current.empty())
      c.job->status = std::move(current);
  }
  // 404: no longer theirs (the operator gave it to someone else while they were quiet).
  if (c.job && (reply.status == 404 || ++c.job->stuck_steps > stuck_steps_max)) c.job.reset();
  co_return false;
}

Task<void> Simulation::check_job(CourierActor& c) {
  if (!c.job->picked_up)
    co_await at_pickup(c);
  else
    co_await at_dropoff(c);
}

// From where the delivery is: at the counter once, then the pickup with the merchant's code.
Task<void> Simulation::at_pickup(CourierActor& c) {
  if (c.job->status == "assigned" && !co_await move_delivery(c, "at_pickup", {})) co_return;
  if (c.job->status == "at_pickup") {
    if (!c.job->merchant) {  // not one of the simulated merchants: nobody to ask for the code
      c.job.reset();
      co_return;
    }
    // The merchant reads the pickup code off its screen and tells the courier.
    auto& merchant = merchants_[*c.job->merchant];
    const auto seen =
        object_of(co_await call(merchant.owner, bhttp::verb::get,
                                "/v1/deliveries/" + c.job->delivery_id, "GET /v1/deliveries/{id}"));
    if (!seen || !c.job) co_return;
    boost::json::object code;
    code["pickup_code"] = text_of(*seen, "pickup_code");
    if (!co_await move_delivery(c, "picked_up", std::move(code))) co_return;
  }
  if (c.job->status == "picked_up") {
    c.job->picked_up = true;
    c.job->ride = Ride(city_.route(c.at, c.job->dropoff));
  } else if (c.job->status != "assigned" && c.job->status != "at_pickup") {
    c.job.reset();  // it ended before the pickup (the order was cancelled)
  }
}

// From where the delivery is: at the door once, then the handover (or nobody answers).
Task<void> Simulation::at_dropoff(CourierActor& c) {
  if (c.job->status == "picked_up" && !co_await move_delivery(c, "at_dropoff", {})) co_return;
  if (c.job->status != "at_dropoff") {  // it ended already: the answer to that step was lost
    c.job.reset();
    co_return;
  }
  const auto path = "/v1/deliveries/" + c.job->delivery_id;
  Request photo{bhttp::verb::post, path + "/proof", "POST /v1/deliveries/{id}/proof",
                c.account.token,   tiny_png(),      "image/png"};
  if ((co_await pool_.send(std::move(photo))).status == 201) ++stats_.proofs;
  const auto customer = c.job->customer;
  // The customer tells the PIN at the door. Someone else's order (a person's, at a store the
  // simulator plays) is handed over when it asks for no PIN, since nobody can tell one.
  auto& asking = customer ? customers_[*customer].account : c.account;
  const auto seen =
      object_of(co_await call(asking, bhttp::verb::get, path, "GET /v1/deliveries/{id}"));
  if (!c.job) co_return;
  const auto* asked = seen ? seen->if_contains("pin_required") : nullptr;
  const bool pin_required = asked != nullptr && asked->is_bool() && asked->as_bool();
  const bool nobody =
      customer ? c.rng.chance(scenario_.behaviour.delivery_failed) : !seen || pin_required;
  if (nobody) {
    boost::json::object reason;
    reason["reason"] = "Nobody answered the door.";
    if (!co_await move_delivery(c, "failed", std::move(reason))) co_return;
    c.job.reset();
    co_return;
  }
  boost::json::object last;
  if (pin_required) last["pin"] = text_of(*seen, "pin");
  if (!co_await move_delivery(c, "delivered", std::move(last))) co_return;
  stats_.courier_metres_per_order.add(std::llround(c.job->metres));
  c.job.reset();
}

}  // namespace reskflow::simulate
