// The end-of-run report (docs/simulator.md): what happened to the orders, API latency per route,
// WebSocket lag, delivery times and distances, the couriers' work and the nothing-lost check.
#include <array>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "simulation.h"

namespace reskflow::simulate {
namespace {

namespace bjson = boost::json;

double ms(std::int64_t us) { return static_cast<double>(us) / 1000; }

bjson::object latency_json(const Histogram& h) {
  return {{"count", h.count()},
          {"p50_ms", ms(h.percentile(50))},
          {"p90_ms", ms(h.percentile(90))},
          {"p99_ms", ms(h.percentile(99))},
          {"max_ms", ms(h.max())}};
}

Histogram all_routes(const Stats& s) {
  Histogram all;
  for (const auto& [route, r] : s.routes) all.merge(r.latency_us);
  return all;
}

bjson::object orders_json(const Stats& s) {
  return {{"visits", s.journeys},
          {"browse_only", s.browse_only},
          {"payment_declined", s.payment_declined},
          {"checkout_refused", s.checkout_failed},
          {"placed", s.orders_placed},
          {"delivered", s.orders_delivered},
          {"failed", s.orders_failed},
          {"rejected", s.orders_rejected},
          {"cancelled", s.orders_cancelled},
          {"lost", s.orders_lost},
          {"rated", s.ratings},
          {"complaints", s.complaints},
          {"watched_live", s.watched},
          {"group", s.group_orders},
          {"group_guests", s.group_guests},
          {"scheduled", s.scheduled_orders},
          {"visits_skipped_no_idle_customer", s.skipped_no_idle_customer}};
}

double share(double part, double whole) { return whole <= 0 ? 0.0 : part / whole; }

bjson::object utilisation_json(const Stats& s) {
  const auto& u = s.courier_utilisation_permille;
  const auto permille = [&u](double p) { return static_cast<double>(u.percentile(p)) / 1000; };
  return {{"fleet", share(s.courier_busy_s, s.courier_online_s)},
          {"hours_on_shift", s.courier_online_s / 3600},
          {"hours_with_a_delivery", s.courier_busy_s / 3600},
          {"per_courier",
           {{"couriers", u.count()},
            {"p10", permille(10)},
            {"p50", permille(50)},
            {"p90", permille(90)}}}};
}

// The server's rows summed up: deliveries, and their mean absolute error weighted by deliveries.
std::pair<std::int64_t, double> server_eta_total(const bjson::object& server) {
  std::int64_t deliveries = 0;
  double error_sum = 0;
  if (const auto* rows = server.if_contains("data"); rows && rows->is_array())
    for (const auto& row : rows->as_array()) {
      const auto n = row.at("deliveries").to_number<std::int64_t>();
      deliveries += n;
      error_sum += row.at("mae_s").to_number<double>() * static_cast<double>(n);
    }
  return {deliveries, deliveries == 0 ? 0.0 : error_sum / static_cast<double>(deliveries)};
}

bjson::object eta_json(const Stats& s, const std::optional<bjson::object>& server) {
  const auto& e = s.eta_error_s;
  bjson::array by_hour;
  for (const auto& [hour, h] : s.eta_error_s_by_hour)
    by_hour.push_back(
        {{"hour", hour}, {"count", h.count()}, {"mae_s", h.mean()}, {"p90_s", h.percentile(90)}});
  bjson::value server_json = nullptr;
  if (server) {
    const auto [deliveries, mae] = server_eta_total(*server);
    server_json =
        bjson::object{{"deliveries", deliveries}, {"mae_s", mae}, {"rows", server->at("data")}};
  }
  return {{"count", e.count()},
          {"mae_s", e.mean()},
          {"p50_s", e.percentile(50)},
          {"p90_s", e.percentile(90)},
          {"max_s", e.max()},
          {"mean_signed_s",
           e.count() == 0 ? 0.0 : s.eta_signed_error_s_sum / static_cast<double>(e.count())},
          {"by_simulated_hour", std::move(by_hour)},
          {"server", std::move(server_json)}};
}

bjson::object couriers_json(const Stats& s) {
  return {{"utilisation", utilisation_json(s)},
          {"offers_received", s.offers_received},
          {"offers_accepted", s.offers_accepted},
          {"offers_declined", s.offers_declined},
          {"offers_lost", s.offers_lost},
          {"gps_points_sent", s.gps_points_sent},
          {"gps_points_accepted", s.gps_points_accepted},
          {"gps_points_flagged", s.gps_points_flagged},
          {"dark_spells", s.courier_dark_spells},
          {"dark_spells_holding_an_order", s.courier_dark_holding},
          {"shifts_ended", s.shifts_ended},
          {"shifts_started", s.shifts_started},
          {"proofs", s.proofs}};
}

bjson::object delivery_json(const Scenario& scenario, const Stats& s) {
  const auto& d = s.delivery_minutes_x100;
  const auto& m = s.courier_metres_per_order;
  const auto& late = s.scheduled_minutes_late_x100;
  return {{"minutes",
           {{"count", d.count()},
            {"mean", d.mean() / 100},
            {"p50", static_cast<double>(d.percentile(50)) / 100},
            {"p90", static_cast<double>(d.percentile(90)) / 100},
            {"p99", static_cast<double>(d.percentile(99)) / 100}}},
          {"on_time_minutes", scenario.orders.on_time_minutes},
          {"on_time_rate",
           d.count() == 0 ? 0.0 : static_cast<double>(s.on_time) / static_cast<double>(d.count())},
          {"courier_metres_per_order",
           {{"count", m.count()},
            {"mean", m.mean()},
            {"p50", m.percentile(50)},
            {"p90", m.percentile(90)}}},
          {"scheduled_minutes_late",
           {{"count", late.count()},
            {"mean", late.mean() / 100},
            {"p90", static_cast<double>(late.percentile(90)) / 100}}}};
}

// The report's lines on the ETA error (the simulator's and the server's) and courier utilisation.
std::string eta_and_utilisation_text(const ReportContext& c) {
  const auto& s = c.stats;
  std::ostringstream out;
  std::array<char, 320> line{};
  const auto& eta = s.eta_error_s;
  std::snprintf(line.data(), line.size(),
                "  ETA error (drop-off ETA shown at pickup, %llu deliveries watched): mean "
                "absolute %.0f s, p90 %lld s (simulated), %.0f s %s on average\n",
                static_cast<unsigned long long>(eta.count()), eta.mean(),
                static_cast<long long>(eta.percentile(90)),
                std::abs(share(s.eta_signed_error_s_sum, static_cast<double>(eta.count()))),
                s.eta_signed_error_s_sum > 0 ? "late" : "early");
  out << line.data();
  if (c.server_eta) {
    const auto [deliveries, mae] = server_eta_total(*c.server_eta);
    out << "    the server's own (GET /v1/admin/metrics/eta): " << deliveries
        << " deliveries, mean absolute " << std::llround(mae) << " s (its own seconds)\n";
  }
  const auto& u = s.courier_utilisation_permille;
  std::snprintf(line.data(), line.size(),
                "  courier utilisation: %.0f %% of %.1f hours on shift with a delivery; per "
                "courier p10 %.0f %%, p50 %.0f %%, p90 %.0f %%\n",
                100 * share(s.courier_busy_s, s.courier_online_s), s.courier_online_s / 3600,
                static_cast<double>(u.percentile(10)) / 10,
                static_cast<double>(u.percentile(50)) / 10,
                static_cast<double>(u.percentile(90)) / 10);
  out << line.data();
  return out.str();
}

}  // namespace

bjson::object report_json(const ReportContext& c) {
  const auto& s = c.stats;
  bjson::object routes;
  for (const auto& [route, r] : s.routes) {
    auto entry = latency_json(r.latency_us);
    entry["errors_5xx"] = r.errors_5xx;
    entry["transport_failures"] = r.transport_failures;
    routes[route] = std::move(entry);
  }
  const bool nothing_lost = s.orders_lost == 0;
  return {{"scenario", c.scenario.name},
          {"seed", c.options.seed},
          {"target", c.options.target},
          {"connections", c.plan},
          {"real_seconds", c.elapsed_real_s},
          {"simulated_seconds", c.elapsed_simulated_s},
          {"time_compression", c.scenario.orders.time_compression},
          {"orders", orders_json(s)},
          {"api",
           {{"all", latency_json(all_routes(s))},
            {"rate_limited", s.rate_limited},
            {"routes", std::move(routes)}}},
          {"websocket_lag", latency_json(s.ws_lag_us)},
          {"delivery", delivery_json(c.scenario, s)},
          {"eta_error", eta_json(s, c.server_eta)},
          {"couriers", couriers_json(s)},
          {"operator",
           {{"reassigned", s.operator_reassigned}, {"assignments_refused", s.operator_refused}}},
          {"nothing_lost",
           {{"orders_checked", s.orders_checked},
            {"orders_lost", s.orders_lost},
            {"ok", nothing_lost},
            {"then", "run `reskflow ledger check` against the target's database"}}}};
}

std::string report_text(const ReportContext& c) {
  const auto& s = c.stats;
  std::ostringstream out;
  std::array<char, 320> line{};
  std::snprintf(line.data(), line.size(),
                "\nReskFlow city simulation: %s, seed %llu, %.0f s real (%.0f s simulated)\n",
                c.scenario.name.c_str(), static_cast<unsigned long long>(c.options.seed),
                c.elapsed_real_s, c.elapsed_simulated_s);
  out << line.data() << "  connections: " << c.plan << "\n";
  out << "  orders: " << s.orders_placed << " placed, " << s.orders_delivered << " delivered, "
      << s.orders_failed << " failed at the door, " << s.orders_rejected << " rejected, "
      << s.orders_cancelled << " cancelled; " << s.payment_declined << " cards declined, "
      << s.browse_only << " visits without an order, " << s.checkout_failed
      << " checkouts refused\n";
  const auto all = all_routes(s);
  std::snprintf(line.data(), line.size(),
                "  API: %llu requests, p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms\n",
                static_cast<unsigned long long>(all.count()), ms(all.percentile(50)),
                ms(all.percentile(90)), ms(all.percentile(99)), ms(all.max()));
  out << line.data();
  for (const auto& [route, r] : s.routes) {
    std::snprintf(line.data(), line.size(), "    %-40s %8llu  p50 %7.1f  p99 %7.1f ms  5xx %llu\n",
                  route.c_str(), static_cast<unsigned long long>(r.latency_us.count()),
                  ms(r.latency_us.percentile(50)), ms(r.latency_us.percentile(99)),
                  static_cast<unsigned long long>(r.errors_5xx));
    out << line.data();
  }
  std::snprintf(line.data(), line.size(),
                "  WebSocket lag: %llu messages, p50 %.1f ms, p99 %.1f ms\n",
                static_cast<unsigned long long>(s.ws_lag_us.count()),
                ms(s.ws_lag_us.percentile(50)), ms(s.ws_lag_us.percentile(99)));
  out << line.data();
  const auto& d = s.delivery_minutes_x100;
  std::snprintf(line.data(), line.size(),
                "  delivery: p50 %.1f min, p90 %.1f min, on time (%.0f min) %.0f %%, %.0f m ridden "
                "per order\n",
                static_cast<double>(d.percentile(50)) / 100,
                static_cast<double>(d.percentile(90)) / 100, c.scenario.orders.on_time_minutes,
                d.count() == 0
                    ? 0.0
                    : 100.0 * static_cast<double>(s.on_time) / static_cast<double>(d.count()),
                s.courier_metres_per_order.mean());
  out << line.data();
  out << eta_and_utilisation_text(c);
  out << "  group orders: " << s.group_orders << " (" << s.group_guests
      << " guests joined); scheduled orders: " << s.scheduled_orders << ", at the door "
      << s.scheduled_minutes_late_x100.mean() / 100 << " min after the time on average\n";
  out << "  couriers: " << s.offers_accepted << " offers accepted, " << s.offers_declined
      << " declined, " << s.offers_lost << " lost; " << s.gps_points_accepted << " of "
      << s.gps_points_sent << " points accepted (" << s.gps_points_flagged << " flagged); "
      << s.shifts_ended << " shifts ended, " << s.shifts_started << " started; "
      << s.courier_dark_spells << " dark spells (" << s.courier_dark_holding
      << " holding an order), " << s.operator_reassigned << " orders reassigned by the operator\n";
  out << "  nothing lost: " << (s.orders_lost == 0 ? "yes" : "NO") << " (" << s.orders_checked
      << " orders checked, " << s.orders_lost << " not ended)\n"
      << "  next: run `reskflow ledger check` against the target's database\n";
  return out.str();
}

}  // namespace reskflow::simulate
