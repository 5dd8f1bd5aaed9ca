// The synthetic city of recommendations_bench (history.h): Zipf-like popularity for merchants
// and items, combos of three items, and customers who mostly reorder what they like.
#include "history.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace reskflow::recommendations::bench {
namespace {

using Random = std::mt19937_64;

// Index i drawn with weight 1 / (i + 1): the first entries are the popular ones.
std::size_t zipf(Random& random, std::size_t n) {
  std::vector<double> weights(n);
  for (std::size_t i = 0; i < n; ++i) weights[i] = 1.0 / static_cast<double>(i + 1);
  std::discrete_distribution<std::size_t> pick(weights.begin(), weights.end());
  return pick(random);
}

bool chance(Random& random, double p) { return std::bernoulli_distribution(p)(random); }

modules::geo::Point near(Random& random, modules::geo::Point centre, double spread_degrees) {
  std::uniform_real_distribution<double> d(-spread_degrees, spread_degrees);
  return {centre.lat + d(random), centre.lng + d(random)};
}

std::string id_of(char kind, std::size_t n) {
  char text[48];  // the 24-character prefix, any size_t and the NUL
  std::snprintf(text, sizeof text, "0190%c000-0000-7000-8000-%012zu", kind, n);
  return text;
}

// Each item belongs to a combo with two others drawn from the rest of the menu.
Merchant make_merchant(Random& random, std::size_t n, modules::geo::Point centre,
                       std::size_t items) {
  Merchant m{id_of('a', n), near(random, centre, 0.02), {}, {}};
  for (std::size_t i = 0; i < items; ++i) m.items.push_back(id_of('d', n * 1000 + i));
  m.combos.resize(items);
  std::vector<std::size_t> order(items);
  for (std::size_t i = 0; i < items; ++i) order[i] = i;
  std::shuffle(order.begin(), order.end(), random);
  for (std::size_t i = 0; i + 2 < items; i += 3) {
    const std::size_t combo[] = {order[i], order[i + 1], order[i + 2]};
    for (auto a : combo) {
      for (auto b : combo) {
        if (a != b) m.combos[a].push_back(b);
      }
    }
  }
  return m;
}

Customer make_customer(Random& random, const City& city, std::size_t n, std::size_t zone,
                       modules::geo::Point centre) {
  Customer c{id_of('b', n),
             zone,
             near(random, centre, 0.02),
             0.5 + 2.0 * static_cast<double>(zipf(random, 4)) / 3.0,
             {},
             {}};
  const auto& local = city.zone_merchants[zone];
  const std::size_t favourites = 1 + zipf(random, 3);
  while (c.favourite_merchants.size() < favourites) {
    const auto m = local[zipf(random, local.size())];
    if (std::find(c.favourite_merchants.begin(), c.favourite_merchants.end(), m) !=
        c.favourite_merchants.end())
      continue;
    c.favourite_merchants.push_back(m);
    std::vector<std::size_t> items;
    const std::size_t liked = 1 + zipf(random, 3);
    const auto& menu = city.merchants[m].items;
    while (items.size() < liked) {
      const auto item = zipf(random, menu.size());
      if (std::find(items.begin(), items.end(), item) == items.end()) items.push_back(item);
    }
    c.favourites.push_back(std::move(items));
  }
  return c;
}

void add_item(std::vector<std::size_t>& items, std::size_t item) {
  if (std::find(items.begin(), items.end(), item) == items.end()) items.push_back(item);
}

// 75% of orders go to a favourite merchant (then 70% start with a favourite item); each of the
// anchor's two combo partners joins it 40% of the time, and 40% of orders add an item of the
// menu drawn by popularity.
Order make_order(Random& random, const City& city, std::size_t customer_index, std::int64_t at_us) {
  const auto& c = city.customers[customer_index];
  Order o{"", customer_index, 0, at_us, {}};
  std::size_t anchor = 0;
  const auto& local = city.zone_merchants[c.zone];
  if (chance(random, 0.75)) {
    const auto f =
        std::uniform_int_distribution<std::size_t>(0, c.favourite_merchants.size() - 1)(random);
    o.merchant = c.favourite_merchants[f];
    const auto& liked = c.favourites[f];
    anchor = chance(random, 0.7)
                 ? liked[std::uniform_int_distribution<std::size_t>(0, liked.size() - 1)(random)]
                 : zipf(random, city.merchants[o.merchant].items.size());
  } else {
    o.merchant = local[zipf(random, local.size())];
    anchor = zipf(random, city.merchants[o.merchant].items.size());
  }
  const auto& m = city.merchants[o.merchant];
  add_item(o.items, anchor);
  for (auto partner : m.combos[anchor]) {
    if (chance(random, 0.4)) add_item(o.items, partner);
  }
  if (chance(random, 0.4)) add_item(o.items, zipf(random, m.items.size()));
  return o;
}

}  // namespace

City generate_city(const CityShape& shape, std::uint64_t seed, std::int64_t start_us) {
  Random random(seed);
  City city;
  std::vector<modules::geo::Point> centres;
  for (std::size_t z = 0; z < shape.zones; ++z) {
    centres.push_back({45.0 + 0.3 * static_cast<double>(z), 2.0 + 0.3 * static_cast<double>(z)});
    auto& local = city.zone_merchants.emplace_back();
    for (std::size_t i = 0; i < shape.merchants_per_zone; ++i) {
      local.push_back(city.merchants.size());
      city.merchants.push_back(
          make_merchant(random, city.merchants.size(), centres.back(), shape.items_per_merchant));
    }
  }
  for (std::size_t n = 0; n < shape.customers; ++n) {
    const auto zone = n % shape.zones;
    city.customers.push_back(make_customer(random, city, n, zone, centres[zone]));
  }
  // Each customer's orders arrive as a Poisson process over the weeks.
  const auto end_us = start_us + shape.weeks * week_us;
  for (std::size_t n = 0; n < city.customers.size(); ++n) {
    std::exponential_distribution<double> gap(city.customers[n].orders_per_week /
                                              static_cast<double>(week_us));
    for (auto at = start_us + static_cast<std::int64_t>(gap(random)); at < end_us;
         at += static_cast<std::int64_t>(gap(random)) + 1)
      city.orders.push_back(make_order(random, city, n, at));
  }
  std::sort(city.orders.begin(), city.orders.end(),
            [](const Order& a, const Order& b) { return a.at_us < b.at_us; });
  for (std::size_t i = 0; i < city.orders.size(); ++i) city.orders[i].id = id_of('e', i);
  return city;
}

}  // namespace reskflow::recommendations::bench
