// The orders test fixture (test_fixture.h).
#include "test_fixture.h"

#include <utility>

namespace reskflow::orders::testing {

void OrdersTest::SetUp() {
  ModuleFixture::SetUp();
  if (HasFatalFailure()) return;
  set_up_menu();
  carts_module = must(carts::make_module(platform(), {catalog, directory, authenticator}));
  ASSERT_TRUE(carts_module->add_routes(carts_router));
  const std::vector<store::MigrationSet> sets{
      bus::migrations(), {"carts", carts_module->migrations()}, migrations()};
  auto migrated = store::migrate(db(), sets);
  ASSERT_TRUE(migrated) << migrated.error().detail;
  settings.pricing.bands = {{2000, 199}, {5000, 299}};
  metrics = std::make_unique<OrdersMetrics>(registry());
  build_service();
  directory.add_user(cook, identity::role_merchant);
  ASSERT_TRUE(directory.add_member("luigi", cook, identity::MerchantLevel::staff));
}

void OrdersTest::build_service() {
  service =
      std::make_unique<Service>(db(), carts_module->carts(), catalog, payments, promotions,
                                subscriptions, settings, *metrics, [this] {
                                  if (auto meanwhile = std::exchange(at_next_clock_read, nullptr))
                                    meanwhile();
                                  return now.load();
                                });
}

void OrdersTest::release_modules() {
  service.reset();
  carts_module.reset();
}

void OrdersTest::set_up_menu() {
  catalog.add_group({"size", "Size", 1, 1, {{"small", "Small", 0}, {"large", "Large", 300}}});
  auto luigi = FakeCatalog::open_merchant("luigi", "Luigi's", {1500, "EUR"});
  luigi.prep_time_minutes = 15;
  luigi.delivery_mode = catalog::DeliveryMode::merchant;  // its own couriers, unless a test says
  catalog.add_merchant(luigi);
  catalog.add_item("luigi", {"pizza", "Margherita", 1000, {"size"}});
  catalog.add_item("luigi", {"soda", "Soda", 250, {}});
  catalog.set_stock("luigi", "soda", 5);
}

boost::json::object OrdersTest::call_carts(http::Method method, const std::string& path,
                                           const boost::json::object& body,
                                           const std::string& user) {
  auto match = carts_router.match(method, path);
  if (match.route == nullptr) throw std::runtime_error("no carts route " + path);
  http::Request request;
  request.method = method;
  request.path = path;
  request.target = path;
  request.params = match.params;
  request.body = json::serialize(body);
  request.headers.push_back({"Content-Type", "application/json"});
  request.principal = http::Principal{user, std::string(identity::role_customer), {}, {}};
  auto response = match.route->handler(request);
  if (response.status >= 300) throw std::runtime_error(path + ": " + response.body);
  return boost::json::parse(response.body).as_object();
}

std::string OrdersTest::filled_cart(const std::string& user) {
  const auto cart = call_carts(http::Method::post, "/v1/carts", {{"merchant_id", "luigi"}}, user);
  const auto id = std::string(cart.at("id").as_string());
  const auto lines = "/v1/carts/" + id + "/lines";
  call_carts(http::Method::post, lines,
             {{"item_id", "pizza"}, {"quantity", 2}, {"option_ids", boost::json::array{"large"}}},
             user);
  call_carts(http::Method::post, lines, {{"item_id", "soda"}, {"quantity", 1}}, user);
  return id;
}

std::string OrdersTest::group_cart() {
  const auto cart =
      call_carts(http::Method::post, "/v1/carts", {{"merchant_id", "luigi"}}, ada.user_id);
  const auto id = std::string(cart.at("id").as_string());
  call_carts(http::Method::post, "/v1/carts/" + id + "/lines",
             {{"item_id", "pizza"}, {"quantity", 2}, {"option_ids", boost::json::array{"large"}}},
             ada.user_id);
  const auto invite = call_carts(http::Method::post, "/v1/carts/" + id + "/group",
                                 {{"display_name", "Ada"}}, ada.user_id);
  const auto token = std::string(invite.at("invite_token").as_string());
  call_carts(http::Method::post, "/v1/group-invites/" + token + "/join", {{"display_name", "Bob"}},
             bob.user_id);
  call_carts(http::Method::post, "/v1/carts/" + id + "/lines",
             {{"item_id", "soda"}, {"quantity", 1}}, bob.user_id);
  call_carts(http::Method::post, "/v1/carts/" + id + "/lock", {}, ada.user_id);
  return id;
}

CheckoutRequest OrdersTest::checkout(const std::string& cart_id) {
  CheckoutRequest r;
  r.cart_id = cart_id;
  r.delivery = {"12 rue de Rivoli, Paris", home, "Code 1234", true};
  r.tip_minor = 200;
  r.payment_method = card;
  return r;
}

Order OrdersTest::place(const std::string& user) {
  return must(service->place({user, false}, checkout(filled_cart(user))));
}

std::vector<std::string> OrdersTest::event_types(const std::string& order_id) {
  auto rows = must(db().read([&](store::Transaction& tx) {
    return tx.query("SELECT type FROM outbox WHERE subject = $1 ORDER BY id", {order_id});
  }));
  std::vector<std::string> out;
  for (const auto r : rows) out.push_back(r.text(0));
  return out;
}

boost::json::object OrdersTest::last_event(const std::string& order_id) {
  auto rows = must(db().read([&](store::Transaction& tx) {
    return tx.query("SELECT payload FROM outbox WHERE subject = $1 ORDER BY id DESC LIMIT 1",
                    {order_id});
  }));
  return boost::json::parse(rows[0].text(0)).as_object();
}

}  // namespace reskflow::orders::testing
