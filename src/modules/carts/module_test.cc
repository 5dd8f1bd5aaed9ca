// The carts module as the platform sees it, on both engines: settings refusals, every route
// declaring who may call it, the erasure consumer (deduplicated), the idle sweep in bounded
// batches, and the "cart.<id>" WebSocket topics (members only, a message on every change).

#include "reskflow/identity/events.h"
#include "reskflow/modules/testing/module_fixture.h"

#include "test_fixture.h"

namespace reskflow::carts::testing {
namespace {

TEST(CartsSettingsTest, ReadsBoundedValuesAndRefusesUnknownKeys) {
  auto defaults = load_settings({});
  ASSERT_TRUE(defaults);
  EXPECT_EQ(defaults->idle_abandon_s, std::chrono::hours(24 * 30));
  auto set = load_settings(
      {{"RESKFLOW_CARTS_IDLE_ABANDON_S", "3600"}, {"RESKFLOW_CARTS_SWEEP_BATCH_CARTS_MAX", "10"}});
  ASSERT_TRUE(set);
  EXPECT_EQ(set->idle_abandon_s.count(), 3600);
  EXPECT_EQ(set->sweep_batch_carts_max, 10);
  EXPECT_FALSE(load_settings({{"RESKFLOW_CARTS_IDLE_ABANDON_DAYS", "3"}}));
  EXPECT_FALSE(load_settings({{"RESKFLOW_CARTS_SWEEP_INTERVAL_S", "0"}}));
}

using modules::testing::RecordingPeer;

class CartsModuleTest : public modules::testing::ModuleFixture {
 protected:
  void SetUp() override {
    ModuleFixture::SetUp();
    if (HasFatalFailure()) return;
    set_up_pizzeria(catalog);
    const std::vector<store::MigrationSet> sets{bus::migrations(), migrations()};
    ASSERT_TRUE(store::migrate(db(), sets));
    settings.sweep_batch_carts_max = 2;
    module = std::make_unique<CartsModuleImpl>(platform(), catalog, directory, authenticator,
                                               settings, clock.clock());
    ASSERT_TRUE(module->add_routes(router));
    ASSERT_TRUE(module->start());
  }
  void release_modules() override {
    if (module) module->stop();
    module.reset();
  }
  http::Request upgrade_by(const std::string& user) {
    http::Request r;
    r.path = "/v1/ws";
    r.headers.emplace_back("Authorization", "Bearer customer:" + user);
    return r;
  }

  http::Router router;
  FakeCatalog catalog;
  FakeDirectory directory;
  CartsSettings settings;
  std::unique_ptr<CartsModuleImpl> module;
  const Caller ada{"user-ada", false};
  const Caller bob{"user-bob", false};
};

TEST_P(CartsModuleTest, EveryRouteDeclaresWhoMayCallIt) {
  const auto routes = router.routes();
  EXPECT_EQ(routes.size(), 15U);
  for (const auto* route : routes) {
    ASSERT_TRUE(route->access) << route->pattern;
    EXPECT_FALSE(route->access->anonymous) << route->pattern;
    EXPECT_FALSE(route->access->ownership.empty()) << route->pattern;
    const auto& roles = route->access->roles;
    ASSERT_FALSE(roles.empty()) << route->pattern;
    EXPECT_EQ(roles.front(), "customer") << route->pattern;
    const bool admin_reads =
        route->method == http::Method::get && route->pattern == "/v1/carts/{cart_id}";
    EXPECT_EQ(roles.size(), admin_reads ? 2U : 1U) << route->pattern;
  }
}

TEST_P(CartsModuleTest, ErasureEventsApplyOnceAndAnnounceTheChange) {
  auto& service = module->service();
  const auto cart = must(service.open_cart(ada, "luigi")).cart;
  auto peer = std::make_shared<RecordingPeer>();
  hub().attach(peer);
  ASSERT_TRUE(hub().subscribe(peer, upgrade_by(ada.user_id), "cart." + cart.id));
  const bus::Envelope erased{"0190a000-0000-7000-8000-0000000000ee",
                             std::string(identity::events::user_erased),
                             ada.user_id,
                             R"({"user_id":")" + ada.user_id + R"("})",
                             0,
                             1,
                             0};
  ASSERT_TRUE(module->on_user_erased(erased));
  EXPECT_EQ(service.get(Caller{{}, true}, cart.id).error().code, ErrorCode::not_found);
  // Redelivered: already applied, so a cart made since survives.
  const auto newer = must(service.open_cart(ada, "luigi")).cart;
  ASSERT_TRUE(module->on_user_erased(erased));
  EXPECT_TRUE(service.get(ada, newer.id));
  const auto messages = peer->messages();
  ASSERT_EQ(messages.size(), 1U);
  EXPECT_NE(messages[0].find(R"("status":"deleted")"), std::string::npos) << messages[0];
  hub().detach(peer.get());
}

TEST_P(CartsModuleTest, OnlyMembersSubscribeAndHearEveryChange) {
  auto& service = module->service();
  const auto cart = must(service.open_cart(ada, "luigi")).cart;
  EXPECT_TRUE(module->authorize_topic(upgrade_by(ada.user_id), "cart." + cart.id));
  EXPECT_EQ(module->authorize_topic(upgrade_by(bob.user_id), "cart." + cart.id).error().code,
            ErrorCode::not_found);
  EXPECT_EQ(module->authorize_topic(http::Request{}, "cart." + cart.id).error().code,
            ErrorCode::unauthenticated);
  auto peer = std::make_shared<RecordingPeer>();
  hub().attach(peer);
  ASSERT_TRUE(hub().subscribe(peer, upgrade_by(ada.user_id), "cart." + cart.id));
  must(service.add_line(ada, cart.id, {"soda", 1, {}, {}}, std::nullopt));
  must(service.set_locked(ada, cart.id, true, std::nullopt));
  const auto messages = peer->messages();
  ASSERT_EQ(messages.size(), 2U);
  EXPECT_NE(messages[0].find(R"("version":2)"), std::string::npos) << messages[0];
  EXPECT_NE(messages[1].find(R"("status":"locked")"), std::string::npos) << messages[1];
  hub().detach(peer.get());
}

TEST_P(CartsModuleTest, SweepAbandonsEveryIdleCartInBoundedBatches) {
  auto& service = module->service();
  for (int i = 0; i < 5; ++i) must(service.open_cart(ada, "m" + std::to_string(i)));
  EXPECT_EQ(must(module->sweep_idle()), 0);
  clock.advance(std::chrono::microseconds(31 * day_us));
  EXPECT_EQ(must(module->sweep_idle()), 5);
  EXPECT_TRUE(must(service.list(ada, "", 10)).carts.empty());
}

INSTANTIATE_TEST_SUITE_P(Engines, CartsModuleTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

}  // namespace
}  // namespace reskflow::carts::testing
