// The notifications routes over a real server on both engines, behind the stand-in guard: the
// preference centre, the inbox, push subscriptions, the admins' dead letters and Twilio's signed
// status callback.
#include "test_fixture.h"
#include "web_push.h"

namespace reskflow::notifications::testing {
namespace {

using reskflow::testing::HttpResult;

class RoutesTest : public NotificationsFixture {
 protected:
  void SetUp() override {
    NotificationsFixture::SetUp();
    if (HasFatalFailure()) return;
    serve({module.get()});
  }

  const std::string as_ada = "customer:" + ada;
};

TEST_P(RoutesTest, APreferenceIsStoredAndHonoured) {
  auto defaults = call("GET", "/v1/me/notification-preferences", as_ada);
  ASSERT_EQ(defaults.status, 200) << defaults.body;
  EXPECT_EQ(body_of(defaults).at("channels").at("order").at("sms").as_bool(), false);
  EXPECT_TRUE(body_of(defaults).at("quiet_hours").is_null());
  auto put = call("PUT", "/v1/me/notification-preferences", as_ada,
                  R"({"locale":"de","time_zone":"Europe/Berlin",)"
                  R"("quiet_hours":{"start":"22:30","end":"07:00"},)"
                  R"("channels":{"order":{"email":false,"sms":true}}})");
  ASSERT_EQ(put.status, 200) << put.body;
  const auto stored = body_of(call("GET", "/v1/me/notification-preferences", as_ada));
  EXPECT_EQ(stored.at("locale").as_string(), "de");
  EXPECT_EQ(stored.at("quiet_hours").at("start").as_string(), "22:30");
  EXPECT_EQ(stored.at("channels").at("order").at("email").as_bool(), false);
  EXPECT_EQ(stored.at("channels").at("order").at("in_app").as_bool(), true);  // left out
  EXPECT_EQ(stored.at("channels").at("security").at("email").as_bool(), true);
  handle(order_event("cancelled", "order-0001"));
  EXPECT_EQ(dispatch().sent, 1);
  ASSERT_EQ(twilio.messages().size(), 1U);
  EXPECT_EQ(twilio.messages()[0].at("Body"),
            "Ihre Bestellung #der-0001 wurde am 28.11.2026, 10:10 storniert.");
  EXPECT_TRUE(mails().empty());
}

TEST_P(RoutesTest, BadPreferencesAreRefusedNamingTheField) {
  const auto field_of = [this](std::string body) {
    auto r = call("PUT", "/v1/me/notification-preferences", as_ada, std::move(body));
    EXPECT_EQ(r.status, 422) << r.body;
    return std::string(body_of(r).at("errors").at(0).at("field").as_string());
  };
  EXPECT_EQ(field_of(R"({"quiet_hours":{"start":"25:00","end":"07:00"}})"), "quiet_hours.start");
  EXPECT_EQ(field_of(R"({"channels":{"order":{"pigeon":true}}})"), "channels.order.pigeon");
  EXPECT_EQ(field_of(R"({"time_zone":"Nowhere/Land"})"), "time_zone");
  EXPECT_EQ(field_of(R"({"channels":{"security":{"email":false}}})"), "channels.security");
  EXPECT_EQ(call("GET", "/v1/me/notification-preferences", "").status, 401);
}

TEST_P(RoutesTest, TheInboxPagesAndMarksRead) {
  for (int i = 0; i < 3; ++i) handle(order_event("placed", "order-000" + std::to_string(i)));
  auto page = call("GET", "/v1/me/notifications?limit=2", as_ada);
  ASSERT_EQ(page.status, 200) << page.body;
  auto body = body_of(page);
  ASSERT_EQ(body.at("data").as_array().size(), 2U);
  EXPECT_EQ(body.at("unread_count").as_int64(), 3);
  EXPECT_EQ(body.at("data").at(0).at("title").as_string(), "Order received");
  const std::string newest(body.at("data").at(0).at("id").as_string());
  const std::string cursor(body.at("next_cursor").as_string());
  auto rest = body_of(call("GET", "/v1/me/notifications?limit=2&cursor=" + cursor, as_ada));
  EXPECT_EQ(rest.at("data").as_array().size(), 1U);
  EXPECT_FALSE(rest.at("has_more").as_bool());
  EXPECT_EQ(call("POST", "/v1/me/notifications/" + newest + "/read", as_ada).status, 204);
  EXPECT_EQ(call("POST", "/v1/me/notifications/" + newest + "/read", "customer:" + bob).status,
            404);
  auto count = body_of(call("GET", "/v1/me/notifications/unread-count", as_ada));
  EXPECT_EQ(count.at("unread_count").as_int64(), 2);
  auto unread = body_of(call("GET", "/v1/me/notifications?unread=true", as_ada));
  EXPECT_EQ(unread.at("data").as_array().size(), 2U);
  EXPECT_EQ(call("POST", "/v1/me/notifications/read-all", as_ada).status, 200);
  EXPECT_EQ(body_of(call("GET", "/v1/me/notifications/unread-count", as_ada))
                .at("unread_count")
                .as_int64(),
            0);
  EXPECT_EQ(call("GET", "/v1/me/notifications?limit=0", as_ada).status, 422);
}

TEST_P(RoutesTest, AdminsSeeAndReplayDeadLetters) {
  directory.set_contact(ada, {"ada@example.com", "+15005550001", "Ada"});
  ASSERT_EQ(call("PUT", "/v1/me/notification-preferences", as_ada,
                 R"({"channels":{"order":{"email":false,"sms":true}}})")
                .status,
            200);
  handle(order_event("placed", "order-0001"));
  EXPECT_EQ(dispatch().dead, 1);
  EXPECT_EQ(call("GET", "/v1/admin/notifications/dead-letters", as_ada).status, 403);
  auto listed = call("GET", "/v1/admin/notifications/dead-letters", as_admin);
  ASSERT_EQ(listed.status, 200) << listed.body;
  const auto dead = body_of(listed).at("data").at(0).as_object();
  EXPECT_EQ(dead.at("channel").as_string(), "sms");
  EXPECT_EQ(dead.at("status").as_string(), "dead");
  const std::string id(dead.at("id").as_string());
  directory.set_contact(ada, {"ada@example.com", "+15005550100", "Ada"});
  auto replayed = call("POST", "/v1/admin/notifications/dead-letters/" + id + "/replay", as_admin);
  ASSERT_EQ(replayed.status, 200) << replayed.body;
  EXPECT_EQ(body_of(replayed).at("status").as_string(), "pending");
  EXPECT_EQ(call("POST", "/v1/admin/notifications/dead-letters/" + id + "/replay", as_admin).status,
            409);
  EXPECT_EQ(dispatch().sent, 1);
  EXPECT_EQ(twilio.messages().size(), 1U);
}

TEST_P(RoutesTest, AdminsSeeWhatWasSentToOneUserOnEachChannel) {
  ASSERT_EQ(call("PUT", "/v1/me/notification-preferences", as_ada,
                 R"({"channels":{"order":{"email":true,"sms":true}}})")
                .status,
            200);
  handle(order_event("placed", "order-0001"));
  handle(order_event("accepted", "order-0001"));
  EXPECT_EQ(dispatch().sent, 4);
  auto first = call("GET", "/v1/admin/notifications/sends?user_id=" + ada + "&limit=3", as_admin);
  ASSERT_EQ(first.status, 200) << first.body;
  const auto page = body_of(first);
  ASSERT_EQ(page.at("data").as_array().size(), 3U);
  EXPECT_EQ(page.at("data").at(0).at("channel").as_string(), "email");
  EXPECT_EQ(page.at("data").at(0).at("status").as_string(), "sent");
  EXPECT_EQ(page.at("data").at(1).at("channel").as_string(), "sms");
  EXPECT_TRUE(page.at("has_more").as_bool());
  const std::string cursor(page.at("next_cursor").as_string());
  auto rest = body_of(
      call("GET", "/v1/admin/notifications/sends?user_id=" + ada + "&cursor=" + cursor, as_admin));
  ASSERT_EQ(rest.at("data").as_array().size(), 1U);
  EXPECT_EQ(rest.at("data").at(0).at("subject").as_string(), "Order accepted");
  EXPECT_TRUE(body_of(call("GET", "/v1/admin/notifications/sends?user_id=" + bob, as_admin))
                  .at("data")
                  .as_array()
                  .empty());
  EXPECT_EQ(call("GET", "/v1/admin/notifications/sends", as_admin).status, 422);
  EXPECT_EQ(call("GET", "/v1/admin/notifications/sends?user_id=" + ada, as_ada).status, 403);
}

TEST_P(RoutesTest, TwiliosStatusCallbackCountsOnlyWhenSigned) {
  ASSERT_EQ(call("PUT", "/v1/me/notification-preferences", as_ada,
                 R"({"channels":{"order":{"email":false,"sms":true}}})")
                .status,
            200);
  handle(order_event("placed", "order-0001"));
  ASSERT_EQ(dispatch().sent, 1);
  const std::vector<std::pair<std::string, std::string>> form{
      {"MessageSid", "SM1"}, {"MessageStatus", "delivered"}, {"AccountSid", account_sid}};
  const std::string body = "MessageSid=SM1&MessageStatus=delivered&AccountSid=" + account_sid;
  const auto post = [&](const std::string& signature) {
    return request(
        "POST", "/v1/notifications/sms/status", body,
        {{"Content-Type", "application/x-www-form-urlencoded"}, {"X-Twilio-Signature", signature}});
  };
  EXPECT_EQ(
      post(twilio_signature("another-token", settings.twilio_status_callback_url, form)).status,
      403);
  EXPECT_EQ(count("SELECT COUNT(*) FROM notifications_sends WHERE provider_status = 'delivered'"),
            0);
  EXPECT_EQ(post(twilio_signature(auth_token, settings.twilio_status_callback_url, form)).status,
            204);
  EXPECT_EQ(count("SELECT COUNT(*) FROM notifications_sends WHERE provider_status = 'delivered'"),
            1);
}

TEST_P(RoutesTest, ADeviceSubscribesListsAndUnsubscribesItsPushes) {
  EXPECT_EQ(call("GET", "/v1/notifications/vapid-public-key", "").status, 503);  // not started
  ASSERT_TRUE(service().load_vapid_keys());
  auto key = call("GET", "/v1/notifications/vapid-public-key", "");
  ASSERT_EQ(key.status, 200) << key.body;
  const std::string vapid(body_of(key).at("public_key").as_string());
  EXPECT_TRUE(web_push::valid_public_key(web_push::from_base64url(vapid).value_or("")));
  const auto device = web_push::generate_key_pair().value();
  const auto subscription = boost::json::serialize(
      boost::json::object{{"endpoint", "https://push.example.net/wpush/v2/device-1"},
                          {"expirationTime", nullptr},
                          {"keys",
                           {{"p256dh", web_push::base64url(device.public_key)},
                            {"auth", web_push::base64url(std::string(16, 'a'))}}}});
  auto created = call("POST", "/v1/me/push-subscriptions", as_ada, subscription);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id(body_of(created).at("id").as_string());
  EXPECT_EQ(call("POST", "/v1/me/push-subscriptions", as_ada, subscription).status, 200);
  auto refused = call("POST", "/v1/me/push-subscriptions", as_ada,
                      R"({"endpoint":"http://push.example.net/x","keys":{"p256dh":"AAAA",)"
                      R"("auth":"AAAA"}})");
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(body_of(refused).at("errors").as_array().size(), 3U);
  auto listed = body_of(call("GET", "/v1/me/push-subscriptions", as_ada));
  ASSERT_EQ(listed.at("data").as_array().size(), 1U);
  EXPECT_EQ(listed.at("data").at(0).at("endpoint").as_string(),
            "https://push.example.net/wpush/v2/device-1");
  EXPECT_TRUE(body_of(call("GET", "/v1/me/push-subscriptions", "customer:" + bob))
                  .at("data")
                  .as_array()
                  .empty());
  EXPECT_EQ(call("DELETE", "/v1/me/push-subscriptions/" + id, "customer:" + bob).status, 404);
  EXPECT_EQ(call("DELETE", "/v1/me/push-subscriptions/" + id, as_ada).status, 204);
  EXPECT_EQ(call("DELETE", "/v1/me/push-subscriptions/" + id, as_ada).status, 404);
  EXPECT_EQ(call("POST", "/v1/me/push-subscriptions", "", subscription).status, 401);
}

TEST_P(RoutesTest, StartsItsConsumersAndTopicsAndStops) {
  ASSERT_TRUE(module->start());
  std::vector<std::string> patterns;
  for (const auto& r : events().routes()) patterns.push_back(r.pattern);
  EXPECT_EQ(patterns, (std::vector<std::string>{
                          "orders.order.*", "deliveries.delivery.*", "payments.intent.*",
                          "identity.user.registered", "subscriptions.subscription.*",
                          "identity.email.requested", "chat.>", "identity.user.erased"}));
  EXPECT_FALSE(hub().add_topic_family("user", nullptr));  // the module's: user.<id>.notifications
  EXPECT_EQ(topic_of(ada), "user." + ada + ".notifications");
  module->stop();
}

INSTANTIATE_TEST_SUITE_P(Engines, RoutesTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

}  // namespace
}  // namespace reskflow::notifications::testing
