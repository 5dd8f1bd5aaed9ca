// The demo city as a user of the demo would notice it: the same city every run, enough
// merchants of varied cuisines delivering to the centre, zones and hours the platform accepts,
// full menus with modifiers, a breakfast window, one sold-out item, age-restricted drinks, every
// dietary filter meaningful, and placeholder photos that exist and stay small.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "reskflow/demo/accounts.h"
#include "reskflow/demo/city.h"
#include "reskflow/demo/photos.h"
#include "reskflow/modules/geo.h"
#include "reskflow/modules/opening_hours.h"
#include "reskflow/testing/paths.h"

namespace reskflow::demo {
namespace {

namespace geo = modules::geo;
namespace hours = modules::hours;

const City& city() {
  static const City c = berlin();
  return c;
}

std::string text(const boost::json::value& v) { return std::string(v.as_string()); }

std::vector<const boost::json::object*> items_of(const boost::json::object& menu) {
  std::vector<const boost::json::object*> out;
  for (const auto& c : menu.at("categories").as_array()) {
    for (const auto& i : c.at("items").as_array()) out.push_back(&i.as_object());
  }
  return out;
}

geo::Point location_of(const DemoMerchant& m, const City& c) {
  const auto* doc = &m.document;
  if (!m.kitchen_slug.empty()) {
    for (const auto& k : c.merchants) {
      if (k.slug == m.kitchen_slug) doc = &k.document;
    }
  }
  const auto& l = doc->at("location").as_object();
  return {l.at("lat").to_number<double>(), l.at("lng").to_number<double>()};
}

TEST(DemoCityTest, IsTheSameCityForTheSameSeedAndAnotherForAnother) {
  const auto again = berlin();
  ASSERT_EQ(again.merchants.size(), city().merchants.size());
  for (std::size_t i = 0; i < again.merchants.size(); ++i) {
    EXPECT_EQ(boost::json::serialize(again.merchants[i].document),
              boost::json::serialize(city().merchants[i].document));
    EXPECT_EQ(boost::json::serialize(again.merchants[i].menu),
              boost::json::serialize(city().merchants[i].menu));
  }
  const auto other = berlin(city_seed + 1);
  EXPECT_NE(boost::json::serialize(other.merchants[0].menu),
            boost::json::serialize(city().merchants[0].menu));
}

TEST(DemoCityTest, HasFortyMerchantsOfVariedCuisinesAcrossTheInnerDistricts) {
  const auto& c = city();
  EXPECT_GE(c.merchants.size(), 40U);
  std::set<std::string> cuisines, slugs, postcodes;
  for (const auto& m : c.merchants) {
    // The kitchen a menu and photo come from ("/demo/photos/<cuisine>.svg").
    const auto photo = text(m.document.at("photo_url"));
    cuisines.insert(photo.substr(13, photo.size() - 17));
    EXPECT_TRUE(slugs.insert(m.slug).second) << m.slug << " twice";
    if (m.kitchen_slug.empty()) postcodes.insert(text(m.document.at("address").at("postal_code")));
  }
  for (const auto* wanted :
       {"pizza",   "burgers",   "sushi", "thai",    "indian",  "vietnamese", "mexican",
        "turkish", "lebanese",  "greek", "italian", "chinese", "korean",     "bakery",
        "coffee",  "breakfast", "vegan", "salads",  "poke",    "ramen"}) {
    EXPECT_TRUE(cuisines.contains(wanted)) << wanted;
  }
  EXPECT_GE(postcodes.size(), 15U);  // spread over Mitte, Kreuzberg, ... Charlottenburg
  EXPECT_EQ(c.merchants.front().slug, "pizzeria-rosenthal");
}

TEST(DemoCityTest, SlugsFollowTheCatalogsRule) {
  EXPECT_EQ(slug_of("Kraut & Rüben"), "kraut-ruben");
  EXPECT_EQ(slug_of("Bäckerei Mehlwerk"), "backerei-mehlwerk");
  EXPECT_EQ(slug_of("Taquería El Güero"), "taqueria-el-guero");
  EXPECT_EQ(slug_of("Luigi's Pizzeria"), "luigis-pizzeria");
  EXPECT_EQ(slug_of("Seoul Kitchen 61"), "seoul-kitchen-61");
}

TEST(DemoCityTest, HasVirtualBrandsInOneKitchen) {
  std::map<std::string, int> brands_per_kitchen;
  std::set<std::string> seen;
  for (const auto& m : city().merchants) {
    if (!m.kitchen_slug.empty()) {
      EXPECT_TRUE(seen.contains(m.kitchen_slug)) << "the kitchen comes before " << m.slug;
      EXPECT_FALSE(m.document.contains("address"));
      ++brands_per_kitchen[m.kitchen_slug];
    }
    seen.insert(m.slug);
  }
  ASSERT_EQ(brands_per_kitchen.size(), 1U);
  EXPECT_GE(brands_per_kitchen.begin()->second, 2);
  EXPECT_LE(brands_per_kitchen.begin()->second, 3);
}

TEST(DemoCityTest, ZonesAreValidMostlyRadiiAndFortyReachTheCentre) {
  const auto& c = city();
  const geo::Point centre{c.centre_lat, c.centre_lng};
  int radius = 0, polygon = 0, reaching = 0;
  for (const auto& m : c.merchants) {
    const auto& doc = m.document.at("delivery_zone");
    auto zone = geo::parse_zone(doc, location_of(m, c), "delivery_zone");
    ASSERT_TRUE(zone) << m.slug << ": " << zone.error().fields.front().message;
    if (zone->kind == geo::Zone::Kind::radius) {
      ++radius;
      EXPECT_GE(zone->radius_m, 2500) << m.slug;
      EXPECT_LE(zone->radius_m, 5000) << m.slug;
    } else {
      ++polygon;
    }
    EXPECT_TRUE(geo::covers(*zone, location_of(m, c))) << m.slug << " does not cover itself";
    reaching += geo::covers(*zone, centre) ? 1 : 0;
  }
  EXPECT_GT(radius, 2 * polygon);
  EXPECT_GE(polygon, 3);
  EXPECT_GE(reaching, 40);
}

TEST(DemoCityTest, OpeningHoursSplitRunPastMidnightAndCloseOnChristmasDay) {
  bool split = false, past_midnight = false;
  for (const auto& m : city().merchants) {
    const auto& doc = m.document.at("opening_hours");
    ASSERT_TRUE(hours::parse(doc, "opening_hours")) << m.slug;
    std::map<std::string, int> per_day;
    for (const auto& w : doc.at("weekly").as_array()) {
      split = split || ++per_day[text(w.at("day"))] > 1;
      past_midnight = past_midnight || text(w.at("close")) < text(w.at("open"));
    }
    bool christmas = false;
    for (const auto& e : doc.at("exceptions").as_array()) {
      if (text(e.at("date")) == "2026-12-25") christmas = e.at("intervals").as_array().empty();
    }
    EXPECT_TRUE(christmas) << m.slug;
  }
  EXPECT_TRUE(split);
  EXPECT_TRUE(past_midnight);
  // Open at 12:30 on Tuesday 1 December 2026 (11:30 UTC) for a lunch place.
  const auto& first = city().merchants.front().document.at("opening_hours");
  EXPECT_TRUE(*hours::open_at(*hours::parse(first, "h"), "Europe/Berlin", 1'796'124'600'000'000));
}

TEST(DemoCityTest, MenusAreFullWithModifiersAndLargeOnesHaveAboutSixtyItems) {
  int large = 0;
  for (const auto& m : city().merchants) {
    const auto items = items_of(m.menu);
    const auto categories = m.menu.at("categories").as_array().size();
    std::set<std::string> labels;
    for (const auto& g : m.menu.at("modifier_groups").as_array()) {
      const auto& group = g.as_object();
      labels.insert(text(group.at("id")));
      EXPECT_LE(group.at("min_selections").as_int64(), group.at("max_selections").as_int64());
    }
    for (const auto* item : items) {
      EXPECT_TRUE(item->at("dietary").is_array());
      EXPECT_GT(item->at("price_minor").as_int64(), 0);
      if (const auto* ids = item->if_contains("modifier_group_ids")) {
        for (const auto& id : ids->as_array()) EXPECT_TRUE(labels.contains(text(id))) << m.slug;
      }
    }
    if (items.size() > 40) {
      ++large;
      EXPECT_GE(items.size(), 55U) << m.slug;
      EXPECT_LE(items.size(), 65U) << m.slug;
    } else {
      EXPECT_GE(items.size(), 12U) << m.slug;
      EXPECT_LE(items.size(), 25U) << m.slug;
    }
    EXPECT_GE(categories, 3U) << m.slug;
    EXPECT_LE(categories, 6U) << m.slug;
  }
  EXPECT_GE(large, 2);
}

TEST(DemoCityTest, OffersSizesExtrasSpiceLevelsAndABreakfastWindow) {
  bool size = false, extras = false, spice = false, breakfast = false;
  for (const auto& m : city().merchants) {
    for (const auto& g : m.menu.at("modifier_groups").as_array()) {
      const auto name = text(g.at("name"));
      const auto min = g.at("min_selections").as_int64(), max = g.at("max_selections").as_int64();
      size = size || (name == "Size" && min == 1 && max == 1);
      extras = extras || (name == "Extras" && min == 0 && max > 1);
      spice = spice || (name == "Spice level" && min == 1);
    }
    for (const auto& c : m.menu.at("categories").as_array()) {
      if (text(c.at("name")) != "Breakfast") continue;
      const auto& window = c.at("availability").as_array().at(0);
      breakfast = text(window.at("start")) == "07:00" && text(window.at("end")) == "11:00";
    }
  }
  EXPECT_TRUE(size);
  EXPECT_TRUE(extras);
  EXPECT_TRUE(spice);
  EXPECT_TRUE(breakfast);
}

TEST(DemoCityTest, HasOneSoldOutItemAndAgeRestrictedDrinksAtSomeMerchants) {
  int sold_out = 0, licensed = 0;
  for (const auto& m : city().merchants) {
    bool alcohol = false;
    for (const auto* item : items_of(m.menu)) {
      if (const auto* s = item->if_contains("sold_out"); s != nullptr && s->as_bool()) ++sold_out;
      alcohol = alcohol || item->at("age_restricted").as_bool();
    }
    licensed += alcohol ? 1 : 0;
  }
  EXPECT_EQ(sold_out, 1);
  EXPECT_GE(licensed, 5);
  EXPECT_LT(licensed, static_cast<int>(city().merchants.size()));
}

// The tags a menu earns under discovery's rule (docs/commerce.md, "Dietary filters"): at least
// 3 dishes and a third of the dishes carry the tag (vegan ones count as vegetarian and dairy
// free); drinks do not count. The demo's drinks are in "Drinks", "Coffee" and "Shakes".
std::set<std::string> earned_dietary(const boost::json::object& menu) {
  std::size_t dishes = 0;
  std::map<std::string, std::size_t> carrying;
  for (const auto& c : menu.at("categories").as_array()) {
    const auto category = text(c.at("name"));
    if (category == "Drinks" || category == "Coffee" || category == "Shakes") continue;
    for (const auto& i : c.at("items").as_array()) {
      ++dishes;
      std::set<std::string> tags;
      for (const auto& t : i.at("dietary").as_array()) tags.insert(text(t));
      if (tags.contains("vegan")) tags.insert({"vegetarian", "dairy_free"});
      for (const auto& t : tags) ++carrying[t];
    }
  }
  std::set<std::string> out;
  for (const auto& [tag, n] : carrying) {
    if (n >= 3 && n * 3 >= dishes) out.insert(tag);
  }
  return out;
}

TEST(DemoCityTest, EveryDietaryFilterFindsSomeMerchantsButNotAll) {
  std::map<std::string, std::size_t> merchants;
  for (const auto& m : city().merchants) {
    for (const auto& tag : earned_dietary(m.menu)) ++merchants[tag];
  }
  std::string counts;
  for (const auto& [tag, n] : merchants) counts += tag + "=" + std::to_string(n) + " ";
  for (const char* tag : {"vegetarian", "vegan", "gluten_free", "dairy_free", "halal", "kosher",
                          "nut_free", "spicy"}) {
    // At least two merchants to choose from, and at least a sixth of them left out.
    EXPECT_GE(merchants[tag], 2u) << tag << "; " << counts;
    EXPECT_LE(merchants[tag] * 6, city().merchants.size() * 5) << tag << "; " << counts;
  }
}

TEST(DemoCityTest, PhotosExistAreSmallAndMatchTheGenerator) {
  std::set<std::string> referenced;
  for (const auto& m : city().merchants) {
    referenced.insert(text(m.document.at("photo_url")));
    for (const auto* item : items_of(m.menu)) {
      for (const auto& url : item->at("photo_urls").as_array()) referenced.insert(text(url));
    }
  }
  std::set<std::string> generated;
  const auto dir = testing::source_dir() / "web/public/demo/photos";
  for (const auto cuisine : photo_cuisines()) {
    generated.insert(photo_url(cuisine));
    const auto svg = photo_svg(cuisine);
    EXPECT_LT(svg.size(), photo_bytes_max) << cuisine;
    std::ifstream in(dir / (std::string(cuisine) + ".svg"), std::ios::binary);
    std::stringstream file;
    file << in.rdbuf();
    EXPECT_EQ(file.str(), svg) << cuisine << ".svg differs: run demo_photos web/public/demo/photos";
  }
  for (const auto& url : referenced) EXPECT_TRUE(generated.contains(url)) << url;
}

TEST(DemoCityTest, AccountsCoverEveryHumanRoleAndOnlyTheAdminHasTotp) {
  std::set<std::string_view> roles;
  for (const auto& a : accounts()) {
    roles.insert(a.role);
    EXPECT_EQ(a.totp, a.role == "admin") << a.email;
  }
  EXPECT_EQ(roles, (std::set<std::string_view>{"customer", "merchant", "driver", "admin"}));
  EXPECT_GE(password.size(), 12U);
}

}  // namespace
}  // namespace reskflow::demo
