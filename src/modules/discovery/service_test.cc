// Discovery's read model and queries on both engines: events applied by version, exact zones,
// estimates, open now, filters, sorts, stable cursors, search with typos and prefixes, and the
// vocabulary following the index.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <cmath>
#include <numbers>

#include "reskflow/catalog/events.h"
#include "reskflow/reviews/events.h"
#include "reskflow/store/uuid.h"
#include "test_fixture.h"

namespace reskflow::discovery {
namespace {

constexpr geo::Point center{48.8566, 2.3522};
constexpr std::int64_t minute_us = 60'000'000;
// Monday 2026-01-12 12:00 UTC: 13:00 in Paris.
const std::int64_t monday_noon_us =
    std::chrono::duration_cast<std::chrono::microseconds>(
        (std::chrono::sys_days{std::chrono::year{2026} / 1 / 12} + std::chrono::hours{12})
            .time_since_epoch())
        .count();

geo::Point moved(geo::Point from, double north_m, double east_m) {
  const double r = 6'371'008.8;
  return {from.lat + north_m / r * 180 / std::numbers::pi,
          from.lng +
              east_m / (r * std::cos(from.lat * std::numbers::pi / 180)) * 180 / std::numbers::pi};
}

boost::json::object daily_hours(const char* open, const char* close) {
  boost::json::array weekly;
  for (const char* day : {"mon", "tue", "wed", "thu", "fri", "sat", "sun"})
    weekly.push_back({{"day", day}, {"open", open}, {"close", close}});
  return {{"weekly", std::move(weekly)}, {"exceptions", boost::json::array{}}};
}

// catalog.merchant.updated as catalog publishes it, as JSON a test may then spoil.
boost::json::object merchant(const std::string& id, const std::string& name, geo::Point at,
                             std::int64_t version = 1) {
  catalog::events::MerchantUpdated m;
  m.id = id;
  m.slug = id;
  m.name = name;
  m.description = "A neighbourhood place.";
  m.address = {{"line1", "1 rue de Rivoli"},
               {"line2", nullptr},
               {"city", "Paris"},
               {"postal_code", "75001"},
               {"country", "FR"}};
  m.location = at;
  m.time_zone = "Europe/Paris";
  m.currency = "EUR";
  m.cuisines = {"pizza", "italian"};
  m.price_level = 2;
  m.prep_time_minutes = 15;
  m.minimum_order = {1000, "EUR"};
  m.delivery_zone = {{"type", "radius"}, {"radius_m", 3000}};
  m.opening_hours = daily_hours("11:00", "23:00");
  m.status = "active";
  m.version = version;
  m.created_at_us = m.updated_at_us = monday_noon_us;
  return boost::json::value_from(m).as_object();
}

boost::json::object item(const std::string& id, const std::string& name,
                         const std::vector<std::string>& dietary = {}, bool sold_out = false) {
  boost::json::array tags;
  for (const auto& t : dietary) tags.emplace_back(t);
  return {{"id", id},
          {"name", name},
          {"description", nullptr},
          {"category", "Mains"},
          {"price_minor", 1000},
          {"currency", "EUR"},
          {"dietary", tags},
          {"allergens", boost::json::array{}},
          {"sold_out", sold_out},
          {"photo_url", nullptr}};
}

boost::json::object menu(const std::string& merchant_id, std::int64_t version,
                         boost::json::array items) {
  return {{"merchant_id", merchant_id}, {"version", version}, {"items", std::move(items)}};
}

class DiscoveryServiceTest : public testing::DiscoveryFixture {
 protected:
  static bus::Envelope envelope(std::string_view type, const boost::json::object& payload) {
    return {store::new_uuid_v7(), std::string(type), "", boost::json::serialize(payload), 0, 0, 0};
  }
  Status deliver(const bus::Envelope& e) {
    if (e.type == catalog::events::merchant_updated) return service->on_merchant_updated(e);
    if (e.type == catalog::events::menu_updated) return service->on_menu_updated(e);
    return service->on_rating_updated(e);
  }
  void put(std::string_view type, const boost::json::object& payload) {
    const auto done = deliver(envelope(type, payload));
    ASSERT_TRUE(done) << done.error().detail;
  }
  void put_merchant(const boost::json::object& m) { put(catalog::events::merchant_updated, m); }
  void put_menu(const boost::json::object& m) { put(catalog::events::menu_updated, m); }
  void put_rating(const std::string& id, std::int64_t version, double average, std::int64_t n) {
    put(reviews::events::rating_updated,
        {{"merchant_id", id}, {"version", version}, {"average", average}, {"count", n}});
  }

  ListingPage list(const ListingQuery& q, std::int64_t now_us = 0) {
    auto page = service->list_merchants(q, now_us == 0 ? monday_noon_us : now_us);
    EXPECT_TRUE(page) << (page ? "" : page.error().detail);
    return page.value_or(ListingPage{});
  }
  std::vector<std::string> listed(const ListingQuery& q) {
    std::vector<std::string> ids;
    for (const auto& card : list(q).data) ids.push_back(card.id);
    return ids;
  }
  SearchResults search(const std::string& q, std::optional<geo::Point> at = std::nullopt) {
    auto results = service->search({q, at, search_results_default}, monday_noon_us);
    EXPECT_TRUE(results) << (results ? "" : results.error().detail);
    return results.value_or(SearchResults{});
  }
  std::vector<std::string> item_names(const std::string& q) {
    std::vector<std::string> names;
    for (const auto& i : search(q).items) names.push_back(i.name);
    return names;
  }
  std::int64_t vocabulary_count(const std::string& word) {
    auto n = db().read([&](store::Transaction& tx) -> Result<std::int64_t> {
      auto rows = tx.query("SELECT documents FROM discovery_vocabulary WHERE word = $1", {word});
      if (!rows) return std::unexpected(rows.error());
      return rows->empty() ? 0 : rows->front().int64(0);
    });
    return n.value_or(-1);
  }
};

using Ids = std::vector<std::string>;

TEST_P(DiscoveryServiceTest, ListsOnlyMerchantsWhoseZoneCoversThePointWithDistanceAndEstimate) {
  put_merchant(merchant("a", "At The Centre", center));
  auto too_small = merchant("b", "Small Zone", moved(center, 2000, 0));
  too_small["delivery_zone"] = {{"type", "radius"}, {"radius_m", 1500}};
  put_merchant(too_small);
  put_merchant(merchant("c", "Just Inside", moved(center, 0, -2999)));
  put_merchant(merchant("d", "Just Outside", moved(center, 0, 3001)));
  // A square zone with a hole over the centre, and a plain square reaching it.
  auto holed = merchant("e", "Holed Zone", moved(center, 1000, 0));
  holed["delivery_zone"] = boost::json::parse(R"({"type":"polygon","polygon":{"type":"Polygon",
    "coordinates":[[[2.30,48.82],[2.40,48.82],[2.40,48.90],[2.30,48.90],[2.30,48.82]],
                   [[2.34,48.85],[2.36,48.85],[2.36,48.86],[2.34,48.86],[2.34,48.85]]]}})");
  put_merchant(holed);
  auto square = merchant("f", "Square Zone", moved(center, -1000, 0));
  square["delivery_zone"] = boost::json::parse(R"({"type":"polygon","polygon":{"type":"Polygon",
    "coordinates":[[[2.30,48.82],[2.40,48.82],[2.40,48.90],[2.30,48.90],[2.30,48.82]]]}})");
  put_merchant(square);
  const auto page = list({.at = center});
  ASSERT_EQ(page.data.size(), 3u);
  EXPECT_EQ(page.data[0].id, "a");
  EXPECT_EQ(page.data[0].distance_m, 0);
  EXPECT_EQ(page.data[0].delivery_minutes, 15 + 0 + 5);
  EXPECT_EQ(page.data[1].id, "f");
  EXPECT_EQ(page.data[1].distance_m, 1000);
  EXPECT_EQ(page.data[1].delivery_minutes, 15 + 6 + 5);  // 1300 m by bike at 4 m/s: 5.4 -> 6
  EXPECT_EQ(page.data[2].id, "c");
  EXPECT_EQ(page.data[2].distance_m, 2999);
  EXPECT_FALSE(page.has_more);
  // 1.5 km north: the holed zone covers it, and the small zone; the west edge is out of reach.
  EXPECT_EQ(listed({.at = moved(center, 1500, 0)}), (Ids{"b", "e", "a", "f"}));
}

TEST_P(DiscoveryServiceTest, EstimatesDeliveryWithTheTravelModelOfTheConfiguredVehicle) {
  put_merchant(merchant("near", "Near", moved(center, 1000, 0)));
  auto far = merchant("far", "Far", moved(center, 0, 2500));
  far["prep_time_minutes"] = 10;
  put_merchant(far);
  // By bike (the default): 1,300 m of road at 4 m/s is 325 s, 6 minutes; 3,250 m is 813 s, 14.
  auto page = list({.at = center});
  ASSERT_EQ(page.data.size(), 2u);
  EXPECT_EQ(page.data[0].delivery_minutes, 15 + 6 + 5);
  EXPECT_EQ(page.data[1].delivery_minutes, 10 + 14 + 5);
  EXPECT_EQ(listed({.at = center, .max_delivery_minutes = 26}), Ids{"near"});
  EXPECT_EQ(listed({.at = center, .sort = Sort::delivery_time}), (Ids{"near", "far"}));
  // By car at 8 m/s: 163 s is 3 minutes, 407 s is 7; the far one is now the sooner.
  Service by_car(db(), {.estimate_vehicle = drivers::Vehicle::car}, metrics, drivers);
  const auto cars =
      by_car.list_merchants({.at = center, .sort = Sort::delivery_time}, monday_noon_us);
  ASSERT_TRUE(cars);
  ASSERT_EQ(cars->data.size(), 2u);
  EXPECT_EQ(cars->data[0].id, "far");
  EXPECT_EQ(cars->data[0].delivery_minutes, 10 + 7 + 5);
  EXPECT_EQ(cars->data[1].delivery_minutes, 15 + 3 + 5);
  // Search cards carry the same estimate.
  const auto found = by_car.search({"near", center, search_results_default}, monday_noon_us);
  ASSERT_TRUE(found);
  ASSERT_EQ(found->merchants.size(), 1u);
  EXPECT_EQ(found->merchants[0].delivery_minutes, 15 + 3 + 5);
}

TEST_P(DiscoveryServiceTest, AppliesOnlyNewerVersionsAndIgnoresRedeliveries) {
  put_merchant(merchant("m", "Second Name", center, 2));
  put_merchant(merchant("m", "First Name", center, 1));
  put_merchant(merchant("m", "Also Second", center, 2));
  const auto first =
      envelope(catalog::events::menu_updated, menu("m", 5, {item("i1", "Margherita")}));
  ASSERT_TRUE(deliver(first));
  ASSERT_TRUE(deliver(first));  // redelivered: already handled
  put_menu(menu("m", 4, {item("i2", "Salmon Sushi")}));
  const auto page = list({.at = center});
  ASSERT_EQ(page.data.size(), 1u);
  EXPECT_EQ(page.data[0].name, "Second Name");
  EXPECT_EQ(item_names("margherita"), Ids{"Margherita"});
  EXPECT_TRUE(item_names("sushi").empty());
  EXPECT_EQ(metrics.events_applied.value(), 2);
  // An older merchant, the same version again, the redelivered menu, an older menu.
  EXPECT_EQ(metrics.events_stale.value(), 4);
}

TEST_P(DiscoveryServiceTest, SuspendedAndDeletedMerchantsLeaveListingsAndSearch) {
  put_merchant(merchant("m", "Luigi's Pizzeria", center, 1));
  put_menu(menu("m", 2, {item("i1", "Margherita")}));
  auto suspended = merchant("m", "Luigi's Pizzeria", center, 3);
  suspended["status"] = "suspended";
  put_merchant(suspended);
  EXPECT_TRUE(listed({.at = center}).empty());
  EXPECT_TRUE(search("luigi").merchants.empty());
  EXPECT_TRUE(search("margherita").items.empty());
  put_merchant(merchant("m", "Luigi's Pizzeria", center, 4));
  EXPECT_EQ(listed({.at = center}), Ids{"m"});
  put_merchant({{"id", "m"}, {"version", 5}, {"status", "deleted"}});
  put_merchant(merchant("m", "Luigi's Pizzeria", center, 4));  // late redelivery of an old one
  EXPECT_TRUE(listed({.at = center}).empty());
  EXPECT_TRUE(search("margherita").items.empty());
}

TEST_P(DiscoveryServiceTest, OpenNowFollowsHoursInTheMerchantsZoneAndPauses) {
  put_merchant(merchant("open", "Open Place", center));
  auto paused = merchant("paused", "Paused Place", moved(center, 10, 0));
  paused["paused_until"] = "2026-01-12T12:20:00Z";
  put_merchant(paused);
  auto breakfast = merchant("breakfast", "Breakfast Place", moved(center, 20, 0));
  breakfast["opening_hours"] = daily_hours("07:00", "11:00");
  put_merchant(breakfast);
  auto tokyo = merchant("tokyo", "Tokyo Hours", moved(center, 30, 0));
  tokyo["time_zone"] = "Asia/Tokyo";  // 21:00 there: still open until 23:00
  put_merchant(tokyo);
  const auto page = list({.at = center});
  ASSERT_EQ(page.data.size(), 4u);
  EXPECT_TRUE(page.data[0].open_now);
  EXPECT_FALSE(page.data[1].open_now);
  ASSERT_TRUE(page.data[1].paused_until_us);
  EXPECT_EQ(*page.data[1].paused_until_us, monday_noon_us + 20 * minute_us);
  EXPECT_FALSE(page.data[2].open_now);
  EXPECT_TRUE(page.data[3].open_now);
  EXPECT_EQ(listed({.at = center, .open_now = true}), (Ids{"open", "tokyo"}));
  // At 08:00 in Paris (16:00 in Tokyo) breakfast opens, the lunch places are closed.
  const auto morning =
      list({.at = center, .open_now = true}, monday_noon_us + std::int64_t{19} * 60 * minute_us);
  ASSERT_EQ(morning.data.size(), 2u);
  EXPECT_EQ(morning.data[0].id, "breakfast");
  EXPECT_EQ(morning.data[1].id, "tokyo");
}

TEST_P(DiscoveryServiceTest, FiltersByCuisineDietaryPriceRatingAndDeliveryTime) {
  put_merchant(merchant("pizza", "Pizza Place", center));
  auto sushi = merchant("sushi", "Sushi Place", moved(center, 1000, 0));
  sushi["cuisines"] = {"sushi", "japanese"};
  sushi["price_level"] = 4;
  sushi["prep_time_minutes"] = 40;
  put_merchant(sushi);
  put_menu(menu("pizza", 2,
                {item("p1", "Marinara", {"vegan"}), item("p2", "Margherita", {"vegetarian"}),
                 item("p3", "Funghi", {"vegetarian"}), item("p4", "Diavola", {"spicy"}),
                 item("p5", "Quattro Stagioni")}));
  put_menu(menu("sushi", 2,
                {item("s1", "Avocado Maki", {"vegan", "gluten_free"}),
                 item("s2", "Cucumber Maki", {"vegan", "gluten_free"}),
                 item("s3", "Inari", {"vegan", "gluten_free"}),
                 item("s4", "Salmon Nigiri", {"gluten_free"})}));
  put_rating("pizza", 1, 4.2, 10);
  put_rating("sushi", 1, 4.8, 3);
  EXPECT_EQ(listed({.at = center, .cuisines = {"japanese"}}), Ids{"sushi"});
  EXPECT_EQ(listed({.at = center, .cuisines = {"thai", "pizza"}}), Ids{"pizza"});
  // Vegan dishes count as vegetarian: three of the pizzeria's five dishes are.
  EXPECT_EQ(listed({.at = center, .dietary = {"vegetarian"}}), (Ids{"pizza", "sushi"}));
  EXPECT_EQ(listed({.at = center, .dietary = {"vegan"}}), Ids{"sushi"});
  EXPECT_EQ(listed({.at = center, .dietary = {"vegetarian", "gluten_free"}}), Ids{"sushi"});
  EXPECT_TRUE(listed({.at = center, .dietary = {"vegetarian", "spicy"}}).empty());
  EXPECT_EQ(listed({.at = center, .price_levels = {1, 2}}), Ids{"pizza"});
  EXPECT_EQ(listed({.at = center, .min_rating = 4.5}), Ids{"sushi"});
  EXPECT_EQ(listed({.at = center, .max_delivery_minutes = 30}), Ids{"pizza"});
  EXPECT_EQ(listed({.at = center, .q = "maki"}), Ids{"sushi"});
  const auto page = list({.at = center});
  ASSERT_TRUE(page.data[0].rating);
  EXPECT_DOUBLE_EQ(page.data[0].rating->average, 4.2);
  EXPECT_EQ(page.data[0].rating->count, 10);
  // A rating may come before its merchant; a newer one replaces it, an older one does not.
  put_rating("late", 2, 4.9, 7);
  put_merchant(merchant("late", "Late Place", moved(center, 500, 0)));
  put_rating("late", 1, 1.0, 1);
  EXPECT_EQ(listed({.at = center, .min_rating = 4.5}), (Ids{"late", "sushi"}));
  put_rating("late", 3, 4.0, 8);
  EXPECT_EQ(listed({.at = center, .sort = Sort::rating}), (Ids{"sushi", "pizza", "late"}));
}

TEST_P(DiscoveryServiceTest, DietaryFilterNeedsAThirdOfTheDishesAndIgnoresDrinks) {
  const auto drinks = [](boost::json::array items, const std::string& prefix) {
    for (const char* name : {"Cola", "Still water", "Lemonade"}) {
      auto d = item(prefix + name, name, {"vegan", "gluten_free"});
      d["category"] = "Cold drinks";
      items.push_back(std::move(d));
    }
    return items;
  };
  const auto dishes = [](const std::string& prefix, std::size_t vegan, std::size_t others) {
    boost::json::array items;
    for (std::size_t i = 0; i < vegan + others; ++i) {
      const auto id = prefix + std::to_string(i);
      items.push_back(
          item(id, "Dish " + id,
               i < vegan ? std::vector<std::string>{"vegan"} : std::vector<std::string>{}));
    }
    return items;
  };
  for (const char* id : {"steak", "green", "few", "mixed"}) put_merchant(merchant(id, id, center));
  put_menu(menu("steak", 2, drinks(dishes("st", 0, 6), "st")));  // vegan drinks only
  put_menu(menu("green", 2, drinks(dishes("gr", 3, 6), "gr")));  // 3 of 9 dishes
  put_menu(menu("few", 2, drinks(dishes("fe", 2, 0), "fe")));    // every dish, but only 2
  put_menu(menu("mixed", 2, dishes("mx", 3, 7)));                // 3 of 10: under a third
  EXPECT_EQ(listed({.at = center, .dietary = {"vegan"}}), Ids{"green"});
  EXPECT_TRUE(listed({.at = center, .dietary = {"gluten_free"}}).empty());
  // A new menu is judged again, and a menu that comes before its merchant counts.
  put_menu(menu("mixed", 3, dishes("mx", 4, 7)));
  put_menu(menu("early", 2, dishes("ea", 3, 0)));
  put_merchant(merchant("early", "early", center));
  EXPECT_EQ(listed({.at = center, .dietary = {"vegan"}}), (Ids{"early", "green", "mixed"}));
  EXPECT_EQ(listed({.at = center, .dietary = {"dairy_free", "vegetarian"}}),
            (Ids{"early", "green", "mixed"}));
}

TEST_P(DiscoveryServiceTest, SortsAndPagesStablyUnderTies) {
  // Five merchants at one spot: distance ties, broken by id.
  for (const char* id : {"m3", "m1", "m5", "m2", "m4"}) put_merchant(merchant(id, id, center));
  put_merchant(merchant("far", "Far", moved(center, 2000, 0)));
  put_rating("m4", 1, 4.9, 5);
  put_rating("far", 1, 4.9, 50);
  put_rating("m2", 1, 3.0, 5);
  Ids seen;
  ListingQuery q{.at = center, .limit = 2};
  for (int pages = 0; pages < 10; ++pages) {
    const auto page = list(q);
    for (const auto& card : page.data) seen.push_back(card.id);
    if (!page.has_more) break;
    q.cursor = page.next_cursor;
  }
  EXPECT_EQ(seen, (Ids{"m1", "m2", "m3", "m4", "m5", "far"}));
  EXPECT_EQ(listed({.at = center, .sort = Sort::rating}),
            (Ids{"far", "m4", "m2", "m1", "m3", "m5"}));
  auto slow = merchant("m1", "m1", center, 2);
  slow["prep_time_minutes"] = 60;
  put_merchant(slow);
  EXPECT_EQ(listed({.at = center, .sort = Sort::delivery_time}),
            (Ids{"m2", "m3", "m4", "m5", "far", "m1"}));
  // A cursor belongs to its query.
  const auto first = list({.at = center, .limit = 2});
  auto other = service->list_merchants(
      {.at = center, .cuisines = {"pizza"}, .cursor = first.next_cursor}, monday_noon_us);
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().fields.at(0).field, "cursor");
}

TEST_P(DiscoveryServiceTest, SearchMatchesPrefixesAndTyposWithinTheDeliveryArea) {
  put_merchant(merchant("near", "Luigi's Pizzeria", center));
  put_menu(menu("near", 2,
                {item("n1", "Margherita Pizza"), item("n2", "Tiramisu"),
                 item("n3", "Quattro Formaggi Pizza", {}, true)}));
  auto far = merchant("far", "Pizza Lontana", moved(center, 10'000, 0));
  put_merchant(far);
  put_menu(menu("far", 2, {item("f1", "Pizza Bianca")}));
  // Equal scores rank by name; the sold-out pizza is not offered.
  EXPECT_EQ(item_names("piza"), (Ids{"Margherita Pizza", "Pizza Bianca"}));
  EXPECT_EQ(item_names("tira"), Ids{"Tiramisu"});
  EXPECT_EQ(item_names("tiramsu"), Ids{"Tiramisu"});
  EXPECT_EQ(item_names("luigi margherita"), Ids{"Margherita Pizza"});
  // Two typos in a long word; a short word is not stretched that far.
  EXPECT_EQ(item_names("margarita"), Ids{"Margherita Pizza"});
  EXPECT_EQ(item_names("luigi margarita"), Ids{"Margherita Pizza"});
  EXPECT_TRUE(item_names("tiramasoo").empty());  // "tiramisu" has 8 letters, but 3 edits
  EXPECT_TRUE(item_names("tramsu").empty());     // 6 letters: one edit only
  EXPECT_TRUE(item_names("zzzz").empty());
  const auto here = search("pizza", center);
  ASSERT_EQ(here.merchants.size(), 1u);
  EXPECT_EQ(here.merchants[0].id, "near");
  EXPECT_EQ(here.merchants[0].distance_m, 0);
  ASSERT_EQ(here.items.size(), 1u);
  EXPECT_EQ(here.items[0].merchant_name, "Luigi's Pizzeria");
  const auto anywhere = search("pizza");
  ASSERT_EQ(anywhere.merchants.size(), 2u);
  EXPECT_EQ(anywhere.merchants[0].id, "far");  // "pizza" in its name outranks the cuisine
  EXPECT_FALSE(anywhere.merchants[0].distance_m);
}

TEST_P(DiscoveryServiceTest, MenuBeforeMerchantAndRenamesKeepItemsFindable) {
  put_menu(menu("m", 2, {item("i1", "Margherita")}));
  put_merchant(merchant("m", "Luigi's", center, 1));
  EXPECT_EQ(item_names("luigi margherita"), Ids{"Margherita"});
  EXPECT_EQ(search("margherita", center).merchants.size(), 1u);  // the menu is in its document
  put_merchant(merchant("m", "Mario's", center, 3));
  EXPECT_TRUE(item_names("luigi margherita").empty());
  EXPECT_EQ(item_names("mario margherita"), Ids{"Margherita"});
  EXPECT_EQ(vocabulary_count("luigis"), 0);
  EXPECT_EQ(vocabulary_count("marios"), 2);  // the merchant and its item
}

TEST_P(DiscoveryServiceTest, VocabularyFollowsTheIndexSoOldWordsStopMatchingTypos) {
  auto shop = merchant("m", "Corner Shop", center);
  shop["cuisines"] = boost::json::array{"cafe"};
  put_merchant(shop);
  put_menu(menu("m", 2, {item("i1", "Lasagne")}));
  EXPECT_EQ(vocabulary_count("lasagne"), 2);
  EXPECT_EQ(item_names("lasagna"), Ids{"Lasagne"});
  put_menu(menu("m", 3, {item("i2", "Cappuccino")}));
  EXPECT_EQ(vocabulary_count("lasagne"), 0);
  EXPECT_TRUE(item_names("lasagna").empty());
  EXPECT_EQ(item_names("cappucino"), Ids{"Cappuccino"});
  EXPECT_EQ(item_names("capucino"), Ids{"Cappuccino"});  // two edits, both words 8+ letters
  EXPECT_EQ(item_names("capuxxino"), Ids{});             // three edits: no match
}

TEST_P(DiscoveryServiceTest, RefusesMalformedEventsAndQueries) {
  auto nameless = merchant("m", "x", center);
  nameless.erase("name");
  const auto refused = deliver(envelope(catalog::events::merchant_updated, nameless));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::validation_failed);
  auto bad_zone = merchant("m", "x", center);
  bad_zone["delivery_zone"] = {{"type", "radius"}, {"radius_m", 5}};
  EXPECT_FALSE(deliver(envelope(catalog::events::merchant_updated, bad_zone)));
  EXPECT_EQ(metrics.events_rejected.value(), 2);
  EXPECT_TRUE(listed({.at = center}).empty());
  auto relevance = service->list_merchants({.at = center, .sort = Sort::relevance}, 0);
  ASSERT_FALSE(relevance);
  EXPECT_EQ(relevance.error().fields.at(0).field, "sort");
  EXPECT_FALSE(service->search({"one two three four five six seven eight nine", {}, 10}, 0));
  EXPECT_FALSE(service->search({"!!", {}, 10}, 0));
  EXPECT_FALSE(service->search({std::string(101, 'a'), {}, 10}, 0));
  EXPECT_FALSE(service->list_merchants({.at = {91, 0}}, 0));
}

INSTANTIATE_TEST_SUITE_P(Engines, DiscoveryServiceTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

}  // namespace
}  // namespace reskflow::discovery
