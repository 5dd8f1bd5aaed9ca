// The carts service on a migrated scratch database (both engines) with catalog's fake and the
// directory's double, an injected clock, and helpers that read what was published.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <memory>
#include <string>
#include <vector>

#include "invite.h"
#include "module.h"
#include "pizzeria.h"
#include "reskflow/bus/outbox.h"
#include "reskflow/carts/events.h"
#include "reskflow/modules/testing/module_fixture.h"
#include "reskflow/store/migrations.h"
#include "service.h"

namespace reskflow::carts::testing {

inline constexpr std::int64_t day_us = 86'400'000'000;

using modules::testing::must;

inline std::string fields_of(const Error& e) {
  std::string out;
  for (const auto& f : e.fields) out += f.field + ": " + f.message + "; ";
  return out;
}

class CartsServiceTest : public modules::testing::ModuleFixture {
 protected:
  void SetUp() override {
    ModuleFixture::SetUp();
    if (HasFatalFailure()) return;
    clock.set(1'780'000'000'000'000);
    set_up_pizzeria(catalog);
    const std::vector<store::MigrationSet> sets{bus::migrations(), migrations()};
    auto migrated = store::migrate(db(), sets);
    ASSERT_TRUE(migrated) << migrated.error().detail;
    service = std::make_unique<Service>(db(), catalog, directory, metrics, clock.clock(),
                                        invite_key("test secret"));
  }
  void release_modules() override { service.reset(); }

  PricedCart open(const Caller& caller, const std::string& merchant = "luigi") {
    return must(service->open_cart(caller, merchant)).cart;
  }
  Result<PricedCart> add(const Caller& caller, const std::string& cart, const std::string& item,
                         std::int64_t quantity, std::vector<std::string> options = {},
                         std::string note = {}) {
    return service->add_line(caller, cart, {item, quantity, std::move(options), std::move(note)},
                             std::nullopt);
  }
  // carts.cart.updated payloads about the cart, oldest first.
  std::vector<boost::json::object> events(const std::string& cart_id) {
    auto rows = must(db().read([&](store::Transaction& tx) {
      return tx.query("SELECT payload FROM outbox WHERE type = $1 AND subject = $2 ORDER BY id",
                      {std::string(events::cart_updated), cart_id});
    }));
    std::vector<boost::json::object> out;
    for (const auto r : rows) out.push_back(boost::json::parse(r.text(0)).as_object());
    return out;
  }

  FakeCatalog catalog;
  FakeDirectory directory;
  CartsMetrics metrics{registry()};
  std::unique_ptr<Service> service;
  const Caller ada{"0190a000-0000-7000-8000-00000000000a", false};
  const Caller bob{"0190a000-0000-7000-8000-00000000000b", false};
  const Caller eve{"0190a000-0000-7000-8000-00000000000e", false};
};

}  // namespace reskflow::carts::testing
