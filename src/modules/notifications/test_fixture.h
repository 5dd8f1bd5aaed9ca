// Test support for the notifications tests: the service on a fresh database of each engine with
// a manual clock, the mail file sink in a temporary folder, SMS through the Twilio adapter to a
// local HTTP server that speaks Twilio's Messages API, and Web Push to any loopback endpoint.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <fstream>
#include <map>
#include <mutex>

#include "curl_easy.h"
#include "fake_directory.h"
#include "module.h"
#include "reskflow/bus/outbox.h"
#include "reskflow/modules/payload.h"
#include "reskflow/modules/routes.h"
#include "reskflow/modules/testing/module_fixture.h"
#include "reskflow/modules/testing/served_routes.h"
#include "reskflow/orders/events.h"
#include "reskflow/store/migrations.h"
#include "reskflow/store/uuid.h"
#include "reskflow/testing/paths.h"

std::span<const reskflow::store::EmbeddedFile> reskflow_migrations_notifications();

namespace reskflow::notifications::testing {

inline const std::string account_sid = "AC00000000000000000000000000000001";
inline const std::string auth_token = "twilio-test-auth-token";
inline const std::string ada = "0190b000-0000-7000-8000-000000000001";
inline const std::string bob = "0190b000-0000-7000-8000-000000000002";

// Twilio's Messages API as far as the adapter uses it: basic auth with the account SID and auth
// token, a form-encoded POST, 201 with the message's sid; 21211 for an invalid number; 503
// while `down`.
class FakeTwilio {
 public:
  http::Response handle(const http::Request& r) {
    std::lock_guard lock(mutex_);
    const auto expected = "Basic " + curl::base64(account_sid + ":" + auth_token);
    if (r.header("Authorization").value_or("") != expected)
      return error(401, 20003, "Authenticate");
    if (r.param("sid").value_or("") != account_sid) return error(404, 20404, "Not found");
    if (down) return error(503, 20500, "Service unavailable");
    std::vector<std::pair<std::string, std::string>> pairs;
    http::parse_query(r.body, pairs);
    std::map<std::string, std::string> form(pairs.begin(), pairs.end());
    if (form["To"] == "+15005550001")
      return error(400, 21211, "The 'To' number +15005550001 is not a valid phone number.");
    received.push_back(form);
    const auto sid = "SM" + std::to_string(received.size());
    return http::json(201, {{"sid", sid}, {"status", "queued"}, {"to", form["To"]}});
  }

  std::vector<std::map<std::string, std::string>> messages() {
    std::lock_guard lock(mutex_);
    return received;
  }

  void set_down(bool is_down) {
    std::lock_guard lock(mutex_);
    down = is_down;
  }

 private:
  static http::Response error(int status, int code, std::string_view message) {
    return http::json(status, {{"code", code}, {"message", message}, {"status", status}});
  }

  std::mutex mutex_;
  std::vector<std::map<std::string, std::string>> received;  // guarded by mutex_
  bool down = false;                                         // guarded by mutex_
};

class NotificationsFixture : public modules::testing::ModuleFixture {
 protected:
  void SetUp() override {
    ModuleFixture::SetUp();
    if (HasFatalFailure()) return;  // no database of this engine
    const std::vector<store::MigrationSet> sets{
        bus::migrations(), {"notifications", reskflow_migrations_notifications()}};
    ASSERT_TRUE(store::migrate(db(), sets));
    ASSERT_TRUE(twilio_router.add(modules::worker_route(
        "twilio", http::Method::post, "/2010-04-01/Accounts/{sid}/Messages.json",
        http::Access::anyone(), [this](http::Request& r) { return twilio.handle(r); })));
    auto served = modules::testing::ServedRoutes::start(twilio_router, hub(), registry());
    ASSERT_TRUE(served) << served.error().detail;
    twilio_served = std::move(*served);
    settings.twilio_base_url = "http://127.0.0.1:" + std::to_string(twilio_served->port());
    settings.twilio_account_sid = account_sid;
    settings.twilio_auth_token = auth_token;
    settings.twilio_from = "+15005550006";
    settings.twilio_status_callback_url = "https://reskflow.example/v1/notifications/sms/status";
    settings.send_attempts_max = 3;
    settings.retry_backoff_initial_ms = 1'000;
    settings.retry_backoff_max_ms = 60'000;
    settings.vapid_subject = "mailto:ops@reskflow.example";
    settings.data_key = std::string(32, 'k');
    settings.push_allow_loopback_http = true;
    directory.add_user(ada, "customer");
    directory.set_contact(ada, {"ada@example.com", "+15005550100", "Ada"});
    module = std::make_unique<NotificationsModuleImpl>(platform(), Deps{directory, authenticator},
                                                       settings, senders(), clock.clock());
  }

  Senders senders() {
    Senders out;
    out.email = std::make_unique<FileMailSender>(mail_file());
    out.sms =
        make_twilio_sender({settings.twilio_base_url, settings.twilio_account_sid,
                            settings.twilio_auth_token, settings.twilio_from,
                            settings.twilio_status_callback_url, std::chrono::milliseconds(5'000)});
    // The push service checks the VAPID token's expiry against its own clock: the real one.
    out.push = make_push_sender({settings.vapid_subject, std::chrono::seconds(settings.push_ttl_s),
                                 std::chrono::milliseconds(5'000), modules::system_clock(),
                                 settings.push_allow_loopback_http});
    return out;
  }

  void release_modules() override {
    module.reset();
    twilio_served.reset();
  }

  Service& service() { return module->service(); }
  std::string mail_file() const { return (dir.path() / "mail.log").string(); }

  // The mails written so far, oldest first.
  std::vector<boost::json::object> mails() const {
    std::vector<boost::json::object> out;
    std::ifstream in(mail_file());
    for (std::string line; std::getline(in, line);)
      out.push_back(boost::json::parse(line).as_object());
    return out;
  }

  // An orders.order.<status> event for `customer`, handled as the relay would hand it over.
  bus::Envelope order_event(std::string_view status, const std::string& order_id,
                            const std::string& customer = ada) {
    const orders::events::OrderChanged e{
        order_id, customer, "merchant-1", std::string(status), 3, {2550, "EUR"}, clock.now_us()};
    return {store::new_uuid_v7(),
            std::string(orders::events::event_type_of(status)),
            order_id,
            modules::payload::to_payload(e),
            clock.now_us(),
            0,
            0};
  }

  std::vector<InboxItem> handle(const bus::Envelope& event) {
    auto added = service().on_event(event);
    EXPECT_TRUE(added) << added.error().detail;
    return added.value_or(std::vector<InboxItem>{});
  }

  DispatchReport dispatch() {
    auto report = service().dispatch();
    EXPECT_TRUE(report) << report.error().detail;
    return report.value_or(DispatchReport{});
  }

  std::int64_t count(const std::string& sql, store::Params params = {}) {
    auto rows = db().read([&](store::Transaction& tx) { return tx.query(sql, params); });
    return rows ? rows->front().int64(0) : -1;
  }

  reskflow::testing::TempDir dir;
  identity::testing::FakeDirectory directory;
  NotificationsSettings settings;
  FakeTwilio twilio;
  http::Router twilio_router;
  std::unique_ptr<modules::testing::ServedRoutes> twilio_served;
  std::unique_ptr<NotificationsModuleImpl> module;
};

}  // namespace reskflow::notifications::testing
