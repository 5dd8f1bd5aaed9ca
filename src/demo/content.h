// The hand-written content the demo city is generated from: dishes per cuisine, modifier
// groups, drinks, districts with their streets, and the merchants. Plain constant tables; the
// generator (city.cc, menus.cc) turns them into catalog documents.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace reskflow::demo {

// One dish of a cuisine's pool. Word lists are space-separated.
struct Dish {
  std::string_view category;
  std::string_view name;
  std::string_view description;
  std::int64_t price_minor = 0;
  std::string_view dietary;    // catalog dietary tags
  std::string_view allergens;  // EU allergens
  std::int64_t calories = 0;
  std::string_view groups;  // modifier group keys (groups())
  bool age_restricted = false;
};

struct Option {
  std::string_view name;
  std::int64_t price_delta_minor = 0;
  std::string_view allergens;  // what choosing it adds (a protein's)
};

struct Group {
  std::string_view key;  // the label items refer to in a menu document
  std::string_view name;
  std::int64_t min_selections = 0;
  std::int64_t max_selections = 1;
  std::span<const Option> options;
};

struct Cuisine {
  std::string_view key;  // catalog cuisine tag and photo name
  std::string_view label;
  std::string_view colour;  // photo background, #rrggbb
  std::int64_t prep_time_minutes = 15;
  std::span<const Dish> dishes;
  std::span<const Dish> drinks;  // cuisine-specific drinks, added to the shared ones
};

struct Street {
  std::string_view name;
  std::string_view postal_code;
  double lat = 0;
  double lng = 0;
};

struct District {
  std::string_view name;
  std::span<const Street> streets;
  bool delivers_to_centre = true;  // zones reach the city centre (all but the far west)
};

enum class HoursPattern : std::uint8_t {
  lunch_dinner,         // Mon-Sat 11:30-14:30 and 17:30-22:30, Sun 12:00-22:00
  lunch_dinner_no_mon,  // the same, closed on Mondays
  all_day,              // daily 11:00-22:00
  late_weekends,        // 11:00-23:30, Fri/Sat until 02:00
  late_nights,          // daily 11:00-03:00
  dinner,               // daily 17:00-23:00
  cafe,                 // Mon-Fri 07:00-18:00, Sat/Sun 08:00-17:00
  bakery,               // Mon-Sat 06:30-18:30, Sun 07:30-16:00
};

enum class MenuSize : std::uint8_t { regular, large };  // large: ~60 items (menu benchmark)

struct MerchantSpec {
  std::string_view name;
  std::string_view dishes;    // the cuisine (cuisines()) its menu and photo come from
  std::string_view cuisines;  // catalog cuisine tags, space-separated
  std::string_view district;
  std::string_view street;  // a street of the district
  std::string_view house_number;
  std::string_view description;
  std::int64_t price_level = 2;
  HoursPattern hours = HoursPattern::all_day;
  MenuSize menu = MenuSize::regular;
  bool second_owner = false;  // owned by the second demo merchant owner
};

// A virtual brand cooked in the kitchen of the merchant named `kitchen`.
struct BrandSpec {
  std::string_view name;
  std::string_view dishes;
  std::string_view cuisines;
  std::string_view kitchen;
  std::string_view description;
  std::int64_t price_level = 2;
  HoursPattern hours = HoursPattern::all_day;
};

// The dietary tags a kitchen is certified for, space-separated ("kosher", "nut_free"; empty
// for most): its menu tags every dish the certification can cover (menus.h).
std::string_view certified_dietary(std::string_view merchant_name);

std::span<const Cuisine> cuisines();
const Cuisine* cuisine(std::string_view key);
std::span<const Group> groups();
const Group* group(std::string_view key);
// Drinks every menu offers (the age-restricted ones only at licensed merchants).
std::span<const Dish> shared_drinks();
std::span<const District> districts();
std::span<const MerchantSpec> merchant_specs();
std::span<const BrandSpec> brand_specs();

// The pools per cuisine family (dishes_*.cc), gathered by cuisines().
std::span<const Cuisine> european_cuisines();
std::span<const Cuisine> asian_cuisines();
std::span<const Cuisine> everyday_cuisines();

}  // namespace reskflow::demo
