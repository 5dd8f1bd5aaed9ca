// The orders service on a migrated scratch database (both engines) with the real carts module
// (driven through its HTTP routes), catalog's and payments' fakes, an injected clock, and
// helpers that read what was published.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <atomic>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "fake_catalog.h"
#include "fake_directory.h"
#include "fake_payments.h"
#include "fake_promotions.h"
#include "fake_subscriptions.h"
#include "module.h"
#include "reskflow/bus/outbox.h"
#include "reskflow/carts/carts.h"
#include "reskflow/core/json_text.h"
#include "reskflow/modules/testing/module_fixture.h"
#include "reskflow/store/migrations.h"
#include "service.h"

namespace reskflow::orders::testing {

using catalog::testing::FakeCatalog;
using payments::testing::FakePayments;
using promotions::testing::FakePromotions;

inline constexpr std::int64_t minute_us = 60'000'000;

using modules::testing::must;

class OrdersTest : public modules::testing::ModuleFixture {
 protected:
  void SetUp() override;
  void release_modules() override;

  // Luigi's (EUR, minimum 15.00, prep 15 min) sells a pizza at 10.00 with a Large size at
  // +3.00, and a soda at 2.50 with 5 in stock.
  void set_up_menu();
  // (Re)builds the service over `settings`, for a test that changed them.
  void build_service();
  // Carts' HTTP API as the customer calls it: the response body.
  boost::json::object call_carts(http::Method method, const std::string& path,
                                 const boost::json::object& body, const std::string& user);
  // An open cart of `user` at Luigi's with 2 large pizzas and a soda.
  std::string filled_cart(const std::string& user);
  // Ada's locked group cart: her two large pizzas (26.00), Bob's soda (2.50).
  std::string group_cart();
  CheckoutRequest checkout(const std::string& cart_id);
  Order place(const std::string& user);
  // orders.order.* types about the order, oldest first.
  std::vector<std::string> event_types(const std::string& order_id);
  boost::json::object last_event(const std::string& order_id);

  std::atomic<std::int64_t> now{1'780'000'000'000'000};  // moved by the tests in steps of minutes
  // Run once at the service's next read of the clock (then cleared): something another caller
  // does between the service's read of a row and its write.
  std::function<void()> at_next_clock_read;
  FakeCatalog catalog;
  FakePayments payments;
  FakePromotions promotions;
  subscriptions::testing::FakeSubscriptions subscriptions;
  identity::testing::FakeDirectory directory;
  std::unique_ptr<carts::CartsModule> carts_module;
  http::Router carts_router;
  OrdersSettings settings;
  std::unique_ptr<OrdersMetrics> metrics;
  std::unique_ptr<Service> service;
  const Caller ada{"0190a000-0000-7000-8000-00000000000a", false};
  const Caller bob{"0190a000-0000-7000-8000-00000000000b", false};
  const std::string cook = "0190a000-0000-7000-8000-0000000000c0";
  const std::string card = "4242424242424242";
  const modules::geo::Point home{48.8606, 2.3376};  // about 1.3 km from Luigi's
};

}  // namespace reskflow::orders::testing
