// Menu rules on both engines: whole-menu replacement with field paths and stable ids, the
// granular changes and the menu's limits, availability in the merchant's time zone, the
// menu.updated payload, and the caches dropped on every change.
#include "render.h"
#include "test_fixture.h"

namespace reskflow::catalog::testing {
namespace {

class MenuServiceTest : public CatalogTest {
 protected:
  void SetUp() override {
    CatalogTest::SetUp();
    merchant = created();
    auto replaced = service->replace_menu(merchant.id, menu_replacement(menu_document_sample()));
    ASSERT_TRUE(replaced) << replaced.error().detail;
    menu = replaced->menu;
  }
  const Item& item(std::string_view name) const {
    for (const auto& i : menu.items) {
      if (i.name == name) return i;
    }
    throw std::runtime_error("no item " + std::string(name));
  }
  boost::json::object rendered() {
    auto s = service->snapshot(merchant.id);
    EXPECT_TRUE(s);
    return menu_document((*s)->merchant, (*s)->menu, clock.now_us());
  }

  Merchant merchant;
  Menu menu;
};

TEST_P(MenuServiceTest, RendersAvailabilityInTheMerchantsTimeZone) {
  const auto doc = rendered();
  EXPECT_EQ(doc.at("currency").as_string(), "EUR");
  const auto& categories = doc.at("categories").as_array();
  ASSERT_EQ(categories.size(), 2U);
  const auto& breakfast = categories[0].as_object();
  EXPECT_EQ(breakfast.at("name").as_string(), "Breakfast");
  EXPECT_FALSE(breakfast.at("available_now").as_bool());  // 12:00 in Paris, after 11:00
  EXPECT_FALSE(breakfast.at("items").as_array()[0].at("available_now").as_bool());
  const auto& pizzas = categories[1].at("items").as_array();
  ASSERT_EQ(pizzas.size(), 3U);
  EXPECT_TRUE(pizzas[0].at("available_now").as_bool());
  EXPECT_EQ(pizzas[1].at("stock_count").as_int64(), 3);
  EXPECT_TRUE(pizzas[2].at("sold_out").as_bool());
  EXPECT_FALSE(pizzas[2].at("available_now").as_bool());
  const auto& size = doc.at("modifier_groups").as_array()[0].as_object();
  EXPECT_TRUE(size.at("required").as_bool());
  EXPECT_EQ(pizzas[0].at("modifier_group_ids").as_array()[0].as_string(),
            size.at("id").as_string());
  clock.advance(std::chrono::microseconds(-(4 * hour_us)));  // 08:00 in Paris
  EXPECT_TRUE(rendered().at("categories").as_array()[0].at("available_now").as_bool());
}

TEST_P(MenuServiceTest, PutBackKeepsEveryIdAndPublishesEveryItem) {
  const auto before = rendered();
  auto again = service->replace_menu(merchant.id, menu_replacement(before));
  ASSERT_TRUE(again) << again.error().detail;
  auto after = rendered();
  EXPECT_EQ(after.at("version").as_int64(), before.at("version").as_int64() + 1);
  after.erase("version");
  auto expected = before;
  expected.erase("version");
  EXPECT_EQ(boost::json::serialize(after), boost::json::serialize(expected));
  const auto all = events();
  ASSERT_EQ(all.back().type, "catalog.menu.updated");
  const auto& items = all.back().payload.at("items").as_array();
  ASSERT_EQ(items.size(), 4U);
  EXPECT_EQ(items[0].at("category").as_string(), "Breakfast");
  EXPECT_EQ(items[1].at("currency").as_string(), "EUR");
  EXPECT_EQ(items[1].at("photo_url").as_string(), "/demo/photos/pizza.svg");
  EXPECT_TRUE(items[3].at("sold_out").as_bool());
}

TEST_P(MenuServiceTest, RefusesAnInvalidMenuWithFieldPathsAndKeepsTheOldOne) {
  const auto events_before = events().size();
  auto bad = boost::json::parse(R"({
    "modifier_groups": [{"id": "size", "name": "Size", "min_selections": 3,
                         "max_selections": 1, "options": [{"name": "S"}]}],
    "categories": [
      {"name": "Breakfast", "colour": "red",
       "availability": [{"days": ["mon"], "start": "25:00", "end": "11:00"}], "items": []},
      {"name": "Pizzas", "items": [
        {"name": "Margherita", "price_minor": -5, "dietary": ["carnivore"]},
        {"name": "Diavola", "price_minor": 1350, "modifier_group_ids": ["nope"]}]}]})")
                 .as_object();
  auto refused = service->replace_menu(merchant.id, menu_replacement(bad));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::validation_failed);
  auto fields = fields_of(refused.error());
  std::sort(fields.begin(), fields.end());
  EXPECT_EQ(fields, (std::vector<std::string>{
                        "categories[0].availability[0].start", "categories[0].colour",
                        "categories[1].items[0].dietary", "categories[1].items[0].price_minor",
                        "categories[1].items[1].modifier_group_ids",
                        "modifier_groups[0].min_selections", "modifier_groups[0].min_selections"}));
  EXPECT_EQ(rendered().at("categories").as_array().size(), 2U);
  EXPECT_EQ(events().size(), events_before);
}

TEST_P(MenuServiceTest, EditsOneObjectAtATime) {
  auto desserts =
      service->put_category(merchant.id, std::nullopt, category_edit({{"name", "Desserts"}}));
  ASSERT_TRUE(desserts) << desserts.error().detail;
  EXPECT_EQ(desserts->snapshot.menu.category(desserts->id)->position, 2);
  auto tiramisu = service->put_item(merchant.id, std::nullopt,
                                    item_edit({{"category_id", desserts->id},
                                               {"name", "Tiramisu"},
                                               {"price_minor", 650},
                                               {"allergens", boost::json::array{"eggs", "milk"}}}));
  ASSERT_TRUE(tiramisu) << tiramisu.error().detail;
  const auto pizzas = item("Margherita").category_id;
  auto moved = service->put_item(merchant.id, tiramisu->id, item_edit({{"category_id", pizzas}}));
  ASSERT_TRUE(moved);
  EXPECT_EQ(moved->snapshot.menu.item(tiramisu->id)->position, 3);  // after the three pizzas
  auto last = service->put_category(merchant.id, pizzas, category_edit({{"position", 5}}));
  ASSERT_TRUE(last);
  EXPECT_EQ(last->snapshot.menu.categories.back().name, "Pizzas");
  const auto toppings = item("Margherita").modifier_group_ids[1];
  ASSERT_TRUE(service->delete_group(merchant.id, toppings));
  auto s = service->snapshot(merchant.id);
  EXPECT_EQ((*s)->menu.item(item("Margherita").id)->modifier_group_ids.size(), 1U);
  ASSERT_TRUE(service->delete_category(merchant.id, pizzas));
  s = service->snapshot(merchant.id);
  EXPECT_EQ((*s)->menu.items.size(), 1U);  // the croissant
  EXPECT_EQ(service->delete_item(merchant.id, "no-such").error().code, ErrorCode::not_found);
  auto dangling =
      service->put_item(merchant.id, std::nullopt,
                        item_edit({{"category_id", "nope"}, {"name", "X"}, {"price_minor", 1}}));
  ASSERT_FALSE(dangling);
  EXPECT_EQ(fields_of(dangling.error()), std::vector<std::string>{"category_id"});
}

TEST_P(MenuServiceTest, KeepsTheMenuWithinItsLimits) {
  for (std::size_t i = menu.categories.size(); i < categories_max; ++i) {
    ASSERT_TRUE(service->put_category(merchant.id, std::nullopt,
                                      category_edit({{"name", "Category " + std::to_string(i)}})));
  }
  auto over =
      service->put_category(merchant.id, std::nullopt, category_edit({{"name", "One too many"}}));
  ASSERT_FALSE(over);
  EXPECT_EQ(fields_of(over.error()), std::vector<std::string>{"categories"});
  auto group = service->put_group(merchant.id, std::nullopt,
                                  group_edit({{"name", "Sauce"},
                                              {"min_selections", 0},
                                              {"max_selections", 1},
                                              {"options", boost::json::array{}}}));
  ASSERT_FALSE(group);
  EXPECT_EQ(fields_of(group.error()), std::vector<std::string>{"options"});
  auto inverted =
      service->put_group(merchant.id, std::nullopt,
                         group_edit({{"name", "Sauce"},
                                     {"min_selections", 2},
                                     {"max_selections", 1},
                                     {"options", boost::json::array{{{"name", "Mayo"}}}}}));
  ASSERT_FALSE(inverted);
  EXPECT_EQ(fields_of(inverted.error()),
            (std::vector<std::string>{"min_selections", "min_selections"}));
}

TEST_P(MenuServiceTest, StockAndSoldOutShowAtOnce) {
  const auto diavola = item("Diavola").id;
  auto none_left = service->set_stock(merchant.id, diavola, stock_edit({{"stock_count", 0}}));
  ASSERT_TRUE(none_left);
  const auto doc = item_document(*none_left->snapshot.menu.item(diavola), none_left->snapshot.menu,
                                 none_left->snapshot.merchant, clock.now_us());
  EXPECT_TRUE(doc.at("sold_out").as_bool());
  EXPECT_FALSE(doc.at("available_now").as_bool());
  auto untracked = service->set_stock(merchant.id, diavola, stock_edit({{"stock_count", nullptr}}));
  ASSERT_TRUE(untracked);
  EXPECT_FALSE(untracked->snapshot.menu.item(diavola)->stock_count);
  EXPECT_FALSE(service->set_stock(merchant.id, diavola, stock_edit({})));
  EXPECT_EQ(events().back().payload.at("items").as_array()[2].at("sold_out").as_bool(), false);
}

TEST_P(MenuServiceTest, CachesTheRenderedMenuUntilAChange) {
  auto first = rendered_menu(*service, merchant.id);
  ASSERT_TRUE(first);
  auto second = rendered_menu(*service, merchant.id);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->snapshot, first->snapshot);  // the loaded structure came from the cache
  EXPECT_EQ(service->cache().rendered(merchant.id), second->representation);
  ASSERT_TRUE(
      service->set_stock(merchant.id, item("Margherita").id, stock_edit({{"sold_out", true}})));
  EXPECT_FALSE(service->cache().rendered(merchant.id));
  auto third = rendered_menu(*service, merchant.id);
  ASSERT_TRUE(third);
  EXPECT_NE(third->representation->etag(), first->representation->etag());
  // A change on another node arrives as an event: the consumer drops the entries.
  service->invalidate(merchant.id);
  EXPECT_FALSE(service->cache().rendered(merchant.id));
  EXPECT_FALSE(service->cache().snapshot(merchant.id));
  // A suspended merchant's menu is rendered for its staff but never cached for the public.
  ASSERT_TRUE(service->set_status(merchant.id, status_suspended, "unpaid fees"));
  ASSERT_TRUE(rendered_menu(*service, merchant.id));
  EXPECT_FALSE(service->cache().rendered(merchant.id));
}

INSTANTIATE_TEST_SUITE_P(Engines, MenuServiceTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

TEST(MenuCacheTest, ExpiresByTtlAndNeverStoresALoadThatRacedAChange) {
  auto at = std::chrono::steady_clock::time_point{};
  MenuCache cache({std::chrono::minutes(5), std::chrono::minutes(1), 100}, [&at] { return at; });
  MenuSnapshot loaded;
  loaded.merchant.version = 5;
  auto snapshot = std::make_shared<const MenuSnapshot>(loaded);
  auto rendered = std::make_shared<const http::Representation>("{}", "application/json", "");
  cache.put_snapshot("m1", snapshot, cache.generation("m1"));
  cache.put_rendered("m1", rendered, cache.generation("m1"));
  EXPECT_TRUE(cache.holds_version("m1", 5));   // this node's own change, already reloaded
  EXPECT_FALSE(cache.holds_version("m1", 6));  // another node's newer change
  at += std::chrono::seconds(61);
  EXPECT_FALSE(cache.rendered("m1"));  // availability is recomputed after a minute
  EXPECT_EQ(cache.snapshot("m1"), snapshot);
  at += std::chrono::minutes(4);
  EXPECT_FALSE(cache.snapshot("m1"));
  const auto generation = cache.generation("m1");  // a load begins ...
  cache.invalidate("m1");                          // ... a change commits ...
  cache.put_snapshot("m1", snapshot, generation);  // ... the stale load is not kept
  EXPECT_FALSE(cache.snapshot("m1"));
}

}  // namespace
}  // namespace reskflow::catalog::testing
