// The simulated city: its actors, the shared connection pool and statistics, and the coroutines
// that play each actor. Everything runs on one Asio thread, so no state here needs a lock; each
// actor draws from its own seeded generator, so a seed replays the same city.
#pragma once

#include <boost/json.hpp>

#include <array>
#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "asio.h"
#include "city.h"
#include "gate.h"
#include "http_pool.h"
#include "reskflow/simulate/simulate.h"
#include "scenario.h"
#include "stats.h"
#include "ws_client.h"

namespace reskflow::simulate {

using SteadyTime = std::chrono::steady_clock::time_point;
using WallTime = std::chrono::system_clock::time_point;

struct Account {
  std::string email;
  std::string role;
  std::string token;
  std::string password;  // an existing account's (signed in, never registered); empty: ours
};

// A dish a customer can put in a cart as it is: available now, not sold out, no choice to make.
struct Dish {
  std::string id;
  std::int64_t price_minor = 0;
};

struct MerchantActor {
  Account owner;
  std::string id;
  std::string cuisine;
  Metres at;
  std::vector<Dish> dishes;
  bool silent = false;
  Rng rng{0};
  bool existing = false;  // one of the target's own stores (merchants.existing), not ours
  std::int64_t minimum_order_minor = 0;
  std::int64_t prep_time_minutes = 1;  // the store's, in the server's minutes
  // An existing store's new orders: when the simulator first saw each in the queue.
  std::unordered_map<std::string, SteadyTime> first_seen;
  struct Ticket {
    std::string order_id;
    double ready_at_s = 0;  // simulated
    bool preparing = false;
  };
  std::deque<Ticket> kitchen;  // the accepted orders not yet ready
};

struct CustomerActor {
  Account account;
  Metres home;
  Rng rng{0};
  bool busy = false;
  std::uint64_t visits = 0;
};

struct Job {
  std::string delivery_id;
  std::string order_id;
  std::optional<std::size_t> merchant;  // indices of the simulated actors, when they are ours
  std::optional<std::size_t> customer;
  Metres pickup;
  Metres dropoff;
  bool picked_up = false;
  std::string status = "assigned";  // the delivery's, as the server last said it
  Ride ride;
  double metres = 0;  // ridden since the offer was accepted
  int stuck_steps = 0;
};

struct CourierActor {
  Account account;
  std::string driver_id;
  std::string vehicle;
  double speed_mps = 5;
  Metres at;
  Rng rng{0};
  std::unique_ptr<WsConnection> socket;
  std::deque<boost::json::object> offers;  // pushed on its topic, not yet answered
  std::optional<Job> job;
  WallTime phone_time;                                     // the clock of the phone's last fix
  std::array<std::pair<WallTime, SteadyTime>, 8> fixes{};  // (fix time, sent) of recent points
  std::size_t fixes_next = 0;
  double dark_until_s = -1;  // simulated
  double shift_ends_s = 0;   // simulated: goes offline once idle after this
  double online_s = 0;       // simulated, on shift (dark spells included)
  double busy_s = 0;         // of which holding a delivery
  double break_ends_s = 0;   // simulated: off shift until this
  bool off_shift = false;
  bool assigned_by_operator = false;  // told to read their deliveries when next idle
};

// What the simulator keeps of an order a customer was told exists, until the final check.
struct OrderRecord {
  std::size_t customer = 0;
  std::size_t merchant = 0;
  std::optional<std::size_t> courier;
  SteadyTime placed_at;
  // When the simulator asked for each change ("order:accepted", "delivery:picked_up"), so the
  // WebSocket message that announces it gives the tracking lag.
  std::vector<std::pair<std::string, SteadyTime>> asked;
  std::string status = "placed";
  std::optional<SteadyTime> scheduled_for;  // a scheduled order: due at the door then
  // What its customer saw at pickup: the seconds the drop-off ETA then promised, when the
  // message came, and the simulated time (the ETA error's hour).
  std::optional<double> eta_promised_s;
  SteadyTime picked_up_seen;
  double picked_up_simulated_s = 0;
};

class Simulation {
 public:
  Simulation(Scenario scenario, const Options& options, const Endpoint& endpoint);
  // Runs the city to its end on the calling thread.
  Outcome run();

 private:
  // simulation.cc: the run's phases and its clock.
  Task<void> main_phases();
  Task<void> guarded(Task<void> actor, Gate& gate);
  void spawn(Task<void> actor, Gate& gate);
  Task<void> progress();
  Task<void> pause(double simulated_s);
  Task<void> pause_real(std::chrono::milliseconds real);
  double now_s() const;  // simulated seconds since the start
  void plan_sockets();
  Task<void> check_nothing_lost();
  void close_sockets();

  // setup.cc: accounts, merchants and menus, couriers on shift (reused when they exist).
  Task<bool> sign_in(Account& account);
  Task<Reply> call(Account& account, bhttp::verb method, std::string target, std::string route,
                   std::string body = {}, std::string idempotency_key = {});
  std::int64_t server_minutes(double simulated_minutes) const;
  Task<void> set_up_merchant(std::size_t index);
  Task<bool> open_merchant(MerchantActor& m, std::size_t index);
  Task<bool> read_menu(MerchantActor& m);
  Task<bool> play_existing(MerchantActor m, const std::string& merchant_id);
  Task<void> set_up_existing();
  Task<void> set_up_customer(std::size_t index);
  Task<void> set_up_courier(std::size_t index);
  Task<bool> put_on_shift(CourierActor& c);
  Task<bool> set_up();

  // merchant.cc
  Task<void> merchant_loop(std::size_t index);
  Task<void> answer_new_orders(MerchantActor& m);
  Task<void> work_kitchen(MerchantActor& m);

  // courier.cc
  Task<void> courier_loop(std::size_t index);
  Task<void> listen_for_offers(std::size_t index);
  Task<void> courier_step(std::size_t index);
  Task<void> report_position(CourierActor& c);
  void count_points(const boost::json::object& answer);  // a location batch's answer
  Task<void> answer_offer(std::size_t index, boost::json::object offer);
  Task<void> at_pickup(CourierActor& c);
  Task<void> at_dropoff(CourierActor& c);
  Task<bool> move_delivery(CourierActor& c, std::string status, boost::json::object extra);
  Task<void> check_job(CourierActor& c);
  bool going_dark(CourierActor& c);
  Task<bool> change_shift(std::size_t index);
  Task<void> take_assigned(std::size_t index);
  void take_job(std::size_t index, const boost::json::object& delivery);

  // operator.cc: the control room reassigns the orders of couriers gone quiet.
  Task<std::string> operator_session();  // what went wrong, or empty
  Task<Reply> operator_call(bhttp::verb method, std::string target, std::string route,
                            std::string body = {});
  Task<void> operator_loop();
  Task<void> reassign_from(std::size_t dark, const boost::json::array& drivers);

  // customer.cc
  Task<void> arrivals();
  Task<void> journey(std::size_t customer);
  Task<std::optional<std::size_t>> browse(CustomerActor& c);
  std::optional<std::size_t> nearest_merchant(Metres home) const;  // of the stores we opened
  Task<std::optional<std::string>> checkout(std::size_t customer, std::size_t merchant);
  Task<void> add_dishes(std::size_t customer, std::size_t merchant, std::string cart);
  Task<bool> host_group(std::size_t host, std::size_t merchant, std::string cart);
  Task<std::optional<std::string>> place_order(std::size_t customer, std::size_t merchant,
                                               std::string cart, bool scheduled);
  Task<void> watch(std::size_t customer, std::string order_id);
  Task<void> read_tracking(WsConnection& socket, std::size_t customer, const std::string& order_id);
  Task<void> poll_until_ended(std::size_t customer, std::string order_id);
  Task<void> after_the_order(std::size_t customer, std::string order_id);
  // `timed`: the customer saw it now (the delivery's minutes count), not the final check.
  void note_status(const std::string& order_id, const std::string& status, bool timed = true);
  void note_lag(const std::string& order_id, const std::string& change);
  void note_position_lag(const std::string& order_id, WallTime fix_time);
  void note_eta(const std::string& order_id, const boost::json::object& tracking);
  void note_eta_error(const OrderRecord& record);
  void count_utilisation();
  Task<void> read_server_eta();  // the admin API's ETA quality, with an operator
  void ask(const std::string& order_id, std::string change);

  Scenario scenario_;
  Options options_;
  City city_;
  asio::io_context io_;
  Stats stats_;
  HttpPool pool_;
  SteadyTime started_;
  SteadyTime placing_ends_;
  Gate setting_up_{io_};
  Gate journeys_{io_};
  Gate actors_{io_};
  bool placing_ = true;
  bool stopping_ = false;
  bool finished_ = false;
  bool playing_ = false;              // set up, and started_ reset: the timeline samples
  std::size_t courier_sockets_ = 0;   // of the plan: couriers beyond it poll for offers
  std::size_t tracking_sockets_ = 0;  // of the plan: customers beyond it poll their order
  std::size_t tracking_open_ = 0;
  std::vector<MerchantActor> merchants_;
  std::unordered_map<std::string, std::size_t> merchant_index_;
  std::unordered_map<std::string, std::size_t> courier_index_;  // by driver id
  std::vector<CustomerActor> customers_;
  std::vector<CourierActor> couriers_;
  Account operator_;  // signed in only with an administrator's session (operator.cc)
  std::string operator_refresh_;
  std::unordered_map<std::string, OrderRecord> orders_;
  std::vector<WsConnection*> tracking_;  // open tracking sockets, closed when the run stops
  std::uint64_t actor_errors_ = 0;
  std::uint64_t setup_failures_ = 0;
  std::string first_setup_failure_;
  std::string plan_;                               // the connection plan, for the report
  std::optional<boost::json::object> server_eta_;  // GET /v1/admin/metrics/eta at the end
};

// Reads a reply's JSON object; nullopt when it is not one.
std::optional<boost::json::object> object_of(const Reply& reply);
// The dishes of a menu (GET /v1/merchants/{id}/menu) a cart takes without a choice.
std::vector<Dish> dishes_of(const boost::json::object& menu);
std::string text_of(const boost::json::object& o, std::string_view key);
bool terminal_status(std::string_view status);

// Writes the report (report.cc): text on stdout, JSON to `json_path` when set.
struct ReportContext {
  const Scenario& scenario;
  const Options& options;
  const Stats& stats;
  double elapsed_real_s;
  double elapsed_simulated_s;
  std::string plan;
  const std::optional<boost::json::object>& server_eta;
};
boost::json::object report_json(const ReportContext& context);
std::string report_text(const ReportContext& context);
// report_html.cc: a page with plots (inline SVG, nothing fetched), next to the JSON report.
std::string report_html(const ReportContext& context);
std::string html_path_of(const std::string& json_path);  // report.json -> report.html

}  // namespace reskflow::simulate
