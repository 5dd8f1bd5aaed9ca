// The demo city: Berlin's merchants, virtual brands and menus, generated deterministically from
// a seed as the documents the catalog accepts (the body of POST /v1/merchants, of POST
// /v1/merchants/{merchant_id}/brands and of PUT /v1/merchants/{merchant_id}/menu; see
// docs/commerce.md). `reskflow seed` loads them; nothing here touches storage.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

namespace reskflow::demo {

// The seed `reskflow seed` uses: the demo city is the same on every machine and every run.
inline constexpr std::uint64_t city_seed = 20261128;

// A review by a demo customer of an order delivered before the city was loaded (the demo has
// no orders); `reskflow seed` writes it through the reviews module's operator path.
struct DemoReview {
  std::string order_id;        // a stable UUID per review: a second run finds it reviewed
  std::string customer_email;  // accounts.h
  std::int64_t rating = 0;     // 1..5
  std::string comment;
  std::int64_t age_days = 0;  // reviewed that many days before the seed runs
};

struct DemoMerchant {
  // The slug the catalog derives from the name (seed looks merchants up by it).
  std::string slug;
  // A virtual brand: its host kitchen's slug (the document is a brand body). Empty otherwise.
  std::string kitchen_slug;
  // Email of the demo account that owns it (accounts.h).
  std::string owner_email;
  boost::json::object document;     // merchant or brand body
  boost::json::object menu;         // whole-menu body
  std::vector<DemoReview> reviews;  // oldest first
};

struct City {
  std::string name;
  double centre_lat = 0;
  double centre_lng = 0;
  std::string time_zone;
  std::string currency;
  // Kitchens first, then the virtual brands (whose kitchens come earlier in the list).
  std::vector<DemoMerchant> merchants;
};

// Berlin: 52.520, 13.405, Europe/Berlin, EUR. The same seed gives the same documents.
City berlin(std::uint64_t seed = city_seed);

// The catalog's slug of a merchant name ("Kraut & Rüben" -> "kraut-ruben"): folded Latin
// letters, ASCII letters and digits, words joined by '-'.
std::string slug_of(std::string_view name);

}  // namespace reskflow::demo
