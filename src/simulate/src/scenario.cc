// Reads a scenario file strictly: defaults for what is missing, an error for anything unknown.
#include "scenario.h"

#include <boost/json.hpp>

#include <fstream>
#include <limits>
#include <set>
#include <sstream>

namespace reskflow::simulate {
namespace {

namespace json = boost::json;

// One JSON object of the scenario: its keys are read once each, and what was never read is an
// unknown key. The first error wins.
class Fields {
 public:
  Fields(const json::object* object, std::string path, std::string& error)
      : object_(object), path_(std::move(path)), error_(error) {}

  void number(std::string_view key, double& out, double min, double max) {
    const auto* v = take(key);
    if (v == nullptr) return;
    if (!v->is_number()) return fail(key, "must be a number");
    const double d = v->to_number<double>();
    if (!(d >= min && d <= max)) return fail(key, "must be from " + show(min) + " to " + show(max));
    out = d;
  }

  void count(std::string_view key, std::size_t& out, std::size_t max) {
    double d = static_cast<double>(out);
    number(key, d, 0, static_cast<double>(max));
    if (d != static_cast<double>(static_cast<std::size_t>(d))) return fail(key, "must be whole");
    out = static_cast<std::size_t>(d);
  }

  void share(std::string_view key, double& out) { number(key, out, 0, 1); }

  void text(std::string_view key, std::string& out) {
    const auto* v = take(key);
    if (v == nullptr) return;
    if (!v->is_string() || v->as_string().empty()) return fail(key, "must be a non-empty string");
    out = std::string(v->as_string());
  }

  // A nested object (nullptr when absent or not an object, which is an error).
  const json::object* object(std::string_view key) {
    const auto* v = take(key);
    if (v == nullptr) return nullptr;
    if (!v->is_object()) {
      fail(key, "must be an object");
      return nullptr;
    }
    return &v->as_object();
  }

  const json::array* array(std::string_view key) {
    const auto* v = take(key);
    if (v == nullptr) return nullptr;
    if (!v->is_array()) {
      fail(key, "must be an array");
      return nullptr;
    }
    return &v->as_array();
  }

  std::string path(std::string_view key) const { return path_ + std::string(key); }

  void fail(std::string_view key, const std::string& rule) {
    if (error_.empty()) error_ = path(key) + " " + rule;
  }

  // Call last: names the first key nobody read.
  void finish() {
    if (object_ == nullptr) return;
    for (const auto& [key, value] : *object_)
      if (!read_.contains(std::string(key))) return fail(key, "is not a known key");
  }

 private:
  const json::value* take(std::string_view key) {
    if (object_ == nullptr) return nullptr;
    read_.insert(std::string(key));
    return object_->if_contains(key);
  }

  static std::string show(double d) {
    std::ostringstream out;
    out << d;
    return out.str();
  }

  const json::object* object_;
  std::string path_;
  std::string& error_;
  std::set<std::string> read_;
};

constexpr double huge = 1e9;

void read_area(Fields& parent, Scenario::Area& a, std::string& error) {
  Fields f(parent.object("area"), "area.", error);
  f.number("lat", a.lat, -85, 85);
  f.number("lng", a.lng, -180, 180);
  f.number("radius_m", a.radius_m, 100, 50000);
  f.number("block_m", a.block_m, 20, 1000);
  f.number("circuity", a.circuity, 1, 3);
  f.text("city", a.city);
  f.text("country", a.country);
  f.text("postal_code", a.postal_code);
  f.text("time_zone", a.time_zone);
  f.text("currency", a.currency);
  f.finish();
}

void read_spread(Fields& parent, std::string_view key, Spread& s, std::string& error) {
  Fields f(parent.object(key), parent.path(key) + ".", error);
  f.number("mean", s.mean, 0, huge);
  f.number("sd", s.sd, 0, huge);
  f.number("min", s.min, 0, huge);
  f.number("max", s.max, 0, huge);
  f.finish();
  if (s.min > s.max) parent.fail(key, "has min above max");
}

void read_existing(Fields& parent, Scenario::Merchants::Existing& e, std::string& error) {
  Fields f(parent.object("existing"), "merchants.existing.", error);
  if (const auto* owners = f.array("owners")) {
    for (std::size_t i = 0; i < owners->size(); ++i) {
      const auto& owner = (*owners)[i];
      const auto key = "owners[" + std::to_string(i) + "]";
      if (!owner.is_object()) return f.fail(key, "must be an object");
      Fields o(&owner.as_object(), f.path(key) + ".", error);
      Scenario::Merchants::Existing::Owner read;
      o.text("email", read.email);
      o.text("password", read.password);
      o.finish();
      if (read.email.empty() || read.password.empty())
        return f.fail(key, "needs an email and a password");
      e.owners.push_back(std::move(read));
    }
  }
  f.number("answer_after_real_s", e.answer_after_real_s, 0, 3600);
  f.finish();
}

void read_merchants(Fields& parent, Scenario::Merchants& m, std::string& error) {
  Fields f(parent.object("merchants"), "merchants.", error);
  f.count("count", m.count, 10000);
  f.count("items", m.items, 50);
  f.number("delivery_radius_m", m.delivery_radius_m, 500, 50000);
  read_spread(f, "prep_minutes", m.prep_minutes, error);
  f.number("poll_interval_s", m.poll_interval_s, 1, 3600);
  read_existing(f, m.existing, error);
  f.finish();
  if (m.count == 0 && m.existing.owners.empty())
    parent.fail("merchants.count", "must be at least 1 (or merchants.existing.owners name some)");
  if (m.items == 0) parent.fail("merchants.items", "must be at least 1");
}

void read_couriers(Fields& parent, Scenario::Couriers& c, std::string& error) {
  Fields f(parent.object("couriers"), "couriers.", error);
  f.count("count", c.count, 200000);
  f.number("gps_interval_s", c.gps_interval_s, 1, 60);
  f.number("gps_noise_m", c.gps_noise_m, 0, 50);
  read_spread(f, "shift_hours", c.shift_hours, error);
  read_spread(f, "break_minutes", c.break_minutes, error);
  if (c.shift_hours.max <= 0) f.fail("shift_hours", "must allow a shift longer than 0");
  if (const auto* vehicles = f.object("vehicles")) {
    c.vehicles.clear();
    Fields v(vehicles, "couriers.vehicles.", error);
    for (const auto* name : {"bike", "scooter", "car", "van"}) {
      double weight = -1;
      v.number(name, weight, 0, huge);
      if (weight > 0) c.vehicles.emplace_back(name, weight);
    }
    v.finish();
    if (c.vehicles.empty()) f.fail("vehicles", "needs a vehicle with a weight above 0");
  }
  f.finish();
}

void read_orders(Fields& parent, Scenario::Orders& o, std::string& error) {
  Fields f(parent.object("orders"), "orders.", error);
  f.number("per_day", o.per_day, 0, 1e8);
  if (const auto* curve = f.array("curve")) {
    if (curve->size() != o.curve.size()) f.fail("curve", "must have 24 hourly weights");
    for (std::size_t h = 0; h < curve->size() && h < o.curve.size(); ++h) {
      const auto& w = (*curve)[h];
      if (!w.is_number() || w.to_number<double>() < 0)
        return f.fail("curve", "must hold numbers of 0 or more");
      o.curve[h] = w.to_number<double>();
    }
  }
  f.number("start_hour", o.start_hour, 0, 24);
  f.number("time_compression", o.time_compression, 1, 3600);
  f.count("total_max", o.total_max, 100000000);
  f.number("on_time_minutes", o.on_time_minutes, 1, 1440);
  f.count("items_max", o.items_max, 20);
  f.count("group_guests_max", o.group_guests_max, 19);
  read_spread(f, "schedule_ahead_minutes", o.schedule_ahead_minutes, error);
  f.finish();
  if (o.items_max == 0) parent.fail("orders.items_max", "must be at least 1");
  if (o.group_guests_max == 0) parent.fail("orders.group_guests_max", "must be at least 1");
}

void read_behaviour(Fields& parent, Scenario::Behaviour& b, std::string& error) {
  Fields f(parent.object("behaviour"), "behaviour.", error);
  f.share("browse_only", b.browse_only);
  f.share("search", b.search);
  f.share("merchant_reject", b.merchant_reject);
  f.share("offer_decline", b.offer_decline);
  f.share("delivery_failed", b.delivery_failed);
  f.share("watch", b.watch);
  f.share("rate", b.rate);
  f.share("complain", b.complain);
  f.share("group", b.group);
  f.share("scheduled", b.scheduled);
  f.finish();
}

void read_faults_operator_and_limits(Fields& parent, Scenario& s, std::string& error) {
  Fields f(parent.object("faults"), "faults.", error);
  f.share("courier_dark", s.faults.courier_dark);
  f.number("courier_dark_minutes", s.faults.courier_dark_minutes, 0, 1440);
  f.count("courier_dark_holding", s.faults.courier_dark_holding, 1000000);
  f.share("merchant_silent", s.faults.merchant_silent);
  f.share("payment_declined", s.faults.payment_declined);
  f.finish();
  Fields o(parent.object("operator"), "operator.", error);
  o.number("poll_interval_s", s.operator_.poll_interval_s, 1, 3600);
  o.finish();
  Fields l(parent.object("limits"), "limits.", error);
  l.count("http_connections", s.limits.http_connections, 20000);
  l.count("courier_sockets_max", s.limits.courier_sockets_max, 200000);
  l.count("tracking_sockets_max", s.limits.tracking_sockets_max, 200000);
  l.count("open_files_max", s.limits.open_files_max, 1000000);
  l.finish();
  if (s.limits.http_connections == 0) parent.fail("limits.http_connections", "must be at least 1");
}

}  // namespace

std::expected<Scenario, std::string> parse_scenario(std::string_view json_text) {
  boost::system::error_code ec;
  const auto value = json::parse(json_text, ec);
  if (ec) return std::unexpected("not JSON: " + ec.message());
  if (!value.is_object()) return std::unexpected("must be a JSON object");
  Scenario s;
  std::string error;
  Fields top(&value.as_object(), "", error);
  top.text("name", s.name);
  read_area(top, s.area, error);
  read_merchants(top, s.merchants, error);
  top.count("customers", s.customers, 10000000);
  read_couriers(top, s.couriers, error);
  read_orders(top, s.orders, error);
  read_behaviour(top, s.behaviour, error);
  read_faults_operator_and_limits(top, s, error);
  top.number("duration_s", s.duration_s, 1, 7 * 86400);
  top.number("drain_s", s.drain_s, 1, 86400);
  top.finish();
  if (error.empty() && s.customers == 0) error = "customers must be at least 1";
  if (error.empty() && s.couriers.count == 0) error = "couriers.count must be at least 1";
  if (!error.empty()) return std::unexpected(error);
  return s;
}

std::expected<Scenario, std::string> load_scenario(const std::string& path) {
  std::ifstream in(path);
  if (!in) return std::unexpected("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  auto s = parse_scenario(text.str());
  if (!s) return std::unexpected(path + ": " + s.error());
  return s;
}

}  // namespace reskflow::simulate
