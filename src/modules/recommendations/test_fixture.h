// Test support for the recommendations tests: the module on a fresh database of each engine with
// a manual clock and catalog's fake (two merchants in Paris, one in Lyon), and orders' delivered
// events published to the outbox and delivered by the real relay.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <string>
#include <vector>

#include "fake_catalog.h"
#include "module.h"
#include "reskflow/bus/outbox.h"
#include "reskflow/identity/events.h"
#include "reskflow/modules/payload.h"
#include "reskflow/modules/testing/module_fixture.h"
#include "reskflow/orders/events.h"
#include "reskflow/store/migrations.h"

std::span<const reskflow::store::EmbeddedFile> reskflow_migrations_recommendations();

namespace reskflow::recommendations::testing {

inline const std::string luigi = "0190a000-0000-7000-8000-000000000001";    // Paris centre
inline const std::string wok = "0190a000-0000-7000-8000-000000000002";      // Paris centre
inline const std::string bouchon = "0190a000-0000-7000-8000-000000000003";  // Lyon
inline const std::string ada = "0190b000-0000-7000-8000-000000000001";
inline const std::string bob = "0190b000-0000-7000-8000-000000000002";
inline const std::string pizza = "0190d000-0000-7000-8000-000000000001";
inline const std::string salad = "0190d000-0000-7000-8000-000000000002";
inline const std::string tiramisu = "0190d000-0000-7000-8000-000000000003";
inline const std::string soda = "0190d000-0000-7000-8000-000000000004";
inline const std::string noodles = "0190d000-0000-7000-8000-000000000005";
inline const std::string quenelle = "0190d000-0000-7000-8000-000000000006";

inline constexpr modules::geo::Point paris{48.8566, 2.3522};
inline constexpr modules::geo::Point lyon{45.7640, 4.8357};

class RecommendationsFixture : public modules::testing::ModuleFixture {
 protected:
  void SetUp() override {
    ModuleFixture::SetUp();
    if (HasFatalFailure()) return;  // no database of this engine
    const std::vector<store::MigrationSet> sets{
        bus::migrations(), {"recommendations", reskflow_migrations_recommendations()}};
    ASSERT_TRUE(store::migrate(db(), sets));
    catalog.add_merchant(catalog::testing::FakeCatalog::open_merchant(luigi, "Luigi"));
    catalog.add_merchant(catalog::testing::FakeCatalog::open_merchant(wok, "Wok"));
    auto lyon_merchant = catalog::testing::FakeCatalog::open_merchant(bouchon, "Bouchon");
    lyon_merchant.location = lyon;
    lyon_merchant.delivery_zone.center = lyon;
    catalog.add_merchant(lyon_merchant);
    catalog.add_item(luigi, {pizza, "Margherita", 1200});
    catalog.add_item(luigi, {salad, "Salad", 800});
    catalog.add_item(luigi, {tiramisu, "Tiramisu", 600});
    catalog.add_item(luigi, {soda, "Soda", 300});
    catalog.add_item(wok, {noodles, "Noodles", 1100});
    catalog.add_item(bouchon, {quenelle, "Quenelle", 1500});
    module = std::make_unique<RecommendationsModuleImpl>(platform(), Deps{catalog}, settings,
                                                         clock.clock());
    ASSERT_TRUE(module->start());
  }

  void release_modules() override { module.reset(); }

  Service& service() { return module->service(); }

  // orders.order.delivered as the orders module publishes it, one line per item.
  static std::string delivered_payload(const std::string& order_id, const std::string& customer,
                                       const std::string& merchant,
                                       const std::vector<std::string>& items, std::int64_t at_us) {
    orders::events::OrderChanged e{order_id, customer,      merchant, "delivered",
                                   7,        {2500, "EUR"}, at_us};
    for (const auto& item : items) e.items.push_back({item, "name of " + item, 1});
    return modules::payload::to_payload(e);
  }

  std::string deliver(const std::string& order_id, const std::string& customer,
                      const std::string& merchant, const std::vector<std::string>& items) {
    return publish(orders::events::order_delivered, order_id,
                   delivered_payload(order_id, customer, merchant, items, clock.now_us()));
  }

  std::string erase(const std::string& user_id) {
    return publish(identity::events::user_erased, user_id,
                   modules::payload::to_payload(identity::events::UserErased{user_id}));
  }

  static std::vector<std::string> item_ids(const std::vector<Candidate>& candidates) {
    std::vector<std::string> out;
    for (const auto& c : candidates) out.push_back(c.item_id);
    return out;
  }

  RecommendationsSettings settings;
  catalog::testing::FakeCatalog catalog;
  std::unique_ptr<RecommendationsModuleImpl> module;
};

}  // namespace reskflow::recommendations::testing
