// Test support for the reviews tests: catalog's fake with a few merchants and items, and a
// fixture that runs the module on a fresh database of each engine with an injected clock and
// delivers events through the real outbox and relay.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <map>
#include <set>

#include "fake_catalog.h"
#include "module.h"
#include "reskflow/bus/outbox.h"
#include "reskflow/deliveries/events.h"
#include "reskflow/modules/payload.h"
#include "reskflow/modules/testing/module_fixture.h"
#include "reskflow/modules/utc_time.h"
#include "reskflow/reviews/events.h"
#include "reskflow/store/migrations.h"

std::span<const reskflow::store::EmbeddedFile> reskflow_migrations_reviews();

namespace reskflow::reviews::testing {

inline constexpr std::int64_t day_us = 86'400'000'000;
inline const std::string luigi = "0190a000-0000-7000-8000-000000000001";
inline const std::string wok = "0190a000-0000-7000-8000-000000000002";
inline const std::string suspended = "0190a000-0000-7000-8000-000000000003";
inline const std::string margherita = "0190a000-0000-7000-8000-0000000000a1";
inline const std::string diavola = "0190a000-0000-7000-8000-0000000000a2";
inline const std::string ada = "0190b000-0000-7000-8000-000000000001";
inline const std::string bob = "0190b000-0000-7000-8000-000000000002";
inline const std::string rider = "0190c000-0000-7000-8000-000000000001";

// Three merchants (one suspended); Luigi's menu has two pizzas.
inline void set_up_merchants(catalog::testing::FakeCatalog& catalog) {
  using catalog::testing::FakeCatalog;
  catalog.add_merchant(FakeCatalog::open_merchant(luigi, "Luigi's Pizzeria"));
  catalog.add_merchant(FakeCatalog::open_merchant(wok, "Wok This Way"));
  auto closed = FakeCatalog::open_merchant(suspended, "Closed For Now");
  closed.active = false;
  catalog.add_merchant(std::move(closed));
  catalog.add_item(luigi, {margherita, "Pizza", 950, {}});
  catalog.add_item(luigi, {diavola, "Pizza", 950, {}});
}

class ReviewsFixture : public modules::testing::ModuleFixture {
 protected:
  void SetUp() override {
    ModuleFixture::SetUp();
    if (HasFatalFailure()) return;  // no database of this engine
    set_up_merchants(catalog);
    const std::vector<store::MigrationSet> sets{bus::migrations(),
                                                {"reviews", reskflow_migrations_reviews()}};
    ASSERT_TRUE(store::migrate(db(), sets));
    module =
        std::make_unique<ReviewsModuleImpl>(platform(), catalog, ReviewsSettings{}, clock.clock());
    ASSERT_TRUE(module->start());
  }

  void release_modules() override { module.reset(); }

  Service& service() { return module->service(); }

  // Publishes orders.order.delivered as the orders module will, and lets the relay deliver it.
  std::string deliver(const std::string& order_id, const std::string& customer_id,
                      const std::string& merchant_id, std::int64_t delivered_at_us) {
    const boost::json::object payload{{"order_id", order_id},
                                      {"customer_id", customer_id},
                                      {"merchant_id", merchant_id},
                                      {"delivered_at", modules::iso_utc(delivered_at_us)}};
    last_payload = boost::json::serialize(payload);
    return publish_and_relay(std::string(event_order_delivered), order_id, payload);
  }

  // Publishes deliveries.delivery.delivered as the deliveries module does: a platform courier
  // brought the order.
  void courier_delivered(const std::string& order_id, const std::string& delivery_id,
                         const std::string& driver_id, std::int64_t at_us) {
    deliveries::events::DeliveryChanged e;
    e.delivery_id = delivery_id;
    e.order_id = order_id;
    e.customer_id = ada;
    e.merchant_id = luigi;
    e.driver_id = driver_id;
    e.status = "delivered";
    e.at_us = at_us;
    e.on_time = true;
    e.predicted_at_us = at_us;
    publish(std::string(deliveries::events::delivery_delivered), delivery_id,
            modules::payload::to_payload(e));
  }

  // reviews.courier.rated payloads in publication order.
  std::vector<events::CourierRated> courier_events() {
    auto rows = db().read([](store::Transaction& tx) {
      return tx.query("SELECT payload FROM outbox WHERE type = $1 ORDER BY id",
                      {std::string(events::courier_rated)});
    });
    std::vector<events::CourierRated> out;
    if (!rows) return out;
    for (const auto r : *rows)
      out.push_back(
          modules::payload::from_payload<events::CourierRated>(events::courier_rated, r.text(0))
              .value());
    return out;
  }

  std::string publish_and_relay(const std::string& type, const std::string& subject,
                                const boost::json::object& payload) {
    return publish(type, subject, boost::json::serialize(payload));
  }

  // reviews.rating.updated payloads in publication order.
  std::vector<boost::json::object> rating_events() {
    auto rows = db().read([](store::Transaction& tx) {
      return tx.query("SELECT subject, payload FROM outbox WHERE type = $1 ORDER BY id",
                      {std::string(events::rating_updated)});
    });
    std::vector<boost::json::object> out;
    if (!rows) return out;
    for (const auto r : *rows) {
      auto payload = boost::json::parse(r.text(1)).as_object();
      EXPECT_EQ(r.text(0), std::string(payload.at("merchant_id").as_string()));
      out.push_back(std::move(payload));
    }
    return out;
  }

  NewReview review(std::string order_id, std::int64_t rating) {
    NewReview r;
    r.order_id = std::move(order_id);
    r.rating = rating;
    return r;
  }

  const std::int64_t now = clock.now_us();  // the tests' time stands still
  std::string last_payload;                 // of the last deliver()
  catalog::testing::FakeCatalog catalog;
  std::unique_ptr<ReviewsModuleImpl> module;
};

}  // namespace reskflow::reviews::testing
