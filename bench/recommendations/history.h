// A seeded synthetic city for recommendations_bench: zones 30 km apart with their merchants and
// menus, items ordered together in combos, and customers with habits (favourite merchants and
// items), ordering over eight training weeks and one held-out week.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "reskflow/modules/geo.h"

namespace reskflow::recommendations::bench {

inline constexpr std::int64_t day_us = 86'400'000'000;
inline constexpr std::int64_t week_us = 7 * day_us;

struct Merchant {
  std::string id;
  modules::geo::Point location;
  std::vector<std::string> items;  // most popular first
  // combos[i]: the items often ordered with items[i] (a main and its side and drink).
  std::vector<std::vector<std::size_t>> combos;
};

struct Customer {
  std::string id;
  std::size_t zone = 0;
  modules::geo::Point home;
  double orders_per_week = 1;
  std::vector<std::size_t> favourite_merchants;      // indices into City::merchants
  std::vector<std::vector<std::size_t>> favourites;  // per favourite merchant: item indices
};

struct Order {
  std::string id;
  std::size_t customer = 0;
  std::size_t merchant = 0;
  std::int64_t at_us = 0;
  std::vector<std::size_t> items;  // indices into the merchant's items, distinct
};

struct City {
  std::vector<std::vector<std::size_t>> zone_merchants;
  std::vector<Merchant> merchants;
  std::vector<Customer> customers;
  std::vector<Order> orders;  // in time order
};

struct CityShape {
  std::size_t zones = 6;
  std::size_t merchants_per_zone = 10;
  std::size_t items_per_merchant = 40;
  std::size_t customers = 2'000;
  std::int64_t weeks = 9;  // the last one is held out
};

City generate_city(const CityShape& shape, std::uint64_t seed, std::int64_t start_us);

}  // namespace reskflow::recommendations::bench
