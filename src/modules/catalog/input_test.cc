// Validation of catalog documents without storage: every bad field of a merchant named at
// once, brands refusing their kitchen's fields, the pause bounds, menu ids and labels, local
// times, photo URLs, slugs and folding.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <algorithm>

#include "input.h"
#include "text.h"

namespace reskflow::catalog {
namespace {

std::vector<std::string> fields_of(const Error& e) {
  std::vector<std::string> out;
  for (const auto& f : e.fields) out.push_back(f.field);
  std::sort(out.begin(), out.end());
  return out;
}

boost::json::object valid_merchant() {
  return boost::json::parse(R"({"name": "Luigi's", "time_zone": "Europe/Paris",
    "currency": "EUR", "cuisines": ["pizza"], "price_level": 2,
    "address": {"line1": "12 rue de Rivoli", "city": "Paris", "postal_code": "75004",
                "country": "FR"},
    "location": {"lat": 48.8559, "lng": 2.3589},
    "delivery_zone": {"type": "radius", "radius_m": 3000},
    "opening_hours": {"weekly": [{"day": "mon", "open": "11:00", "close": "22:00"}]}})")
      .as_object();
}

TEST(MerchantInputTest, AcceptsAValidDocumentWithDefaults) {
  auto m = read_new_merchant(valid_merchant(), nullptr, false);
  ASSERT_TRUE(m) << m.error().detail;
  EXPECT_EQ(m->profile.prep_time_minutes, 15);
  EXPECT_EQ(m->profile.minimum_order_minor, 0);
  EXPECT_FALSE(m->profile.description);
  EXPECT_DOUBLE_EQ(m->profile.delivery_zone.center.lat, 48.8559);
}

TEST(MerchantInputTest, NamesEveryBadFieldAtOnce) {
  auto doc = valid_merchant();
  doc["name"] = std::string(121, 'x');
  doc["currency"] = "EURO";
  doc["time_zone"] = "Mars/Olympus";
  doc["cuisines"] = boost::json::array{"pizza", "italian", "thai", "indian", "greek", "french"};
  doc["price_level"] = 0;
  doc["prep_time_minutes"] = 181;
  doc["minimum_order_minor"] = -1;
  doc["location"] = {{"lat", 91}, {"lng", 2}};
  doc["address"].as_object()["country"] = "fr";
  doc["photo_url"] = "javascript:alert(1)";
  doc["phone"] = "call me";
  doc["colour"] = "red";
  auto refused = read_new_merchant(doc, nullptr, false);
  ASSERT_FALSE(refused);
  EXPECT_EQ(
      fields_of(refused.error()),
      (std::vector<std::string>{"address.country", "colour", "cuisines", "currency", "location.lat",
                                "minimum_order_minor", "name", "phone", "photo_url",
                                "prep_time_minutes", "price_level", "time_zone"}));
}

TEST(MerchantInputTest, AdminsMustNameTheOwner) {
  auto refused = read_new_merchant(valid_merchant(), nullptr, true);
  ASSERT_FALSE(refused);
  EXPECT_EQ(fields_of(refused.error()), std::vector<std::string>{"owner_user_id"});
  auto doc = valid_merchant();
  doc["owner_user_id"] = "0190f0e4-5c1d-7a3b-9f00-1c2d3e4f5a6b";
  EXPECT_EQ(*read_new_merchant(doc, nullptr, true)->owner_user_id,
            doc["owner_user_id"].as_string());
}

TEST(MerchantInputTest, BrandsTakeTheKitchensSiteAndMayNotSendIt) {
  const auto kitchen = read_new_merchant(valid_merchant(), nullptr, false)->profile;
  auto doc = valid_merchant();
  auto refused = read_new_merchant(doc, &kitchen, false);
  ASSERT_FALSE(refused);
  EXPECT_EQ(fields_of(refused.error()),
            (std::vector<std::string>{"address", "currency", "location", "time_zone"}));
  for (const auto* key : {"address", "location", "time_zone", "currency"}) doc.erase(key);
  auto brand = read_new_merchant(doc, &kitchen, false);
  ASSERT_TRUE(brand) << brand.error().detail;
  EXPECT_EQ(brand->profile.time_zone, "Europe/Paris");
  EXPECT_DOUBLE_EQ(brand->profile.delivery_zone.center.lng, 2.3589);
}

TEST(MerchantInputTest, ReadsABrandDocumentWithoutASite) {
  auto doc = valid_merchant();
  EXPECT_FALSE(read_brand_document(doc));  // a brand sends no address, location, ...
  for (const auto* key : {"address", "location", "time_zone", "currency"}) doc.erase(key);
  auto brand = read_brand_document(doc);
  ASSERT_TRUE(brand) << brand.error().detail;
  EXPECT_EQ(brand->name, "Luigi's");
  EXPECT_TRUE(brand->time_zone.empty());  // the kitchen's, when the brand is created
  EXPECT_DOUBLE_EQ(brand->delivery_zone.radius_m, 3000);
}

TEST(MerchantInputTest, PausesForOneMinuteToOneDay) {
  EXPECT_TRUE(read_pause({{"minutes", 1}}));
  EXPECT_TRUE(read_pause({{"minutes", 1440}, {"reason", "busy"}}));
  EXPECT_FALSE(read_pause({{"minutes", 0}}));
  EXPECT_FALSE(read_pause({{"minutes", 1441}}));
  EXPECT_FALSE(read_pause({{"reason", "busy"}}));
}

TEST(MenuInputTest, KeepsKnownIdsAndTurnsOthersIntoLabels) {
  Menu current;
  current.categories.push_back({"cat-1", "Old", std::nullopt, 0, {}});
  int next = 0;
  const IdSource ids = [&next] { return "new-" + std::to_string(++next); };
  auto menu = read_menu(boost::json::parse(R"({
      "modifier_groups": [{"id": "size", "name": "Size", "min_selections": 1,
                           "max_selections": 1, "options": [{"name": "M"}]}],
      "categories": [{"id": "cat-1", "name": "Kept", "items": [
        {"id": "someone-elses", "name": "A", "price_minor": 100,
         "modifier_group_ids": ["size"]}]}]})")
                            .as_object(),
                        current, ids);
  ASSERT_TRUE(menu) << menu.error().detail;
  EXPECT_EQ(menu->categories[0].id, "cat-1");
  EXPECT_TRUE(menu->items[0].id.starts_with("new-"));
  EXPECT_EQ(menu->items[0].modifier_group_ids, std::vector<std::string>{menu->groups[0].id});
  EXPECT_TRUE(menu->groups[0].id.starts_with("new-"));
  auto twice = read_menu(boost::json::parse(R"({"modifier_groups": [
      {"id": "g", "name": "A", "min_selections": 0, "max_selections": 1,
       "options": [{"name": "x"}]},
      {"id": "g", "name": "B", "min_selections": 0, "max_selections": 1,
       "options": [{"name": "y"}]}],
      "categories": []})")
                             .as_object(),
                         current, ids);
  ASSERT_FALSE(twice);
  EXPECT_EQ(fields_of(twice.error()), std::vector<std::string>{"modifier_groups[1].id"});
}

TEST(MenuInputTest, ADraftGetsNewIdsEachTimeWithItsReferencesFollowing) {
  const auto draft = read_menu_document(boost::json::parse(R"({
      "modifier_groups": [{"id": "size", "name": "Size", "min_selections": 1,
                           "max_selections": 1, "options": [{"name": "M"}, {"name": "L"}]}],
      "categories": [{"name": "Pizza", "items": [
        {"name": "A", "price_minor": 100, "modifier_group_ids": ["size"]},
        {"name": "B", "price_minor": 200}]}]})")
                                            .as_object());
  ASSERT_TRUE(draft) << draft.error().detail;
  EXPECT_FALSE(read_menu_document({{"categories", 3}}));
  int next = 0;
  const IdSource ids = [&next] { return "id-" + std::to_string(++next); };
  const auto first = with_new_ids(draft->menu(), ids);
  const auto second = with_new_ids(draft->menu(), ids);
  ASSERT_EQ(first.items.size(), 2U);
  EXPECT_EQ(first.items[0].name, "A");
  EXPECT_EQ(first.items[0].category_id, first.categories[0].id);
  EXPECT_EQ(first.items[0].modifier_group_ids, std::vector<std::string>{first.groups[0].id});
  EXPECT_TRUE(first.items[1].modifier_group_ids.empty());
  EXPECT_NE(first.groups[0].options[0].id, first.groups[0].options[1].id);
  // Every object of the second copy has an id of its own.
  EXPECT_NE(second.items[0].id, first.items[0].id);
  EXPECT_NE(second.categories[0].id, first.categories[0].id);
  EXPECT_EQ(second.items[0].category_id, second.categories[0].id);
  EXPECT_EQ(next, 12);  // a category, a group, 2 options and 2 items, twice
}

TEST(MenuInputTest, SaysInPlainWordsWhenAGroupAsksForMoreThanItAllows) {
  int next = 0;
  const IdSource ids = [&next] { return "id-" + std::to_string(++next); };
  auto crossed = read_menu(boost::json::parse(R"({"categories": [], "modifier_groups": [
      {"name": "Toppings", "min_selections": 5, "max_selections": 4,
       "options": [{"name": "a"}, {"name": "b"}, {"name": "c"}, {"name": "d"}, {"name": "e"}]}]})")
                               .as_object(),
                           Menu{}, ids);
  ASSERT_FALSE(crossed);
  ASSERT_EQ(crossed.error().fields.size(), 1u);
  EXPECT_EQ(crossed.error().fields[0].field, "modifier_groups[0].min_selections");
  EXPECT_EQ(crossed.error().fields[0].message,
            "Customers cannot choose at least 5 when they may choose at most 4: lower the first "
            "number or raise the second.");
  auto few = read_menu(boost::json::parse(R"({"categories": [], "modifier_groups": [
      {"name": "Sauce", "min_selections": 3, "max_selections": 3,
       "options": [{"name": "a"}, {"name": "b"}]}]})")
                           .as_object(),
                       Menu{}, ids);
  ASSERT_FALSE(few);
  EXPECT_EQ(few.error().fields.at(0).message,
            "Customers cannot choose at least 3 of 2 options: add options or lower the number.");
}

TEST(MenuInputTest, ReadsWindowsAndLocalTimes) {
  EXPECT_EQ(parse_local_time("07:30", false), 450);
  EXPECT_EQ(parse_local_time("24:00", true), 1440);
  EXPECT_FALSE(parse_local_time("24:00", false));
  EXPECT_FALSE(parse_local_time("7:30", false));
  EXPECT_FALSE(parse_local_time("12:60", false));
  EXPECT_EQ(local_time_text(450), "07:30");
  auto category = read_category(boost::json::parse(R"({"name": "Late", "availability": [
          {"days": ["fri", "sat"], "start": "22:00", "end": "02:00"},
          {"days": ["sun", "sun"], "start": "10:00", "end": "11:00"},
          {"days": [], "start": "10:00", "end": "11:00"}]})")
                                    .as_object(),
                                std::nullopt, Menu{}, [] { return std::string("c"); });
  ASSERT_FALSE(category);
  EXPECT_EQ(fields_of(category.error()),
            (std::vector<std::string>{"availability[1].days", "availability[2].days"}));
}

TEST(TextTest, MakesSlugsAndFoldsAccents) {
  EXPECT_EQ(slug_of("Luigi's Pizzeria"), "luigis-pizzeria");
  EXPECT_EQ(slug_of("Crêperie Ça Va !"), "creperie-ca-va");
  EXPECT_EQ(slug_of("Straße 42"), "strasse-42");
  EXPECT_EQ(slug_of("東京"), "merchant");
  EXPECT_EQ(slug_of(std::string(200, 'a')).size(), slug_chars_max);
  EXPECT_EQ(fold("ÉLISE"), "elise");
}

TEST(TextTest, AcceptsRelativePathsAndHttpsPhotoUrlsOnly) {
  EXPECT_TRUE(valid_photo_url("/demo/photos/pizza.svg"));
  EXPECT_TRUE(valid_photo_url("https://cdn.example.com/p.jpg"));
  EXPECT_FALSE(valid_photo_url("//evil.example.com/p.jpg"));
  EXPECT_FALSE(valid_photo_url("http://cdn.example.com/p.jpg"));
  EXPECT_FALSE(valid_photo_url("/a b.jpg"));
  EXPECT_FALSE(valid_photo_url("javascript:alert(1)"));
}

}  // namespace
}  // namespace reskflow::catalog
