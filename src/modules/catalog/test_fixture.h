// Test support for the catalog's service tests: a fresh database on each engine with the bus's
// and catalog's tables, an injected clock and id source, a Directory that records memberships
// in the test's own table (so they commit or roll back with the caller's transaction), and
// sample documents.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <set>
#include <string>
#include <vector>

#include "module.h"
#include "reskflow/bus/outbox.h"
#include "reskflow/store/migrations.h"
#include "service.h"
#include "test_database.h"

std::span<const reskflow::store::EmbeddedFile> reskflow_migrations_catalog();

namespace reskflow::catalog::testing {

constexpr std::int64_t second_us = 1'000'000;
constexpr std::int64_t minute_us = 60 * second_us;
constexpr std::int64_t hour_us = 60 * minute_us;
// Monday 2026-11-30 12:00 in Paris (11:00 UTC).
constexpr std::int64_t monday_noon_paris_us = 1'796'036'400 * second_us;

class FakeDirectory final : public identity::Directory {
 public:
  explicit FakeDirectory(store::Database& db) : db_(db) {}
  std::set<std::string> merchant_accounts;

  Result<std::optional<identity::MerchantLevel>> merchant_level(std::string_view merchant_id,
                                                                std::string_view user_id) override {
    return db_.read([&](store::Transaction& tx) -> Result<std::optional<identity::MerchantLevel>> {
      auto rows = tx.query("SELECT level FROM test_members WHERE merchant_id = $1 AND user_id = $2",
                           {std::string(merchant_id), std::string(user_id)});
      if (!rows) return std::unexpected(rows.error());
      if (rows->empty()) return std::optional<identity::MerchantLevel>{};
      return identity::parse_level(rows->front().text(0));
    });
  }
  Status require_merchant_staff(const http::Principal&, std::string_view,
                                identity::MerchantLevel) override {
    return {};
  }
  Status put_merchant_member(store::Transaction& tx, std::string_view merchant_id,
                             std::string_view user_id, identity::MerchantLevel level) override {
    if (!merchant_accounts.contains(std::string(user_id)))
      return fail(ErrorCode::not_found, "no such user");
    auto done = tx.exec(
        "INSERT INTO test_members (merchant_id, user_id, level) VALUES ($1, $2, $3)",
        {std::string(merchant_id), std::string(user_id), std::string(identity::level_name(level))});
    if (!done) return std::unexpected(done.error());
    return {};
  }
  Result<std::vector<identity::MerchantMember>> merchants_of(std::string_view) override {
    return std::vector<identity::MerchantMember>{};
  }
  Result<bool> age_verified(std::string_view) override { return false; }
  Status append_audit(store::Transaction&, const http::Request&,
                      const identity::AuditRecord&) override {
    return {};
  }

 private:
  store::Database& db_;
};

struct Event {
  std::string type;
  std::string subject;
  boost::json::object payload;
};

class CatalogTest : public store::testing::EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    const std::vector<store::MigrationSet> sets{bus::migrations(),
                                                {"catalog", reskflow_migrations_catalog()}};
    ASSERT_TRUE(store::migrate(db(), sets));
    ASSERT_TRUE(db().write([](store::Transaction& tx) {
      return tx.exec_script(
          "CREATE TABLE test_members (merchant_id TEXT, user_id TEXT, level TEXT)");
    }));
    directory = std::make_unique<FakeDirectory>(db());
    directory->merchant_accounts = {"owner-1", "owner-2"};
    service = std::make_unique<Service>(db(), *directory, CatalogSettings{}, metrics, clock(),
                                        [this] { return "id-" + std::to_string(++next_id); });
  }
  modules::Clock clock() {
    return [this] { return now; };
  }

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

  std::int64_t now = monday_noon_paris_us;
  int next_id = 0;
  metrics::Registry registry;
  CatalogMetrics metrics{registry};
  std::unique_ptr<FakeDirectory> directory;
  std::unique_ptr<Service> service;
};

}  // namespace reskflow::catalog::testing
