// A seeded, deterministic city of merchants and menus with realistic names per cuisine, as the
// events catalog and reviews publish (catalog.merchant.updated, catalog.menu.updated,
// reviews.rating.updated): the fixture of discovery's search-quality test and benchmark.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "reskflow/bus/event.h"

namespace reskflow::discovery::testing {

struct CityOptions {
  std::uint64_t seed = 1;
  std::size_t merchants = 50;
  double center_lat = 48.8566;  // Paris
  double center_lng = 2.3522;
  // Merchants are spread within this distance of the centre ...
  double spread_m = 4'000;
  // ... and, when set, no further than their own zone reaches (so every one delivers there).
  bool reach_center = true;
  // ... except every `far_every`-th one (0: none), placed 20-30 km out, whose zone does not
  // reach the centre.
  std::size_t far_every = 10;
  bool menus = true;
  bool ratings = true;
};

struct GeneratedCity {
  std::vector<bus::Envelope> merchant_events;
  std::vector<bus::Envelope> menu_events;
  std::vector<bus::Envelope> rating_events;
  std::size_t items = 0;  // menu items in all
};

// The same options always give the same city (ids, names, places, menus, prices, ratings).
// Merchant names come from a fixed list in order (cycled with a number suffix beyond it), so
// tests can name them; the seed varies places, zones, prices, hours and the menus' extra items.
GeneratedCity generate_city(const CityOptions& options);

// The cuisines the generator uses, one per merchant family.
std::vector<std::string> generated_cuisines();

// A deterministic UUID-shaped id: "00000000-0000-7000-8000-" + 12 hex digits of n.
std::string generated_id(std::uint64_t n);

}  // namespace reskflow::discovery::testing
