// The run's phases: set up, play the city while orders are placed, drain, check that nothing was
// lost, report (docs/simulator.md).
#include "simulation.h"

#include <sys/resource.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "reskflow/core/json_text.h"

namespace reskflow::simulate {
namespace {

using namespace std::chrono_literals;

constexpr std::size_t reserved_files = 64;  // stdio, the resolver, logs, the report
constexpr auto progress_interval = 1s;
constexpr auto progress_interval_piped = 10s;
constexpr auto wind_down_max = 60s;  // for the actors' loops to end after the drain

}  // namespace

std::optional<boost::json::object> object_of(const Reply& reply) {
  boost::system::error_code ec;
  auto value = boost::json::parse(reply.body, ec);
  if (ec || !value.is_object()) return std::nullopt;
  return std::move(value.as_object());
}

std::string text_of(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

bool terminal_status(std::string_view status) {
  return status == "delivered" || status == "failed" || status == "rejected" ||
         status == "cancelled" || status == "refunded";
}

Simulation::Simulation(Scenario scenario, const Options& options, const Endpoint& endpoint)
    : scenario_(std::move(scenario)),
      options_(options),
      city_(scenario_.area),
      pool_(io_, endpoint, options.ca_file, scenario_.limits.http_connections, stats_),
      operator_{"operator", "admin", {}},
      operator_refresh_(options.operator_refresh_token) {}

// Fits the sockets in the open-file limit: the HTTP pool first, then one socket per courier
// listening for offers, then the customers watching their orders; the rest poll.
void Simulation::plan_sockets() {
  rlimit files{};
  getrlimit(RLIMIT_NOFILE, &files);
  const rlim_t wanted = std::min<rlim_t>(files.rlim_max, scenario_.limits.open_files_max);
  if (files.rlim_cur < wanted) {
    files.rlim_cur = wanted;
    setrlimit(RLIMIT_NOFILE, &files);
    getrlimit(RLIMIT_NOFILE, &files);
  }
  const std::size_t limit = std::min<std::size_t>(files.rlim_cur, scenario_.limits.open_files_max);
  std::size_t left = limit > reserved_files ? limit - reserved_files : 0;
  const std::size_t http = std::min(scenario_.limits.http_connections, left);
  left -= http;
  courier_sockets_ =
      std::min({scenario_.limits.courier_sockets_max, scenario_.couriers.count, left});
  left -= courier_sockets_;
  tracking_sockets_ = std::min(scenario_.limits.tracking_sockets_max, left);
  plan_ = std::to_string(limit) + " open files: " + std::to_string(http) +
          " HTTP keep-alive connections, " + std::to_string(courier_sockets_) +
          " courier sockets (" + std::to_string(scenario_.couriers.count - courier_sockets_) +
          " couriers poll for offers), up to " + std::to_string(tracking_sockets_) +
          " tracking sockets, " + std::to_string(reserved_files) + " reserved";
  std::cerr << "simulate: " << plan_ << '\n';
}

double Simulation::now_s() const {
  const std::chrono::duration<double> real = std::chrono::steady_clock::now() - started_;
  return real.count() * scenario_.orders.time_compression;
}

Task<void> Simulation::pause_real(std::chrono::milliseconds real) {
  asio::steady_timer timer(io_, real);
  co_await timer.async_wait(use_tuple);
}

Task<void> Simulation::pause(double simulated_s) {
  const double real_ms = simulated_s * 1000 / scenario_.orders.time_compression;
  co_await pause_real(std::chrono::milliseconds(std::max<std::int64_t>(1, std::llround(real_ms))));
}

Task<void> Simulation::guarded(Task<void> actor, Gate& gate) {
  try {
    co_await std::move(actor);
  } catch (const std::exception& e) {  // an answer of a shape the simulator did not expect
    if (actor_errors_++ < 5) std::cerr << "\nsimulate: an actor stopped: " << e.what() << '\n';
  }
  gate.leave();
}

void Simulation::spawn(Task<void> actor, Gate& gate) {
  gate.enter();
  asio::co_spawn(io_, guarded(std::move(actor), gate), asio::detached);
}

Task<void> Simulation::progress() {
  const bool live = isatty(STDERR_FILENO) != 0;
  const auto every = live ? 1 : progress_interval_piped / progress_interval;
  for (std::int64_t tick = 1; !finished_; ++tick) {
    co_await pause_real(progress_interval);
    if (finished_) break;
    std::size_t busy = 0;
    for (const auto& c : couriers_) busy += c.job ? 1U : 0U;
    const auto& s = stats_;
    if (playing_)
      stats_.timeline.offer(
          {std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count(),
           s.orders_placed, s.orders_delivered, journeys_.inside(), busy});
    if (tick % every != 0) continue;
    std::fprintf(stderr,
                 "%s%5.0fs %s placed %llu delivered %llu failed %llu rejected %llu in flight "
                 "%zu couriers busy %zu/%zu%s",
                 live ? "\r" : "",
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count(),
                 !playing_  ? "setting up"
                 : placing_ ? "placing"
                            : "draining",
                 static_cast<unsigned long long>(s.orders_placed),
                 static_cast<unsigned long long>(s.orders_delivered),
                 static_cast<unsigned long long>(s.orders_failed),
                 static_cast<unsigned long long>(s.orders_rejected), journeys_.inside(), busy,
                 couriers_.size(), live ? "   " : "\n");
  }
  if (live) std::fputc('\n', stderr);
}

void Simulation::close_sockets() {
  for (auto* socket : tracking_) socket->close();
  for (auto& c : couriers_)
    if (c.socket) c.socket->close();
}

// Every order a customer was told exists, fetched as that customer: it must be found, and in a
// terminal state.
Task<void> Simulation::check_nothing_lost() {
  for (const auto& [order_id, record] : orders_) {
    auto& customer = customers_[record.customer].account;
    const auto reply =
        co_await call(customer, bhttp::verb::get, "/v1/orders/" + order_id, "GET /v1/orders/{id}");
    ++stats_.orders_checked;
    const auto order = object_of(reply);
    // Ended after the drain, unseen by its customer: counted by how it ended, not timed.
    if (reply.status == 200 && order) note_status(order_id, text_of(*order, "status"), false);
    if (reply.status != 200 || !order || !terminal_status(text_of(*order, "status"))) {
      if (stats_.orders_lost++ < 10)
        std::cerr << "simulate: order " << order_id << " is "
                  << (order ? text_of(*order, "status")
                            : "not found (" + std::to_string(reply.status) + ")")
                  << " after the drain\n";
    }
  }
}

Task<void> Simulation::main_phases() {
  spawn(progress(), actors_);
  if (!co_await set_up()) {
    finished_ = true;
    close_sockets();
    co_return;
  }
  for (std::size_t i = 0; i < merchants_.size(); ++i) spawn(merchant_loop(i), actors_);
  for (std::size_t i = 0; i < couriers_.size(); ++i) spawn(courier_loop(i), actors_);
  if (!operator_.token.empty()) spawn(operator_loop(), actors_);
  started_ = std::chrono::steady_clock::now();
  playing_ = true;
  const double duration_s = options_.duration_s.value_or(scenario_.duration_s);
  placing_ends_ = started_ + std::chrono::milliseconds(std::llround(duration_s * 1000));
  co_await arrivals();
  placing_ = false;
  const auto drain_deadline = std::chrono::steady_clock::now() +
                              std::chrono::milliseconds(std::llround(scenario_.drain_s * 1000));
  co_await journeys_.wait_until(drain_deadline);
  stopping_ = true;
  close_sockets();
  co_await journeys_.wait_until(std::chrono::steady_clock::now() + wind_down_max);
  count_utilisation();
  co_await check_nothing_lost();
  if (!operator_.token.empty()) co_await read_server_eta();
  finished_ = true;
}

Outcome Simulation::run() {
  plan_sockets();
  started_ = std::chrono::steady_clock::now();
  asio::co_spawn(io_, main_phases(), asio::detached);
  io_.run();
  if (setup_failures_ > 0) {
    std::cerr << "simulate: setting up the city failed (" << setup_failures_
              << " actors): " << first_setup_failure_ << '\n';
    return {exit_lost, {}};
  }
  const std::chrono::duration<double> real = std::chrono::steady_clock::now() - started_;
  const ReportContext context{
      scenario_, options_,   stats_, real.count(), real.count() * scenario_.orders.time_compression,
      plan_,     server_eta_};
  if (!options_.report_path.empty()) {
    std::ofstream out(options_.report_path);
    out << json::serialize(report_json(context)) << '\n';
    if (!out) std::cerr << "simulate: cannot write " << options_.report_path << '\n';
    const auto page = html_path_of(options_.report_path);
    std::ofstream html(page);
    html << report_html(context);
    if (!html) std::cerr << "simulate: cannot write " << page << '\n';
  }
  return {stats_.orders_lost == 0 && actor_errors_ == 0 ? 0 : exit_lost, report_text(context)};
}

Outcome run(const Options& options) {
  const auto endpoint = parse_target(options.target);
  if (!endpoint) {
    std::cerr << "error: --target must be http(s)://host[:port], not " << options.target << '\n';
    return {exit_bad_input, {}};
  }
  std::string path = options.scenario;
  if (!std::filesystem::exists(path) && path.find('/') == std::string::npos)
    path = options.scenarios_dir + "/" + path + (path.ends_with(".json") ? "" : ".json");
  auto scenario = load_scenario(path);
  auto with_operator = options;
  if (const char* token = std::getenv("RESKFLOW_SIMULATE_OPERATOR_REFRESH_TOKEN");
      with_operator.operator_refresh_token.empty() && token != nullptr)
    with_operator.operator_refresh_token = token;
  if (!scenario) {
    std::cerr << "error: " << scenario.error() << '\n';
    return {exit_bad_input, {}};
  }
  try {
    Simulation simulation(std::move(*scenario), with_operator, *endpoint);
    return simulation.run();
  } catch (const boost::system::system_error& e) {  // the name does not resolve, no CA file
    std::cerr << "error: " << options.target
              << (options.ca_file.empty() ? "" : " with " + options.ca_file) << ": " << e.what()
              << '\n';
    return {exit_bad_input, {}};
  }
}

}  // namespace reskflow::simulate
