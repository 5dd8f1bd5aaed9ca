// The shared set-up of module tests: the platform, the relay, and the served routes.
#include "reskflow/modules/testing/module_fixture.h"

#include <array>
#include <chrono>

#include "reskflow/bus/outbox.h"
#include "reskflow/modules/lease.h"

namespace reskflow::modules::testing {

using reskflow::testing::HttpClient;
using reskflow::testing::HttpResult;

ModuleFixture::ModuleFixture() : node_(std::make_unique<Node>()) {}

void ModuleFixture::SetUp() {
  EngineTest::SetUp();
  if (HasFatalFailure()) return;  // no database of this engine
  const std::array sets{lease_migrations()};
  auto migrated = store::migrate(db(), sets);
  ASSERT_TRUE(migrated) << migrated.error().detail;
}

void ModuleFixture::TearDown() {
  served_.reset();
  relay_.reset();
  release_modules();
  EngineTest::TearDown();
}

void ModuleFixture::restart_platform() {
  served_.reset();
  router_.reset();
  relay_.reset();
  node_ = std::make_unique<Node>();
}

std::string ModuleFixture::publish(std::string_view type, const std::string& subject,
                                   std::string payload) {
  auto id = db().write([&](store::Transaction& tx) {
    return bus::publish(tx, {std::string(type), subject, std::move(payload)});
  });
  EXPECT_TRUE(id) << id.error().detail;
  relay_all();
  return id.value_or("");
}

void ModuleFixture::relay_all() {
  if (!relay_) relay_ = std::make_unique<bus::Relay>(db(), node_->events);
  // drain, not one pass: on PostgreSQL another test's open transaction holds new events back
  // until it ends (the relay's outbox gap rule), and one pass would deliver nothing.
  auto pass = relay_->drain(std::chrono::steady_clock::now() + std::chrono::seconds(30));
  EXPECT_TRUE(pass) << pass.error().detail;
}

void ModuleFixture::serve(std::initializer_list<Module*> modules) {
  router_ = std::make_unique<http::Router>();
  for (auto* module : modules) {
    auto added = module->add_routes(*router_);
    ASSERT_TRUE(added) << module->name() << ": " << added.error().detail;
  }
  auto started = ServedRoutes::start(*router_, node_->hub, node_->registry);
  ASSERT_TRUE(started) << started.error().detail;
  served_ = std::move(*started);
}

HttpResult ModuleFixture::request(std::string_view method, std::string_view path, std::string body,
                                  Headers headers) const {
  HttpClient client(port());
  return client.request(method, path, std::move(body), std::move(headers));
}

HttpResult ModuleFixture::call(std::string_view method, std::string_view path,
                               const std::string& who, std::string body) const {
  Headers headers;
  if (!who.empty()) headers.emplace_back("Authorization", "Bearer " + who);
  if (!body.empty()) headers.emplace_back("Content-Type", "application/json");
  return request(method, path, std::move(body), std::move(headers));
}

HttpResult ModuleFixture::call_json(std::string_view method, std::string_view path,
                                    const std::string& who, const boost::json::object& body) const {
  return call(method, path, who, boost::json::serialize(body));
}

boost::json::object ModuleFixture::body_of(const HttpResult& result) {
  return boost::json::parse(result.body).as_object();
}

std::set<std::string> ModuleFixture::error_fields(const HttpResult& result) {
  std::set<std::string> fields;
  const auto body = body_of(result);  // alive for the whole loop
  if (const auto* errors = body.if_contains("errors")) {
    for (const auto& e : errors->as_array()) fields.emplace(e.at("field").as_string());
  }
  return fields;
}

}  // namespace reskflow::modules::testing
