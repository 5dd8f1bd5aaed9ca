// catalog's event payloads: what a publisher writes reads back the same, the merchant payload is
// the merchant document without open_now, and a malformed payload is refused.
#include "reskflow/catalog/events.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "input.h"
#include "render.h"
#include "reskflow/core/json_text.h"
#include "reskflow/modules/payload.h"

namespace reskflow::catalog {
namespace {

using modules::payload::from_payload;
using modules::payload::to_payload;

Merchant sample_merchant() {
  const auto body = boost::json::parse(R"({
    "name": "Luigi's Pizzeria", "description": "Wood-fired pizza since 1982.",
    "address": {"line1": "12 rue de Rivoli", "city": "Paris", "postal_code": "75004",
                "country": "FR"},
    "location": {"lat": 48.8559, "lng": 2.3589}, "time_zone": "Europe/Paris",
    "currency": "EUR", "cuisines": ["pizza", "italian"], "price_level": 2,
    "minimum_order_minor": 1000, "delivery_zone": {"type": "radius", "radius_m": 3000},
    "opening_hours": {"weekly": [{"day": "mon", "open": "11:00", "close": "14:30"}]}})");
  auto input = read_new_merchant(body.as_object(), nullptr, false);
  EXPECT_TRUE(input) << (input ? "" : input.error().detail);
  Merchant m;
  m.id = "0190a000-0000-7000-8000-000000000001";
  m.slug = "luigis-pizzeria";
  m.profile = input.value_or(NewMerchant{}).profile;
  m.paused_until_us = 1'795'857'000'000'000;
  m.pause_reason = "oven repair";
  m.version = 7;
  m.created_at_us = 1'795'000'000'000'000;
  m.updated_at_us = 1'795'850'000'000'000;
  return m;
}

TEST(CatalogEventsTest, MerchantPayloadIsTheMerchantDocumentAndReadsBack) {
  const auto m = sample_merchant();
  const auto text = to_payload(merchant_event(m));
  EXPECT_EQ(text, json::serialize(merchant_document(m, std::nullopt)));
  const auto read = from_payload<events::MerchantUpdated>(events::merchant_updated, text);
  ASSERT_TRUE(read) << read.error().detail;
  EXPECT_EQ(read->name, "Luigi's Pizzeria");
  EXPECT_EQ(read->version, 7);
  EXPECT_EQ(read->paused_until_us, m.paused_until_us);
  EXPECT_EQ(read->minimum_order, (modules::Money{1000, "EUR"}));
  EXPECT_EQ(to_payload(*read), text);
}

TEST(CatalogEventsTest, TombstoneCarriesOnlyIdStatusAndVersion) {
  events::MerchantUpdated gone;
  gone.id = "m1";
  gone.status = "deleted";
  gone.version = 9;
  const auto text = to_payload(gone);
  EXPECT_EQ(text, R"({"id":"m1","status":"deleted","version":9})");
  const auto read = from_payload<events::MerchantUpdated>(events::merchant_updated, text);
  ASSERT_TRUE(read);
  EXPECT_TRUE(read->deleted());
}

TEST(CatalogEventsTest, MenuPayloadReadsBack) {
  const events::MenuUpdated menu{
      "m1",
      4,
      {{"i1",
        "Margherita",
        "Tomato.",
        "Pizzas",
        {1150, "EUR"},
        {"vegetarian"},
        {"gluten"},
        false,
        "/demo/photos/pizza.svg"},
       {"i2", "Birra", std::nullopt, "Drinks", {500, "EUR"}, {}, {}, true, std::nullopt}}};
  const auto text = to_payload(menu);
  const auto read = from_payload<events::MenuUpdated>(events::menu_updated, text);
  ASSERT_TRUE(read) << read.error().detail;
  ASSERT_EQ(read->items.size(), 2U);
  EXPECT_EQ(read->items[1].sold_out, true);
  EXPECT_EQ(read->items[1].photo_url, std::nullopt);
  EXPECT_EQ(to_payload(*read), text);
}

TEST(CatalogEventsTest, RefusesMalformedPayloads) {
  for (const auto* bad : {"not json", "[]", R"({"id":"m1","status":"active","version":1})",
                          R"({"merchant_id":"m1","version":"4","items":[]})"}) {
    EXPECT_FALSE(from_payload<events::MerchantUpdated>(events::merchant_updated, bad)) << bad;
  }
  const auto no_items =
      from_payload<events::MenuUpdated>(events::menu_updated, R"({"merchant_id":"m","version":1})");
  ASSERT_FALSE(no_items);
  EXPECT_EQ(no_items.error().code, ErrorCode::validation_failed);
  EXPECT_NE(no_items.error().detail.find("catalog.menu.updated payload"), std::string::npos);
}

}  // namespace
}  // namespace reskflow::catalog
