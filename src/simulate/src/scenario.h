// The scenario file of `reskflow simulate` (docs/simulator.md): the city, its actors, the order
// rate over the day, how the actors behave and which faults to inject. Every key is optional
// (the defaults are the small demo city); an unknown key or a value out of range is refused.
#pragma once

#include <array>
#include <cstddef>
#include <expected>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace reskflow::simulate {

// A normal distribution cut to [min, max].
struct Spread {
  double mean = 0;
  double sd = 0;
  double min = 0;
  double max = 0;
};

struct Scenario {
  std::string name = "demo";
  struct Area {
    double lat = 52.5200;  // the centre
    double lng = 13.4050;
    double radius_m = 3000;  // customers and merchants live within it
    double block_m = 120;    // street spacing of the grid the couriers ride on
    double circuity = 1.15;  // detours the grid does not show (one-way streets, turns)
    std::string city = "Berlin";
    std::string country = "DE";
    std::string postal_code = "10178";
    std::string time_zone = "Europe/Berlin";
    std::string currency = "EUR";
  } area;
  struct Merchants {
    std::size_t count = 6;
    std::size_t items = 6;  // dishes on each menu
    double delivery_radius_m = 6000;
    Spread prep_minutes{12, 4, 3, 40};
    double poll_interval_s = 20;  // simulated seconds between looks at the order queue
    // Stores that exist on the target already (the demo city's), played through their owners'
    // accounts besides the `count` the simulator opens itself.
    struct Existing {
      struct Owner {
        std::string email;
        std::string password;
      };
      std::vector<Owner> owners;  // every store each one owns is played
      // Real seconds a new order waits in the queue before the simulator answers it, so that a
      // person watching the merchant portal sees it arrive (and may answer it first).
      double answer_after_real_s = 0;
    } existing;
  } merchants;
  std::size_t customers = 60;
  struct Couriers {
    std::size_t count = 15;
    std::vector<std::pair<std::string, double>> vehicles{
        {"bike", 0.5}, {"scooter", 0.3}, {"car", 0.2}};
    double gps_interval_s = 5;  // simulated seconds between points
    double gps_noise_m = 8;     // standard deviation of each coordinate's error
    // Simulated hours on shift before going offline (once idle), and minutes off before the next
    // shift. The first shift is already under way at the start, by a uniform share of its length.
    Spread shift_hours{4, 1, 1, 10};
    Spread break_minutes{30, 10, 5, 120};
  } couriers;
  struct Orders {
    double per_day = 2000;
    // Relative weight of each hour of the day (local to the scenario, 0 = midnight).
    std::array<double, 24> curve{1,  1,  1, 1, 1, 1, 2,  3,  3,  4, 6, 10,
                                 14, 12, 7, 5, 5, 7, 12, 14, 11, 7, 4, 2};
    double start_hour = 11.5;          // the simulated time of day at the start
    double time_compression = 1;       // simulated seconds per real second
    std::size_t total_max = 0;         // stop placing after this many orders (0: no limit)
    double on_time_minutes = 45;       // placed to delivered within this is on time
    std::size_t items_max = 3;         // distinct dishes in a cart
    std::size_t group_guests_max = 3;  // guests a group order's host invites, 1..n
    Spread schedule_ahead_minutes{60, 20, 20, 240};  // how far ahead a scheduled order is due
  } orders;
  struct Behaviour {
    double browse_only = 0.1;       // browses, fills nothing, leaves
    double search = 0.5;            // finds the merchant by search rather than the list
    double merchant_reject = 0.03;  // the merchant rejects the order
    double offer_decline = 0.1;     // a courier declines an offer
    double delivery_failed = 0.02;  // nobody at the door
    double watch = 0.8;             // the customer watches the order live
    double rate = 0.4;              // rates a delivered order
    double complain = 0.02;         // reports a problem with a delivered order
    double group = 0.05;            // the order is a group order: guests join and add dishes
    double scheduled = 0.05;        // the order is scheduled for later, not as soon as possible
  } behaviour;
  struct Faults {
    double courier_dark = 0.02;       // per courier and simulated hour: the phone goes quiet
    double courier_dark_minutes = 5;  // dark also while holding an order not yet picked up
    // At least this many spells are holding an order: the first couriers found holding one not
    // yet picked up go dark then, whatever the draw (a fault the operator must always meet).
    std::size_t courier_dark_holding = 0;
    double merchant_silent = 0;  // share of merchants that never answer (the server rejects)
    double payment_declined = 0.03;
  } faults;
  // The control room (with an administrator's session: docs/simulator.md, "The operator").
  struct Operator {
    double poll_interval_s = 60;  // simulated seconds between looks at the couriers' list
  } operator_;
  struct Limits {
    std::size_t http_connections = 32;
    std::size_t courier_sockets_max = 2000;
    std::size_t tracking_sockets_max = 2000;
    std::size_t open_files_max = 20000;
  } limits;
  double duration_s = 300;  // real seconds of placing orders
  double drain_s = 600;     // real seconds to wait for the orders in flight to end
};

// Reads a scenario; the error names the key and the rule.
std::expected<Scenario, std::string> parse_scenario(std::string_view json_text);
std::expected<Scenario, std::string> load_scenario(const std::string& path);

}  // namespace reskflow::simulate
