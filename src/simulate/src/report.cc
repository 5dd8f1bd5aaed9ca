// The end-of-run report (docs/simulator.md): what happened to the orders, API latency per route,
// WebSocket lag, delivery times and distances, the couriers' work and the nothing-lost check.
#include <array>
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

bjson::object couriers_json(const Stats& s) {
  return {{"offers_received", s.offers_received},
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
