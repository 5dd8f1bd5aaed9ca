// The demo city's merchant and brand documents: addresses on real streets, positions near them,
// delivery zones that reach the centre (radius or polygon), opening hours with a Christmas
// exception, and a menu each; all drawn deterministically from the seed.
#include "reskflow/demo/city.h"

#include <boost/json.hpp>

#include <cmath>
#include <numbers>

#include "content.h"
#include "menus.h"
#include "reskflow/demo/accounts.h"
#include "reskflow/demo/photos.h"
#include "reviews.h"
#include "rng.h"

namespace reskflow::demo {
namespace {

// Reviews draw from their own streams, so that they leave the documents as they were.
constexpr std::uint64_t reviews_salt = 1'000'003;
constexpr double centre_lat = 52.520;
constexpr double centre_lng = 13.405;
constexpr double earth_radius_m = 6'371'008.8;
constexpr double metres_per_degree = earth_radius_m * std::numbers::pi / 180.0;
constexpr std::int64_t zone_radius_min_m = 2500;
constexpr std::int64_t zone_radius_max_m = 5000;
constexpr double location_jitter_m = 120;
// No courier is on the demo city's roads until something drives them (the city simulator), so
// its merchants deliver their orders themselves, and an order placed in the demo can finish.
constexpr std::string_view demo_delivery_mode = "merchant";

struct LatLng {
  double lat = 0;
  double lng = 0;
};

double round6(double v) { return std::round(v * 1e6) / 1e6; }

double distance_m(LatLng a, LatLng b) {
  const auto rad = [](double d) { return d * std::numbers::pi / 180.0; };
  const double dlat = rad(b.lat - a.lat), dlng = rad(b.lng - a.lng);
  const double h =
      std::sin(dlat / 2) * std::sin(dlat / 2) +
      std::cos(rad(a.lat)) * std::cos(rad(b.lat)) * std::sin(dlng / 2) * std::sin(dlng / 2);
  return 2 * earth_radius_m * std::asin(std::sqrt(h));
}

LatLng offset(LatLng p, double north_m, double east_m) {
  return {round6(p.lat + north_m / metres_per_degree),
          round6(p.lng + east_m / (metres_per_degree * std::cos(p.lat * std::numbers::pi / 180)))};
}

const District& district_named(std::string_view name) {
  for (const auto& d : districts()) {
    if (d.name == name) return d;
  }
  return districts().front();
}

const Street& street_named(const District& district, std::string_view name) {
  for (const auto& s : district.streets) {
    if (s.name == name) return s;
  }
  return district.streets.front();
}

boost::json::array tag_array(std::string_view list) {
  boost::json::array out;
  while (!list.empty()) {
    const auto space = list.find(' ');
    out.emplace_back(list.substr(0, space));
    if (space == std::string_view::npos) break;
    list.remove_prefix(space + 1);
  }
  return out;
}

// An octagon (GeoJSON, [lng, lat], closed) of circumradius radius_m around `centre`.
boost::json::object polygon_zone(LatLng centre, double radius_m) {
  boost::json::array ring;
  for (int k = 0; k <= 8; ++k) {
    const double angle = (k % 8) * std::numbers::pi / 4 + std::numbers::pi / 8;
    const auto p = offset(centre, radius_m * std::cos(angle), radius_m * std::sin(angle));
    ring.push_back(boost::json::array{p.lng, p.lat});
  }
  return {{"type", "polygon"},
          {"polygon", {{"type", "Polygon"}, {"coordinates", boost::json::array{ring}}}}};
}

// Most zones are circles of 2.5-5 km wide enough to reach the centre; every seventh merchant
// and those too far for 5 km get a polygon spanning both. The far west keeps its own circle.
boost::json::object zone_for(LatLng at, const District& district, std::size_t index, Rng& rng) {
  const auto base = zone_radius_min_m + 500 * rng.between(0, 5);
  if (!district.delivers_to_centre) {
    if (index % 2 == 0) return polygon_zone(at, 3000);
    return {{"type", "radius"}, {"radius_m", base}};
  }
  const LatLng centre{centre_lat, centre_lng};
  const double d = distance_m(at, centre);
  const auto needed = static_cast<std::int64_t>(std::ceil((d + 600) / 500)) * 500;
  if (index % 7 == 3 || needed > zone_radius_max_m)
    return polygon_zone({(at.lat + centre.lat) / 2, (at.lng + centre.lng) / 2}, d / 2 + 1800);
  return {{"type", "radius"}, {"radius_m", std::max(base, needed)}};
}

using Interval = std::pair<std::string_view, std::string_view>;

void add_days(boost::json::array& weekly, std::initializer_list<std::string_view> days,
              std::initializer_list<Interval> intervals) {
  for (const auto day : days) {
    for (const auto& [open, close] : intervals)
      weekly.push_back({{"day", day}, {"open", open}, {"close", close}});
  }
}

boost::json::array weekly_hours(HoursPattern pattern) {
  boost::json::array w;
  const std::initializer_list<std::string_view> all{"mon", "tue", "wed", "thu",
                                                    "fri", "sat", "sun"};
  switch (pattern) {
    case HoursPattern::lunch_dinner:
      add_days(w, {"mon", "tue", "wed", "thu", "fri", "sat"},
               {{"11:30", "14:30"}, {"17:30", "22:30"}});
      add_days(w, {"sun"}, {{"12:00", "22:00"}});
      break;
    case HoursPattern::lunch_dinner_no_mon:
      add_days(w, {"tue", "wed", "thu", "fri", "sat"}, {{"11:30", "14:30"}, {"17:30", "22:30"}});
      add_days(w, {"sun"}, {{"12:00", "21:30"}});
      break;
    case HoursPattern::all_day: add_days(w, all, {{"11:00", "22:00"}}); break;
    case HoursPattern::late_weekends:
      add_days(w, {"mon", "tue", "wed", "thu", "sun"}, {{"11:00", "23:30"}});
      add_days(w, {"fri", "sat"}, {{"11:00", "02:00"}});  // past midnight
      break;
    case HoursPattern::late_nights: add_days(w, all, {{"11:00", "03:00"}}); break;
    case HoursPattern::dinner: add_days(w, all, {{"17:00", "23:00"}}); break;
    case HoursPattern::cafe:
      add_days(w, {"mon", "tue", "wed", "thu", "fri"}, {{"07:00", "18:00"}});
      add_days(w, {"sat", "sun"}, {{"08:00", "17:00"}});
      break;
    case HoursPattern::bakery:
      add_days(w, {"mon", "tue", "wed", "thu", "fri", "sat"}, {{"06:30", "18:30"}});
      add_days(w, {"sun"}, {{"07:30", "16:00"}});
      break;
  }
  return w;
}

// Closed on 25 December (this year and the next four); short hours on Christmas Eve for the
// day-time places.
boost::json::object opening_hours(HoursPattern pattern) {
  boost::json::array exceptions;
  const bool daytime = pattern == HoursPattern::cafe || pattern == HoursPattern::bakery;
  const bool lunch =
      pattern == HoursPattern::lunch_dinner || pattern == HoursPattern::lunch_dinner_no_mon;
  if (daytime || lunch) {
    exceptions.push_back(
        {{"date", "2026-12-24"},
         {"intervals",
          {{{"open", daytime ? "07:00" : "11:30"}, {"close", daytime ? "13:00" : "15:00"}}}}});
  }
  for (int year = 2026; year <= 2030; ++year)
    exceptions.push_back(
        {{"date", std::to_string(year) + "-12-25"}, {"intervals", boost::json::array{}}});
  return {{"weekly", weekly_hours(pattern)}, {"exceptions", std::move(exceptions)}};
}

std::string phone_number(Rng& rng) {
  return "+49 30 " + std::to_string(rng.between(2000, 9999)) + " " +
         std::to_string(rng.between(1000, 9999));
}

std::int64_t minimum_order(std::string_view cuisine, std::int64_t price_level) {
  if (cuisine == "bakery" || cuisine == "coffee") return 800;
  return price_level <= 1 ? 1000 : price_level == 2 ? 1200 : 2000;
}

bool licensed(std::string_view cuisine, std::size_t index) {
  for (const std::string_view dry : {"bakery", "coffee", "breakfast", "poke", "salads", "vegan"}) {
    if (cuisine == dry) return false;
  }
  return index % 3 != 1;
}

DemoMerchant kitchen(const MerchantSpec& spec, std::size_t index, Rng& rng) {
  const auto& district = district_named(spec.district);
  const auto& street = street_named(district, spec.street);
  const auto jitter = [&rng] { return static_cast<double>(rng.between(-100, 100)) / 100; };
  const auto at =
      offset({street.lat, street.lng}, jitter() * location_jitter_m, jitter() * location_jitter_m);
  const auto* cuisine = demo::cuisine(spec.dishes);
  boost::json::object doc{
      {"name", spec.name},
      {"description", spec.description},
      {"phone", phone_number(rng)},
      {"address",
       {{"line1", std::string(street.name) + " " + std::string(spec.house_number)},
        {"city", "Berlin"},
        {"postal_code", street.postal_code},
        {"country", "DE"}}},
      {"location", {{"lat", at.lat}, {"lng", at.lng}}},
      {"time_zone", "Europe/Berlin"},
      {"currency", "EUR"},
      {"cuisines", tag_array(spec.cuisines)},
      {"price_level", spec.price_level},
      {"photo_url", photo_url(cuisine->key)},
      {"prep_time_minutes", cuisine->prep_time_minutes + rng.between(-2, 5)},
      {"minimum_order_minor", minimum_order(cuisine->key, spec.price_level)},
      {"delivery_zone", zone_for(at, district, index, rng)},
      {"opening_hours", opening_hours(spec.hours)},
      {"delivery_mode", demo_delivery_mode}};
  const MenuPlan plan{cuisine,          spec.menu,
                      spec.price_level, licensed(cuisine->key, index),
                      index == 0,       certified_dietary(spec.name)};
  return {slug_of(spec.name),
          "",
          std::string(spec.second_owner ? owner2_email : owner_email),
          std::move(doc),
          menu_document(plan, rng),
          {}};
}

DemoMerchant brand(const BrandSpec& spec, std::size_t index, Rng& rng) {
  const auto* cuisine = demo::cuisine(spec.dishes);
  boost::json::object doc{{"name", spec.name},
                          {"description", spec.description},
                          {"cuisines", tag_array(spec.cuisines)},
                          {"price_level", spec.price_level},
                          {"photo_url", photo_url(cuisine->key)},
                          {"prep_time_minutes", cuisine->prep_time_minutes + rng.between(0, 5)},
                          {"minimum_order_minor", minimum_order(cuisine->key, spec.price_level)},
                          {"delivery_zone", {{"type", "radius"}, {"radius_m", 5000}}},
                          {"opening_hours", opening_hours(spec.hours)},
                          {"delivery_mode", demo_delivery_mode}};
  const MenuPlan plan{cuisine, MenuSize::regular, spec.price_level, licensed(cuisine->key, index),
                      false};
  return {slug_of(spec.name), slug_of(spec.kitchen),    std::string(owner_email),
          std::move(doc),     menu_document(plan, rng), {}};
}

}  // namespace

City berlin(std::uint64_t seed) {
  City city{"Berlin", centre_lat, centre_lng, "Europe/Berlin", "EUR", {}};
  const Rng root(seed);
  std::size_t index = 0;
  for (const auto& spec : merchant_specs()) {
    auto rng = root.fork(index + 1);
    city.merchants.push_back(kitchen(spec, index, rng));
    city.merchants.back().reviews = demo_reviews(index, root.fork(reviews_salt + index));
    ++index;
  }
  for (const auto& spec : brand_specs()) {
    auto rng = root.fork(index + 1);
    city.merchants.push_back(brand(spec, index, rng));
    city.merchants.back().reviews = demo_reviews(index, root.fork(reviews_salt + index));
    ++index;
  }
  return city;
}

std::string slug_of(std::string_view name) {
  std::string folded;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const auto c = static_cast<unsigned char>(name[i]);
    if (c == 0xC3 && i + 1 < name.size()) {
      // The Latin-1 letters demo names use: ä ö ü é è á í ó ú ñ ç ß (and capitals of the vowels).
      constexpr std::string_view from = "\xA4\xB6\xBC\xA9\xA8\xA1\xAD\xB3\xBA\xB1\xA7\x84\x96\x9C";
      constexpr std::string_view to =
          "aoueeaiounc"
          "aou";
      const auto at = from.find(name[i + 1]);
      if (name[i + 1] == '\x9F')
        folded += "ss";
      else if (at != std::string_view::npos)
        folded += to[at];
      ++i;
      continue;
    }
    folded += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  std::string out;
  bool gap = false;
  for (const char c : folded) {
    if (c == '\'') continue;
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
      gap = !out.empty();
      continue;
    }
    if (gap) out += '-';
    gap = false;
    out += c;
  }
  return out.empty() ? "merchant" : out;
}

}  // namespace reskflow::demo
