// Test support for the catalog's service tests: ModuleFixture's fresh database on each engine with
// the bus's and catalog's tables and its manual clock (at Monday noon in Paris), an id source,
// identity's shared FakeDirectory (two merchant accounts that may own merchants), and sample
// documents.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <set>
#include <string>
#include <vector>

#include "fake_directory.h"
#include "module.h"
#include "reskflow/bus/outbox.h"
#include "reskflow/modules/testing/module_fixture.h"
#include "reskflow/store/migrations.h"
#include "service.h"

std::span<const reskflow::store::EmbeddedFile> reskflow_migrations_catalog();

namespace reskflow::catalog::testing {

constexpr std::int64_t second_us = 1'000'000;
constexpr std::int64_t minute_us = 60 * second_us;
constexpr std::int64_t hour_us = 60 * minute_us;
// Monday 2026-11-30 12:00 in Paris (11:00 UTC).
constexpr std::int64_t monday_noon_paris_us = 1'796'036'400 * second_us;

using identity::testing::FakeDirectory;

struct Event {
  std::string type;
  std::string subject;
  boost::json::object payload;
};

class CatalogTest : public modules::testing::ModuleFixture {
 protected:
  void SetUp() override {
    ModuleFixture::SetUp();
    if (HasFatalFailure()) return;  // no database of this engine
    clock.set(monday_noon_paris_us);
    const std::vector<store::MigrationSet> sets{bus::migrations(),
                                                {"catalog", reskflow_migrations_catalog()}};
    ASSERT_TRUE(store::migrate(db(), sets));
    directory = std::make_unique<FakeDirectory>();
    directory->add_user("owner-1", identity::role_merchant);
    directory->add_user("owner-2", identity::role_merchant);
    service = std::make_unique<Service>(db(), *directory, CatalogSettings{}, metrics, clock.clock(),
                                        [this] { return "id-" + std::to_string(++next_id); });
  }
  void release_modules() override { service.reset(); }

  static boost::json::object kitchen_document(const std::string& name = "Luigi's Pizzeria") {
    auto doc = boost::json::parse(R"({
      "description": "Wood-fired pizza since 1982.", "phone": "+33 1 23 45 67 89",
      "address": {"line1": "12 rue de Rivoli", "city": "Paris", "postal_code": "75004",
                  "country": "FR"},
      "location": {"lat": 48.8559, "lng": 2.3589},
      "time_zone": "Europe/Paris", "currency": "EUR", "cuisines": ["pizza", "italian"],
      "price_level": 2, "photo_url": "/demo/photos/pizza.svg", "prep_time_minutes": 15,
      "minimum_order_minor": 1000, "delivery_zone": {"type": "radius", "radius_m": 3000},
      "opening_hours": {"weekly": [{"day": "mon", "open": "11:00", "close": "14:30"},
                                   {"day": "fri", "open": "18:00", "close": "02:00"}]}})")
                   .as_object();
    doc["name"] = name;
    return doc;
  }

  Merchant created(const std::string& name = "Luigi's Pizzeria",
                   const std::string& owner = "owner-1") {
    auto input = read_new_merchant(kitchen_document(name), nullptr, false);
    EXPECT_TRUE(input) << (input ? "" : input.error().detail);
    auto m = service->create_merchant(owner, input->profile);
    EXPECT_TRUE(m) << (m ? "" : m.error().detail);
    return m.value_or(Merchant{});
  }

  // Breakfast (weekday mornings) and Pizzas with a required Size and optional Toppings (max 2).
  static boost::json::object menu_document_sample() {
    return boost::json::parse(R"({
      "modifier_groups": [
        {"id": "size", "name": "Size", "min_selections": 1, "max_selections": 1,
         "options": [{"name": "Medium", "price_delta_minor": 0},
                     {"name": "Large", "price_delta_minor": 300}]},
        {"id": "toppings", "name": "Toppings", "min_selections": 0, "max_selections": 2,
         "options": [{"name": "Olives", "price_delta_minor": 100},
                     {"name": "Basil", "price_delta_minor": 50},
                     {"name": "Truffle", "price_delta_minor": 900, "sold_out": true}]}],
      "categories": [
        {"name": "Breakfast",
         "availability": [{"days": ["mon", "tue", "wed", "thu", "fri"], "start": "07:00",
                           "end": "11:00"}],
         "items": [{"name": "Croissant", "price_minor": 250, "dietary": ["vegetarian"],
                    "allergens": ["gluten", "milk"]}]},
        {"name": "Pizzas",
         "items": [{"name": "Margherita", "description": "Tomato, mozzarella, basil.",
                    "price_minor": 1150, "photo_urls": ["/demo/photos/pizza.svg"],
                    "dietary": ["vegetarian"], "allergens": ["gluten", "milk"],
                    "modifier_group_ids": ["size", "toppings"]},
                   {"name": "Diavola", "price_minor": 1350, "dietary": ["spicy"],
                    "stock_count": 3, "modifier_group_ids": ["size"]},
                   {"name": "Birra", "price_minor": 500, "age_restricted": true,
                    "sold_out": true}]}]})")
        .as_object();
  }

  std::vector<Event> events() {
    std::vector<Event> out;
    auto rows = db().read([](store::Transaction& tx) {
      return tx.query("SELECT type, subject, payload FROM outbox ORDER BY id");
    });
    EXPECT_TRUE(rows);
    for (const auto r : *rows) {
      out.push_back({r.text(0), r.text(1), boost::json::parse(r.text(2)).as_object()});
    }
    return out;
  }

  static std::vector<std::string> fields_of(const Error& e) {
    std::vector<std::string> out;
    for (const auto& f : e.fields) out.push_back(f.field);
    return out;
  }

  int next_id = 0;
  CatalogMetrics metrics{registry()};
  std::unique_ptr<FakeDirectory> directory;
  std::unique_ptr<Service> service;
};

}  // namespace reskflow::catalog::testing
