// Search quality on a fixed seeded city (50 merchants, 500+ items, testing/catalog_data.h): 39
// queries with the results a person would expect on top (typos, prefixes, several words,
// accents, dietary words, cuisines, the delivery area), on both engines, and both engines
// returning exactly the same ranked results.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <functional>

#include "catalog_generator.h"
#include "fake_drivers.h"
#include "module.h"
#include "reskflow/bus/outbox.h"
#include "reskflow/store/migrations.h"
#include "service.h"
#include "test_database.h"

namespace reskflow::discovery {
namespace {

constexpr std::uint64_t city_seed = 20'260'112;
constexpr geo::Point city_center{48.8566, 2.3522};
// Monday 2026-01-12 12:00 UTC.
constexpr std::int64_t now_us = 1'768'219'200'000'000;

using Check = std::function<void(const SearchResults&)>;

struct Case {
  std::string q;
  bool at_center = false;
  Check check;
};

bool has(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

Check top_merchant_named(const std::string& name) {
  return [name](const SearchResults& r) {
    ASSERT_FALSE(r.merchants.empty());
    EXPECT_EQ(r.merchants[0].name, name);
  };
}

Check top_merchants_serve(const std::string& cuisine, std::size_t n) {
  return [cuisine, n](const SearchResults& r) {
    ASSERT_GE(r.merchants.size(), n);
    for (std::size_t i = 0; i < n; ++i)
      EXPECT_TRUE(has(r.merchants[i].cuisines, cuisine)) << i << ": " << r.merchants[i].name;
  };
}

Check top_item_named(const std::string& name) {
  return [name](const SearchResults& r) {
    ASSERT_FALSE(r.items.empty());
    EXPECT_EQ(r.items[0].name, name);
  };
}

Check top_items_contain(const std::string& word, std::size_t n) {
  return [word, n](const SearchResults& r) {
    ASSERT_GE(r.items.size(), n);
    for (std::size_t i = 0; i < n; ++i)
      EXPECT_NE(r.items[i].name.find(word), std::string::npos) << i << ": " << r.items[i].name;
  };
}

Check top_items_tagged(const std::string& tag, std::size_t n) {
  return [tag, n](const SearchResults& r) {
    ASSERT_GE(r.items.size(), n);
    for (std::size_t i = 0; i < n; ++i)
      EXPECT_TRUE(has(r.items[i].dietary, tag)) << i << ": " << r.items[i].name;
  };
}

Check all(const std::vector<Check>& checks) {
  return [checks](const SearchResults& r) {
    for (const auto& c : checks) c(r);
  };
}

Check nothing() {
  return [](const SearchResults& r) {
    EXPECT_TRUE(r.merchants.empty());
    EXPECT_TRUE(r.items.empty());
  };
}

// Every merchant found delivers to the centre (a distance is reported), items likewise.
Check delivers_to_center(const std::string& cuisine) {
  return [cuisine](const SearchResults& r) {
    ASSERT_FALSE(r.merchants.empty());
    for (const auto& m : r.merchants) {
      EXPECT_TRUE(m.distance_m.has_value()) << m.name;
      EXPECT_TRUE(has(m.cuisines, cuisine)) << m.name;
    }
  };
}

// The top of a result list, printed when an expectation fails.
std::string summary(const SearchResults& r) {
  std::string out = "merchants:";
  for (std::size_t i = 0; i < std::min<std::size_t>(3, r.merchants.size()); ++i)
    out += " [" + r.merchants[i].name + " " + std::to_string(r.merchants[i].score) + "]";
  out += " items:";
  for (std::size_t i = 0; i < std::min<std::size_t>(5, r.items.size()); ++i)
    out += " [" + r.items[i].name + " @ " + r.items[i].merchant_name + " " +
           std::to_string(r.items[i].score) + "]";
  return out;
}

std::vector<Case> cases() {
  return {
      {"piza", false, all({top_items_contain("Pizza", 5), top_merchants_serve("pizza", 1)})},
      {"pizza", false, top_merchants_serve("pizza", 4)},
      {"sushii", false, top_merchants_serve("sushi", 4)},
      {"sushi", false, all({top_merchant_named("Sakura Sushi"), top_merchants_serve("sushi", 4)})},
      {"sush", false, top_merchants_serve("sushi", 4)},
      {"bur", false, top_merchants_serve("burgers", 4)},
      {"burger", false, all({top_merchant_named("Burger Barn"), top_items_contain("Burger", 5)})},
      {"pad thai", false, all({top_item_named("Pad Thai"), top_merchants_serve("thai", 1)})},
      {"chicken tikka", false, top_items_contain("Chicken Tikka", 3)},
      {"vegan", false, all({top_items_tagged("vegan", 10), top_merchants_serve("vegan", 3)})},
      {"curry", false, top_items_contain("Curry", 5)},
      {"ramen", false, nothing()},
      {"tacos", false, all({top_merchants_serve("mexican", 3), top_items_contain("Tacos", 3)})},
      {"margherita", false, top_item_named("Margherita Pizza")},
      {"margarita", false, top_item_named("Margherita Pizza")},
      {"quesadiya", false, top_items_contain("Quesadilla", 1)},
      {"chesecak", false, top_items_contain("Cheesecake", 1)},
      {"luigi", false, top_merchant_named("Luigi's Pizzeria")},
      {"creperie", false, top_merchant_named("Crêperie Ça Va")},
      {"crêpe", false, top_item_named("Crêpe Suzette")},
      {"pho", false, all({top_merchant_named("Pho Saigon"), top_items_contain("Pho", 3)})},
      {"banh mi", false,
       all({top_merchant_named("Banh Mi Corner"), top_items_contain("Banh Mi", 3)})},
      {"gelato", false, all({top_merchant_named("Gelato Bros"), top_items_contain("Gelato", 3)})},
      {"dumplings", false, top_item_named("Mandu Dumplings")},
      {"kimchi", false, top_merchant_named("Kimchi House")},
      {"falafel", false, top_items_contain("Falafel", 3)},
      {"tiramisu", false, top_items_contain("Tiramisu", 3)},
      {"tiramisou", false, top_items_contain("Tiramisu", 3)},
      {"chiken", false, top_items_contain("Chicken", 5)},
      {"burito", false, top_items_contain("Burrito", 3)},
      {"green curry", false, top_item_named("Green Curry")},
      {"ice cream", false,
       all({top_item_named("Matcha Ice Cream"), top_merchants_serve("ice_cream", 3)})},
      {"mango", false, top_items_contain("Mango", 3)},
      {"spicy", false, top_items_tagged("spicy", 10)},
      {"gluten free", false, top_items_tagged("gluten_free", 10)},
      {"dragon", false, top_merchant_named("Golden Dragon")},
      {"coffee", false, top_item_named("Vietnamese Iced Coffee")},
      {"thai", true, all({delivers_to_center("thai"), top_merchants_serve("thai", 3)})},
      {"pizza", true, delivers_to_center("pizza")},
  };
}

// The city loaded into a fresh database of one engine.
class City {
 public:
  explicit City(store::Engine engine) {
    auto scratch = store::testing::ScratchDatabase::create(engine);
    EXPECT_TRUE(scratch) << (scratch ? "" : scratch.error().detail);
    if (!scratch) return;
    scratch_ = std::move(*scratch);
    auto db = scratch_->open();
    EXPECT_TRUE(db);
    if (!db) return;
    db_ = std::move(*db);
    const std::vector<store::MigrationSet> sets{bus::migrations(), migrations()};
    EXPECT_TRUE(store::migrate(*db_, sets));
    service_ = std::make_unique<Service>(*db_, DiscoverySettings{}, metrics_, drivers_);
    generated = testing::generate_city({.seed = city_seed});
    for (const auto& e : generated.merchant_events) EXPECT_TRUE(service_->on_merchant_updated(e));
    for (const auto& e : generated.menu_events) EXPECT_TRUE(service_->on_menu_updated(e));
    for (const auto& e : generated.rating_events) EXPECT_TRUE(service_->on_rating_updated(e));
  }
  bool ready() const { return service_ != nullptr; }
  SearchResults search(const Case& c) {
    auto r = service_->search(
        {c.q, c.at_center ? std::optional(city_center) : std::nullopt, search_results_default},
        now_us);
    EXPECT_TRUE(r) << c.q;
    return r.value_or(SearchResults{});
  }
  Service& service() { return *service_; }

  testing::GeneratedCity generated;

 private:
  std::unique_ptr<store::testing::ScratchDatabase> scratch_;
  std::unique_ptr<store::Database> db_;
  metrics::Registry registry_;
  DiscoveryMetrics metrics_{registry_};
  drivers::testing::FakeDrivers drivers_;
  std::unique_ptr<Service> service_;
};

// From the generated events: every 10th merchant is placed out of reach of the centre. Those
// whose dishes (not drinks) are vegan for at least 3 and a third of them, and those with any
// vegan item at all.
struct VeganMerchants {
  std::vector<std::string> by_rule;
  std::size_t with_any_vegan_item = 0;
};

VeganMerchants near_vegan_merchants(const testing::GeneratedCity& city) {
  VeganMerchants out;
  for (std::size_t i = 0; i < city.menu_events.size(); ++i) {
    if (i % 10 == 9) continue;
    const auto menu = boost::json::parse(city.menu_events[i].payload_json);
    std::size_t dishes = 0, vegan = 0;
    bool any = false;
    for (const auto& item : menu.at("items").as_array()) {
      const auto& tags = item.at("dietary").as_array();
      const bool is_vegan =
          std::find(tags.begin(), tags.end(), boost::json::value("vegan")) != tags.end();
      any = any || is_vegan;
      if (item.at("category").as_string() == "Drinks") continue;
      ++dishes;
      vegan += is_vegan ? 1 : 0;
    }
    out.with_any_vegan_item += any ? 1 : 0;
    if (vegan >= 3 && vegan * 3 >= dishes)
      out.by_rule.emplace_back(menu.at("merchant_id").as_string());
  }
  std::sort(out.by_rule.begin(), out.by_rule.end());
  return out;
}

class SearchQualityTest : public ::testing::TestWithParam<store::Engine> {};

TEST_P(SearchQualityTest, TopResultsMatchWhatAPersonExpects) {
  City city(GetParam());
  ASSERT_TRUE(city.ready());
  ASSERT_EQ(city.generated.merchant_events.size(), 50u);
  ASSERT_GE(city.generated.items, 500u);
  const auto all_cases = cases();
  ASSERT_GE(all_cases.size(), 30u);
  for (const auto& c : all_cases) {
    const auto results = city.search(c);
    SCOPED_TRACE("q=" + c.q + (c.at_center ? " at the centre: " : ": ") + summary(results));
    c.check(results);
  }
}

TEST_P(SearchQualityTest, ListingFiltersHoldOnTheCity) {
  City city(GetParam());
  ASSERT_TRUE(city.ready());
  auto vegan = city.service().list_merchants(
      {.at = city_center, .dietary = {"vegan"}, .limit = 100}, now_us);
  ASSERT_TRUE(vegan);
  std::vector<std::string> found;
  for (const auto& m : vegan->data) found.push_back(m.id);
  std::sort(found.begin(), found.end());
  const auto expected = near_vegan_merchants(city.generated);
  EXPECT_EQ(found, expected.by_rule);
  // The filter means something: some merchants pass, fewer than have a vegan item somewhere.
  EXPECT_FALSE(found.empty());
  EXPECT_LT(found.size(), expected.with_any_vegan_item);
  auto korean = city.service().list_merchants(
      {.at = city_center, .q = "kimchi", .cuisines = {"korean"}, .limit = 100}, now_us);
  ASSERT_TRUE(korean);
  ASSERT_FALSE(korean->data.empty());
  EXPECT_EQ(korean->data[0].name, "Kimchi House");
  for (const auto& m : korean->data) EXPECT_TRUE(has(m.cuisines, "korean"));
}

INSTANTIATE_TEST_SUITE_P(Engines, SearchQualityTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

std::string fingerprint(const SearchResults& r) {
  std::string out;
  for (const auto& m : r.merchants) out += m.id + ":" + std::to_string(m.score) + " ";
  out += "| ";
  for (const auto& i : r.items) out += i.item_id + ":" + std::to_string(i.score) + " ";
  return out;
}

TEST(SearchQualityEngines, SqliteAndPostgresRankEveryQueryIdentically) {
  City sqlite(store::Engine::sqlite);
  City postgres(store::Engine::postgres);
  ASSERT_TRUE(sqlite.ready() && postgres.ready());
  for (const auto& c : cases()) {
    EXPECT_EQ(fingerprint(sqlite.search(c)), fingerprint(postgres.search(c))) << c.q;
  }
}

}  // namespace
}  // namespace reskflow::discovery
