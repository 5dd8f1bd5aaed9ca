// Merchant rules on both engines with an injected clock: unique and stable slugs, the owner's
// membership in the creating transaction, open_now through hours, pause and suspension,
// virtual brands following their kitchen, and the per-merchant version in every event.
#include "render.h"
#include "test_fixture.h"

namespace reskflow::catalog::testing {
namespace {

class MerchantServiceTest : public CatalogTest {};

TEST_P(MerchantServiceTest, GivesUniqueSlugsThatStayWhenTheNameChanges) {
  const auto first = created("Luigi's Pizzeria");
  const auto second = created("Luigi’s  Pizzeria!");  // a different apostrophe, same words
  const auto third = created("LUIGIS PIZZERIA");
  EXPECT_EQ(first.slug, "luigis-pizzeria");
  EXPECT_EQ(second.slug, "luigi-s-pizzeria");
  EXPECT_EQ(third.slug, "luigis-pizzeria-2");
  auto renamed = service->update_merchant(first.id, merchant_patch({{"name", "Chez Luigi"}}));
  ASSERT_TRUE(renamed) << renamed.error().detail;
  EXPECT_EQ(renamed->profile.name, "Chez Luigi");
  EXPECT_EQ(renamed->slug, "luigis-pizzeria");
  auto by_slug = service->merchant_by_slug("luigis-pizzeria");
  ASSERT_TRUE(by_slug && *by_slug);
  EXPECT_EQ((*by_slug)->id, first.id);
}

TEST_P(MerchantServiceTest, MakesTheCreatorOwnerInTheSameTransaction) {
  const auto m = created("Sushi Ko", "owner-2");
  auto level = directory->merchant_level(m.id, "owner-2");
  ASSERT_TRUE(level && *level);
  EXPECT_EQ(**level, identity::MerchantLevel::owner);
  // An owner the directory refuses: neither the merchant nor an event is left behind.
  auto input = read_new_merchant(kitchen_document("Ghost"), nullptr, false);
  ASSERT_TRUE(input);
  auto refused = service->create_merchant("nobody", input->profile);
  ASSERT_FALSE(refused);
  EXPECT_EQ(fields_of(refused.error()), std::vector<std::string>{"owner_user_id"});
  EXPECT_FALSE(service->merchant_by_slug("ghost").value());
  EXPECT_EQ(events().size(), 1U);
}

TEST_P(MerchantServiceTest, OpenNowFollowsHoursPauseAndSuspension) {
  const auto m = created();
  EXPECT_TRUE(open_now(*service->merchant(m.id), clock.now_us()));  // Monday 12:00 in Paris
  clock.advance(std::chrono::microseconds(3 * hour_us));            // 15:00: closed since 14:30
  EXPECT_FALSE(open_now(*service->merchant(m.id), clock.now_us()));
  clock.set(monday_noon_paris_us);
  auto paused = service->pause(m.id, {20, "busy"});
  ASSERT_TRUE(paused);
  EXPECT_EQ(*paused->paused_until_us, clock.now_us() + 20 * minute_us);
  EXPECT_FALSE(open_now(*paused, clock.now_us()));
  const auto doc = merchant_document(*paused, clock.now_us());
  EXPECT_EQ(doc.at("paused_until").as_string(), "2026-11-30T11:20:00Z");
  EXPECT_EQ(doc.at("pause_reason").as_string(), "busy");
  clock.advance(std::chrono::microseconds(
      21 * minute_us));  // paused_until in the past: open again without a resume
  EXPECT_TRUE(open_now(*service->merchant(m.id), clock.now_us()));
  ASSERT_TRUE(service->pause(m.id, {30, std::nullopt}));
  auto resumed = service->resume(m.id);
  ASSERT_TRUE(resumed);
  EXPECT_FALSE(resumed->paused_until_us);
  EXPECT_TRUE(open_now(*resumed, clock.now_us()));
  auto suspended = service->set_status(m.id, status_suspended, "unpaid fees");
  ASSERT_TRUE(suspended);
  EXPECT_FALSE(open_now(*suspended, clock.now_us()));
  EXPECT_TRUE(open_now(*service->set_status(m.id, status_active, {}), clock.now_us()));
}

TEST_P(MerchantServiceTest, ASuspensionWhoseAuditRowFailsDoesNotHappen) {
  const auto m = created();
  int recorded = 0;
  auto refused =
      service->set_status(m.id, status_suspended, "unpaid fees",
                          [&](store::Transaction&, const Merchant&, const AuditNote&) -> Status {
                            ++recorded;
                            return fail(ErrorCode::unavailable, "the audit log is unavailable");
                          });
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::unavailable);
  ASSERT_GE(recorded, 1);
  const int attempts = recorded;
  EXPECT_EQ(service->merchant(m.id)->status, status_active);
  auto again =
      service->set_status(m.id, status_active, {},
                          [&](store::Transaction&, const Merchant&, const AuditNote&) -> Status {
                            ++recorded;
                            return {};
                          });
  ASSERT_TRUE(again);
  EXPECT_EQ(recorded, attempts);  // nothing changed: nothing to audit
}

TEST_P(MerchantServiceTest, OvernightHoursCountOnTheNextDay) {
  const auto m = created();
  // Friday 18:00-02:00: open on Saturday at 01:00 Paris time (00:00 UTC).
  const std::int64_t saturday_1am_paris_us = monday_noon_paris_us - (2 * 24 + 11) * hour_us;
  EXPECT_EQ(merchant_document(m, saturday_1am_paris_us).at("open_now").as_bool(), true);
  EXPECT_EQ(merchant_document(m, saturday_1am_paris_us + 90 * minute_us).at("open_now").as_bool(),
            false);
}

TEST_P(MerchantServiceTest, BrandsShareAndFollowTheirKitchensSite) {
  const auto kitchen = created();
  auto brand_body = kitchen_document("Burger Lab");
  for (const auto* key : {"address", "location", "time_zone", "currency"}) brand_body.erase(key);
  brand_body["cuisines"] = boost::json::array{"burgers"};
  const auto brand_profile = read_brand_document(brand_body);
  ASSERT_TRUE(brand_profile) << brand_profile.error().detail;
  auto brand = service->create_brand(kitchen.id, *brand_profile);
  ASSERT_TRUE(brand) << brand.error().detail;
  EXPECT_EQ(*brand->kitchen_id, kitchen.id);
  EXPECT_EQ(brand->profile.address.line1, "12 rue de Rivoli");
  EXPECT_EQ(brand->profile.currency, kitchen.profile.currency);
  EXPECT_DOUBLE_EQ(brand->profile.delivery_zone.center.lng, kitchen.profile.location.lng);
  EXPECT_EQ(brand->staff_merchant_id(), kitchen.id);
  // The kitchen moves: the brand moves in the same transaction, with its own event.
  const auto before = events().size();
  auto moved = service->update_merchant(
      kitchen.id, merchant_patch(boost::json::parse(R"({"location": {"lat": 48.87, "lng": 2.35},
        "address": {"line1": "1 rue Lafayette", "city": "Paris", "postal_code": "75009",
                    "country": "FR"}})")
                                     .as_object()));
  ASSERT_TRUE(moved) << moved.error().detail;
  auto followed = service->merchant(brand->id);
  ASSERT_TRUE(followed);
  EXPECT_EQ(followed->profile.address.line1, "1 rue Lafayette");
  EXPECT_DOUBLE_EQ(followed->profile.location.lat, 48.87);
  EXPECT_DOUBLE_EQ(followed->profile.delivery_zone.center.lat, 48.87);
  EXPECT_EQ(followed->version, brand->version + 1);
  const auto after = events();
  ASSERT_EQ(after.size(), before + 2);
  EXPECT_EQ(after[before + 1].subject, brand->id);
  EXPECT_EQ(after[before + 1].payload.at("address").at("line1").as_string(), "1 rue Lafayette");
  // A brand's site is its kitchen's; brands do not host brands.
  auto refused =
      service->update_merchant(brand->id, merchant_patch({{"time_zone", "Europe/Berlin"}}));
  ASSERT_FALSE(refused);
  EXPECT_EQ(fields_of(refused.error()), std::vector<std::string>{"time_zone"});
  EXPECT_EQ(service->create_brand(brand->id, *brand_profile).error().code, ErrorCode::conflict);
  auto listed = service->active_brands(kitchen.id);
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 1U);
  ASSERT_TRUE(service->set_status(brand->id, status_suspended, "unpaid fees"));
  EXPECT_TRUE(service->active_brands(kitchen.id)->empty());
}

TEST_P(MerchantServiceTest, EveryChangeTakesTheNextVersionAndPublishesIt) {
  const auto m = created();
  ASSERT_TRUE(service->update_merchant(m.id, merchant_patch({{"price_level", 3}})));
  ASSERT_TRUE(service->pause(m.id, {10, std::nullopt}));
  ASSERT_TRUE(
      service->replace_menu(m.id, menu_replacement({{"categories", boost::json::array{}}})));
  ASSERT_TRUE(service->set_status(m.id, status_suspended, "unpaid fees"));
  ASSERT_TRUE(service->set_status(m.id, status_suspended, "unpaid fees"));  // no change: no event
  const auto all = events();
  ASSERT_EQ(all.size(), 5U);
  const std::vector<std::string> types{"catalog.merchant.updated", "catalog.merchant.updated",
                                       "catalog.merchant.updated", "catalog.menu.updated",
                                       "catalog.merchant.updated"};
  for (std::size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i].type, types[i]);
    EXPECT_EQ(all[i].subject, m.id);
    EXPECT_EQ(all[i].payload.at("version").as_int64(), static_cast<std::int64_t>(i + 1));
  }
  EXPECT_FALSE(all[0].payload.contains("open_now"));
  EXPECT_EQ(all[1].payload.at("price_level").as_int64(), 3);
  EXPECT_EQ(all[4].payload.at("status").as_string(), "suspended");
}

TEST_P(MerchantServiceTest, PatchValidatesAndClearsOptionalFields) {
  const auto m = created();
  auto bad = service->update_merchant(
      m.id,
      merchant_patch(boost::json::parse(R"({"price_level": 5, "cuisines": ["pizza", "martian"],
        "delivery_zone": {"type": "radius", "radius_m": 10}, "photo_url": "ftp://x/y.png",
        "nickname": "x"})")
                         .as_object()));
  ASSERT_FALSE(bad);
  auto fields = fields_of(bad.error());
  std::sort(fields.begin(), fields.end());
  EXPECT_EQ(fields, (std::vector<std::string>{"cuisines", "delivery_zone.radius_m", "nickname",
                                              "photo_url", "price_level"}));
  auto cleared = service->update_merchant(
      m.id, merchant_patch({{"description", nullptr}, {"phone", nullptr}}));
  ASSERT_TRUE(cleared);
  EXPECT_FALSE(cleared->profile.description);
  EXPECT_FALSE(cleared->profile.phone);
  EXPECT_EQ(cleared->profile.price_level, 2);
}

TEST_P(MerchantServiceTest, SearchesByFoldedNameAndStatusInPages) {
  for (const auto* name : {"Crêperie Élise", "Creperie du Port", "Sushi Ko"}) created(name);
  auto found = service->search({"creperie", "", "", 10});
  ASSERT_TRUE(found);
  EXPECT_EQ(found->size(), 2U);
  auto page = service->search({"", "", "", 2});
  ASSERT_TRUE(page);
  ASSERT_EQ(page->size(), 2U);
  auto rest = service->search({"", "", page->back().id, 2});
  ASSERT_TRUE(rest);
  ASSERT_EQ(rest->size(), 1U);
  EXPECT_EQ(rest->front().profile.name, "Sushi Ko");
  ASSERT_TRUE(service->set_status(rest->front().id, status_suspended, "unpaid fees"));
  EXPECT_EQ(service->search({"", "suspended", "", 10})->size(), 1U);
  EXPECT_EQ(service->search({"50%", "", "", 10})->size(), 0U);  // LIKE wildcards are literal
}

INSTANTIATE_TEST_SUITE_P(Engines, MerchantServiceTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

}  // namespace
}  // namespace reskflow::catalog::testing
