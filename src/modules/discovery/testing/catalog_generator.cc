// The seeded city generator: merchants cycle through the families in catalog_data.h; a
// splitmix64 stream (portable, unlike the standard distributions) picks everything else.
#include "catalog_generator.h"

#include <array>
#include <cmath>
#include <cstdio>
#include <numbers>

#include <boost/json.hpp>

#include "catalog_data.h"
#include "reskflow/catalog/events.h"
#include "reskflow/modules/payload.h"
#include "reskflow/reviews/events.h"

namespace reskflow::discovery::testing {
namespace {

constexpr double earth_radius_m = 6'371'008.8;
constexpr std::size_t signature_items = 8;

class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30U)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27U)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31U);
  }
  // Uniform in [0, 1).
  double unit() { return static_cast<double>(next() >> 11U) * 0x1.0p-53; }
  std::int64_t between(std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(hi - lo + 1));
  }

 private:
  std::uint64_t state_;
};

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> out;
  while (true) {
    const auto at = text.find(separator);
    if (!text.substr(0, at).empty()) out.push_back(text.substr(0, at));
    if (at == std::string_view::npos) return out;
    text.remove_prefix(at + 1);
  }
}

// The point `distance_m` from (lat, lng) towards `bearing` (radians), on the sphere.
std::array<double, 2> offset(double lat, double lng, double distance_m, double bearing) {
  const double d = distance_m / earth_radius_m;
  const double lat1 = lat * std::numbers::pi / 180;
  const double lng1 = lng * std::numbers::pi / 180;
  const double lat2 =
      std::asin(std::sin(lat1) * std::cos(d) + std::cos(lat1) * std::sin(d) * std::cos(bearing));
  const double lng2 = lng1 + std::atan2(std::sin(bearing) * std::sin(d) * std::cos(lat1),
                                        std::cos(d) - std::sin(lat1) * std::sin(lat2));
  return {lat2 * 180 / std::numbers::pi, lng2 * 180 / std::numbers::pi};
}

std::string slug_of(std::string_view name, std::size_t index) {
  std::string out;
  for (const char c : name) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (alnum) {
      out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
    } else if (!out.empty() && out.back() != '-') {
      out.push_back('-');
    }
  }
  return out + std::to_string(index);
}

boost::json::object opening_hours(std::string_view cuisines, Random& random) {
  const bool breakfast = cuisines.starts_with("breakfast");
  const bool late = !breakfast && random.between(0, 2) == 0;
  boost::json::array weekly;
  for (const char* day : {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}) {
    const bool weekend_night =
        late && (std::string_view(day) == "fri" || std::string_view(day) == "sat");
    weekly.push_back({{"day", day},
                      {"open", breakfast ? "07:00" : "11:00"},
                      {"close", breakfast ? "15:00" : (weekend_night ? "02:00" : "23:00")}});
  }
  return {{"weekly", std::move(weekly)}, {"exceptions", boost::json::array{}}};
}

// A radius zone, or for every 8th merchant a square polygon of the same half-width.
boost::json::object delivery_zone(std::size_t index, double lat, double lng, double radius_m) {
  if (index % 8 != 3) return {{"type", "radius"}, {"radius_m", std::llround(radius_m)}};
  const double dlat = radius_m / earth_radius_m * 180 / std::numbers::pi;
  const double dlng = dlat / std::cos(lat * std::numbers::pi / 180);
  boost::json::array ring;
  for (const auto& [y, x] : std::array<std::array<double, 2>, 5>{{{lat - dlat, lng - dlng},
                                                                  {lat - dlat, lng + dlng},
                                                                  {lat + dlat, lng + dlng},
                                                                  {lat + dlat, lng - dlng},
                                                                  {lat - dlat, lng - dlng}}})
    ring.push_back(boost::json::array{x, y});
  return {{"type", "polygon"},
          {"polygon", {{"type", "Polygon"}, {"coordinates", boost::json::array{ring}}}}};
}

template <class Payload>
bus::Envelope envelope(std::string_view type, const std::string& subject, const Payload& payload,
                       std::uint64_t& event_number) {
  bus::Envelope e;
  e.event_id = generated_id(0x10000000000ULL + event_number++);
  e.type = std::string(type);
  e.subject = subject;
  e.payload_json = modules::payload::to_payload(payload);
  return e;
}

struct Placed {
  double lat = 0;
  double lng = 0;
  double radius_m = 0;
};

Placed place(const CityOptions& options, std::size_t index, Random& random) {
  const bool far = options.far_every > 0 && index % options.far_every == options.far_every - 1;
  const double radius = static_cast<double>(random.between(3'000, 7'000));
  // Near ones stay inside their zone's reach of the centre, so they deliver there.
  const double limit =
      options.reach_center ? std::min(options.spread_m, radius - 300) : options.spread_m;
  const double reach =
      far ? static_cast<double>(random.between(20'000, 30'000)) : std::sqrt(random.unit()) * limit;
  const auto [lat, lng] =
      offset(options.center_lat, options.center_lng, reach, random.unit() * 2 * std::numbers::pi);
  return {lat, lng, radius};
}

catalog::events::MerchantUpdated merchant_event(const CityOptions& options, std::size_t index,
                                                Random& random) {
  const auto& family = families[index % std::size(families)];
  const auto names = split(family.names, '|');
  const auto round = index / std::size(families);
  std::string name(names[round % names.size()]);
  if (round >= names.size()) name.append(" ").append(std::to_string(round / names.size() + 1));
  const auto at = place(options, index, random);
  catalog::events::MerchantUpdated m;
  m.id = generated_id(index + 1);
  m.slug = slug_of(name, index);
  m.name = name;
  m.description = std::string(family.summary);
  m.address = {{"line1", std::to_string(index + 1) + " rue du Test"},
               {"line2", nullptr},
               {"city", "Paris"},
               {"postal_code", "75001"},
               {"country", "FR"}};
  m.location = {at.lat, at.lng};
  m.time_zone = "Europe/Paris";
  m.currency = "EUR";
  for (const auto c : split(family.cuisines, ',')) m.cuisines.emplace_back(c);
  m.price_level = random.between(1, 4);
  m.photo_url = "/demo/photos/" + std::string(split(family.cuisines, ',')[0]) + ".svg";
  m.prep_time_minutes = random.between(8, 30);
  m.minimum_order = {random.between(0, 3) * 500, m.currency};
  m.delivery_zone = delivery_zone(index, at.lat, at.lng, at.radius_m);
  m.opening_hours = opening_hours(family.cuisines, random);
  m.status = "active";
  m.version = 1;
  return m;
}

catalog::events::MenuUpdated menu_event(std::size_t index, Random& random, std::size_t& items_out) {
  const auto& family = families[index % std::size(families)];
  catalog::events::MenuUpdated menu{generated_id(index + 1), 2, {}};
  for (std::size_t i = 0; i < family.items.size(); ++i) {
    // Signature dishes are on every menu; the rest on about three menus in four.
    if (i >= signature_items && random.between(0, 3) == 0) continue;
    const auto& spec = family.items[i];
    catalog::events::MenuItem item;
    item.id = generated_id(0x100000000ULL + index * 100 + i);
    item.name = std::string(spec.name);
    item.description = std::string(spec.description);
    item.category = std::string(spec.category);
    item.price = {spec.price_eur_cents + random.between(-2, 3) * 50, "EUR"};
    for (const auto d : split(spec.dietary, ',')) item.dietary.emplace_back(d);
    menu.items.push_back(std::move(item));
  }
  items_out += menu.items.size();
  return menu;
}

}  // namespace

std::string generated_id(std::uint64_t n) {
  std::array<char, 40> out{};
  std::snprintf(out.data(), out.size(), "00000000-0000-7000-8000-%012llx",
                static_cast<unsigned long long>(n));
  return out.data();
}

std::vector<std::string> generated_cuisines() {
  std::vector<std::string> out;
  for (const auto& f : families) {
    for (const auto c : split(f.cuisines, ',')) out.emplace_back(c);
  }
  return out;
}

GeneratedCity generate_city(const CityOptions& options) {
  Random random(options.seed);
  GeneratedCity city;
  std::uint64_t event_number = 0;
  for (std::size_t i = 0; i < options.merchants; ++i) {
    const auto id = generated_id(i + 1);
    city.merchant_events.push_back(envelope(catalog::events::merchant_updated, id,
                                            merchant_event(options, i, random), event_number));
    if (options.menus) {
      city.menu_events.push_back(envelope(catalog::events::menu_updated, id,
                                          menu_event(i, random, city.items), event_number));
    }
    if (options.ratings && random.between(0, 4) != 0) {
      const double average = static_cast<double>(random.between(30, 50)) / 10;
      const reviews::events::RatingUpdated rating{id, 1, average, random.between(5, 400)};
      city.rating_events.push_back(
          envelope(reviews::events::rating_updated, id, rating, event_number));
    }
  }
  return city;
}

}  // namespace reskflow::discovery::testing
