// Test support for the chat tests: the module on a fresh database of each engine, with orders'
// and identity's fakes and an injected clock; deliveries' events published as deliveries would,
// and shorthands for the people of the tests.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <memory>
#include <string>
#include <vector>

#include "fake_directory.h"
#include "fake_orders.h"
#include "module.h"
#include "reskflow/bus/outbox.h"
#include "reskflow/deliveries/events.h"
#include "reskflow/modules/payload.h"
#include "reskflow/modules/testing/module_fixture.h"
#include "reskflow/store/migrations.h"

std::span<const reskflow::store::EmbeddedFile> reskflow_migrations_chat();

namespace reskflow::chat::testing {

using modules::testing::must;
using modules::testing::RecordingPeer;

inline const std::string delivery_1 = "0190d000-0000-7000-8000-000000000001";
inline const std::string order_1 = "0190c000-0000-7000-8000-000000000001";
inline const std::string order_2 = "0190c000-0000-7000-8000-000000000002";
inline const std::string luigi = "0190a000-0000-7000-8000-000000000001";  // merchant
inline const std::string ada = "0190b000-0000-7000-8000-000000000001";    // customer
inline const std::string bob = "0190b000-0000-7000-8000-000000000002";    // customer
inline const std::string dave = "0190b000-0000-7000-8000-000000000003";   // courier
inline const std::string erin = "0190b000-0000-7000-8000-000000000004";   // courier
inline const std::string mia = "0190b000-0000-7000-8000-000000000005";    // Luigi's staff
inline const std::string root = "0190b000-0000-7000-8000-000000000006";   // admin
inline const std::string sam = "0190b000-0000-7000-8000-000000000007";    // admin

class ChatFixture : public modules::testing::ModuleFixture {
 protected:
  void SetUp() override {
    ModuleFixture::SetUp();
    if (HasFatalFailure()) return;  // no database of this engine
    const std::vector<store::MigrationSet> sets{bus::migrations(),
                                                {"chat", reskflow_migrations_chat()}};
    ASSERT_TRUE(store::migrate(db(), sets));
    directory.add_user(mia, identity::role_merchant);
    ASSERT_TRUE(directory.add_member(luigi, mia, identity::MerchantLevel::staff));
    for (const auto& id : {order_1, order_2}) {
      orders::DeliveryOrder o;
      o.order_id = id;
      o.customer_id = ada;
      o.merchant_id = luigi;
      o.status = "accepted";
      fake_orders.add(o);
    }
    build(settings);
  }

  void build(const ChatSettings& with) {
    module = std::make_unique<ChatModuleImpl>(
        platform(), Deps{fake_orders, directory, authenticator}, with, clock.clock());
    ASSERT_TRUE(module->start());
  }

  // The module again with other settings, on a fresh bus and hub (as after a restart).
  void rebuild(const ChatSettings& with) {
    module.reset();
    restart_platform();
    build(with);
  }

  void release_modules() override { module.reset(); }

  Service& service() { return module->service(); }

  // deliveries.delivery.<status> for delivery_1 (order_1, Ada), carried by `driver`.
  void delivery_is(std::string_view status, const std::string& driver) {
    deliveries::events::DeliveryChanged e;
    e.delivery_id = delivery_1;
    e.order_id = order_1;
    e.customer_id = ada;
    e.merchant_id = luigi;
    e.driver_id = driver;
    e.status = std::string(status);
    e.at_us = clock.now_us();
    publish(deliveries::events::event_type_of(status), delivery_1, modules::payload::to_payload(e));
  }

  // The delivery conversation of delivery_1 as `user` (a participant) sees it.
  Conversation delivery_conversation(const std::string& role, const std::string& user) {
    auto page = must(service().conversations(as(role, user), order_1, {}));
    for (auto& c : page.conversations)
      if (c.kind == kind_delivery) return c;
    ADD_FAILURE() << "no delivery conversation for " << user;
    return {};
  }

  static http::Principal as(const std::string& role, const std::string& user) {
    return {user, role, {}, "s-1"};
  }

  // The payloads of `type` in publication order.
  std::vector<std::string> outbox_payloads(std::string_view type) {
    auto rows = db().read([&](store::Transaction& tx) {
      return tx.query("SELECT payload FROM outbox WHERE type = $1 ORDER BY id",
                      {std::string(type)});
    });
    std::vector<std::string> out;
    if (rows)
      for (const auto r : *rows) out.push_back(r.text(0));
    return out;
  }

  ChatSettings settings;
  orders::testing::FakeOrders fake_orders;
  identity::testing::FakeDirectory directory;
  std::unique_ptr<ChatModuleImpl> module;
};

}  // namespace reskflow::chat::testing
