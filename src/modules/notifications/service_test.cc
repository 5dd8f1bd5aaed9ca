// The notifications service on both engines: events into the inbox and the send queue, the
// recipient's channel choices and quiet hours, a provider outage, dead letters and their replay,
// erasure.
#include "test_fixture.h"
#include "web_push.h"

namespace reskflow::notifications::testing {
namespace {

using ServiceTest = NotificationsFixture;
constexpr std::int64_t second_us = 1'000'000;

void choose(Service& service, const std::string& user, std::map<std::pair<Kind, Channel>, bool> c,
            std::optional<QuietHours> quiet = std::nullopt, std::string zone = "UTC") {
  Preferences p;
  p.time_zone = std::move(zone);
  p.quiet_hours = quiet;
  p.choices = std::move(c);
  auto stored = service.put_preferences(user, p);
  ASSERT_TRUE(stored) << stored.error().detail;
}

TEST_P(ServiceTest, AnOrderEventFillsTheInboxAndMailsOnce) {
  const auto placed = order_event("placed", "order-0001");
  const auto added = handle(placed);
  ASSERT_EQ(added.size(), 1U);
  EXPECT_EQ(added[0].title, "Order received");
  EXPECT_EQ(added[0].body, "We received your order #der-0001 of €25.50 at 28 Nov 2026, 09:10.");
  EXPECT_TRUE(handle(placed).empty());  // the relay delivered it twice: told once
  EXPECT_EQ(dispatch().sent, 1);
  EXPECT_EQ(dispatch().sent, 0);
  const auto sent = mails();
  ASSERT_EQ(sent.size(), 1U);
  EXPECT_EQ(sent[0].at("to").as_string(), "ada@example.com");
  EXPECT_EQ(sent[0].at("subject").as_string(), "Order received");
  EXPECT_NE(sent[0].at("html").as_string().find("<h1>Order received</h1>"), std::string::npos);
  EXPECT_TRUE(twilio.messages().empty());  // SMS is off until chosen
  EXPECT_EQ(*service().unread_count(ada), 1);
}

TEST_P(ServiceTest, EventsWithoutATemplateOrWithABrokenPayloadTellNobody) {
  EXPECT_TRUE(handle(order_event("preparing", "order-0001")).empty());
  auto broken = order_event("placed", "order-0002");
  broken.payload_json = R"({"order_id":"order-0002"})";
  EXPECT_TRUE(handle(broken).empty());
  EXPECT_EQ(count("SELECT COUNT(*) FROM notifications_sends"), 0);
}

TEST_P(ServiceTest, TheUsersChoicesPickTheChannelsAndTheLanguage) {
  Preferences p;
  p.locale = "fr";
  p.time_zone = "Europe/Paris";
  p.choices = {{{Kind::order, Channel::sms}, true},
               {{Kind::order, Channel::email}, false},
               {{Kind::order, Channel::in_app}, false}};
  ASSERT_TRUE(service().put_preferences(ada, p));
  EXPECT_TRUE(handle(order_event("delivered", "order-0001")).empty());
  EXPECT_EQ(dispatch().sent, 1);
  const auto sms = twilio.messages();
  ASSERT_EQ(sms.size(), 1U);
  EXPECT_EQ(sms[0].at("To"), "+15005550100");
  EXPECT_EQ(sms[0].at("From"), "+15005550006");
  EXPECT_EQ(sms[0].at("Body"),
            "Votre commande #der-0001 de 25,50\u00a0€ a été livrée à 28 nov. 2026 à 10:10.");
  EXPECT_EQ(sms[0].at("StatusCallback"), settings.twilio_status_callback_url);
  EXPECT_TRUE(mails().empty());
  EXPECT_EQ(count("SELECT COUNT(*) FROM notifications_sends WHERE provider_id = 'SM1' AND "
                  "provider_status = 'queued'"),
            1);
}

TEST_P(ServiceTest, QuietHoursHoldMessagesUntilMorning) {
  choose(service(), ada, {{{Kind::order, Channel::sms}, true}}, QuietHours{22 * 60, 7 * 60});
  clock.set(clock.now_us() + (13 * 3600 + 50 * 60) * second_us);         // 23:00 UTC
  ASSERT_EQ(handle(order_event("delivered", "order-0001")).size(), 1U);  // the inbox is silent
  EXPECT_EQ(dispatch().sent, 0);
  clock.set(clock.now_us() + 8 * 3600 * second_us - second_us);  // 06:59:59
  EXPECT_EQ(dispatch().sent, 0);
  clock.advance(std::chrono::seconds(1));
  EXPECT_EQ(dispatch().sent, 2);  // the mail and the SMS
  EXPECT_EQ(twilio.messages().size(), 1U);
}

TEST_P(ServiceTest, AProviderOutageDelaysMessagesThenSendsThemOnceInOrder) {
  choose(service(), ada,
         {{{Kind::order, Channel::sms}, true}, {{Kind::order, Channel::email}, false}});
  twilio.set_down(true);
  handle(order_event("placed", "order-0001"));
  handle(order_event("accepted", "order-0001"));
  EXPECT_EQ(*service().unread_count(ada), 2);  // the events were handled all the same
  auto report = dispatch();
  EXPECT_EQ(report.retried, 1);  // the channel pauses after the first failure
  EXPECT_EQ(report.sent, 0);
  clock.advance(std::chrono::seconds(1));
  EXPECT_EQ(dispatch().retried, 1);  // the first again: the second waits behind it
  EXPECT_EQ(count("SELECT COUNT(*) FROM notifications_sends WHERE attempts = 2"), 1);
  twilio.set_down(false);
  EXPECT_EQ(dispatch().sent, 0);  // backing off: 2 s after the second failure
  clock.advance(std::chrono::seconds(2));
  EXPECT_EQ(dispatch().sent, 1);  // the first; the second was behind it when the pass began
  EXPECT_EQ(dispatch().sent, 1);
  EXPECT_EQ(dispatch().sent, 0);
  const auto sms = twilio.messages();
  ASSERT_EQ(sms.size(), 2U);
  EXPECT_EQ(sms[0].at("Body").substr(0, 11), "We received");
  EXPECT_EQ(sms[1].at("Body").substr(0, 10), "Your order");
}

TEST_P(ServiceTest, RefusedOrExhaustedSendsAreDeadLettersAnAdminReplays) {
  choose(service(), ada,
         {{{Kind::order, Channel::sms}, true}, {{Kind::order, Channel::email}, false}});
  directory.set_contact(ada, {"ada@example.com", "+15005550001", "Ada"});  // not a valid number
  handle(order_event("placed", "order-0001"));
  EXPECT_EQ(dispatch().dead, 1);  // a 400 is never retried
  auto dead = service().dead_letters({});
  ASSERT_TRUE(dead);
  ASSERT_EQ(dead->items.size(), 1U);
  EXPECT_EQ(dead->items[0].last_error,
            "Twilio answered 400: The 'To' number +15005550001 is not a valid phone number.");
  directory.set_contact(ada, {"ada@example.com", "+15005550100", "Ada"});
  auto replayed = service().replay(dead->items[0].id);
  ASSERT_TRUE(replayed) << replayed.error().detail;
  EXPECT_EQ(replayed->status, status_pending);
  EXPECT_EQ(dispatch().sent, 1);
  EXPECT_EQ(service().replay(dead->items[0].id).error().code, ErrorCode::conflict);
  EXPECT_EQ(service().replay("nope").error().code, ErrorCode::not_found);

  twilio.set_down(true);  // three attempts (send_attempts_max), then a dead letter
  handle(order_event("accepted", "order-0001"));
  EXPECT_EQ(dispatch().retried, 1);
  clock.advance(std::chrono::seconds(1));
  EXPECT_EQ(dispatch().retried, 1);
  clock.advance(std::chrono::seconds(2));
  EXPECT_EQ(dispatch().dead, 1);
  EXPECT_EQ(service().dead_letters({})->items.size(), 1U);
}

TEST_P(ServiceTest, AUserWithoutAnAddressIsSkipped) {
  directory.add_user(bob, "customer");
  choose(service(), bob, {{{Kind::order, Channel::sms}, true}});
  handle(order_event("placed", "order-0001", bob));
  EXPECT_EQ(dispatch().skipped, 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM notifications_sends WHERE status = 'skipped'"), 2);
  EXPECT_TRUE(service().dead_letters({})->items.empty());
}

TEST_P(ServiceTest, PreferencesAreValidated) {
  Preferences p;
  p.locale = "xx";
  EXPECT_EQ(service().put_preferences(ada, p).error().fields.at(0).field, "locale");
  p = {};
  p.time_zone = "Mars/Olympus";
  EXPECT_EQ(service().put_preferences(ada, p).error().fields.at(0).field, "time_zone");
  p = {};
  p.choices[{Kind::security, Channel::email}] = false;
  EXPECT_EQ(service().put_preferences(ada, p).error().code, ErrorCode::validation_failed);
  p = {};
  p.quiet_hours = QuietHours{0, 24 * 60};
  EXPECT_EQ(service().put_preferences(ada, p).error().fields.at(0).field, "quiet_hours");
}

TEST_P(ServiceTest, TheInboxPagesNewestFirstAndCountsUnread) {
  for (int i = 0; i < 5; ++i) handle(order_event("placed", "order-000" + std::to_string(i)));
  auto first = service().inbox(ada, {std::nullopt, 3}, false);
  ASSERT_TRUE(first);
  ASSERT_EQ(first->items.size(), 3U);
  EXPECT_EQ(first->items[0].subject_id, "order-0004");
  ASSERT_TRUE(first->next_cursor);
  auto second = service().inbox(ada, {first->next_cursor, 3}, false);
  ASSERT_EQ(second->items.size(), 2U);
  EXPECT_EQ(second->items[1].subject_id, "order-0000");
  EXPECT_FALSE(second->next_cursor);
  ASSERT_TRUE(service().mark_read(ada, first->items[0].id));
  EXPECT_EQ(service().mark_read(bob, first->items[1].id).error().code, ErrorCode::not_found);
  EXPECT_EQ(*service().unread_count(ada), 4);
  EXPECT_EQ(service().inbox(ada, {}, true)->items.size(), 4U);
  EXPECT_EQ(*service().mark_all_read(ada), 4);
  EXPECT_EQ(*service().unread_count(ada), 0);
}

TEST_P(ServiceTest, ErasureDeletesEveryRowAboutTheUser) {
  choose(service(), ada, {{{Kind::order, Channel::sms}, true}});
  const auto device = web_push::generate_key_pair().value();
  ASSERT_TRUE(service().subscribe(
      ada, {"https://push.example.net/device-1", web_push::base64url(device.public_key),
            web_push::base64url(std::string(16, 'a'))}));
  handle(order_event("placed", "order-0001"));
  const bus::Envelope erased{store::new_uuid_v7(),
                             "identity.user.erased",
                             ada,
                             R"({"user_id":")" + ada + R"("})",
                             clock.now_us(),
                             0,
                             0};
  ASSERT_TRUE(service().on_user_erased(erased));
  // A notice that comes after the erasure (another module's consumer ran later: a refund, the
  // membership the erasure ended) is dropped, not put back in an inbox nobody owns.
  EXPECT_TRUE(handle(order_event("refunded", "order-0001")).empty());
  for (const auto* table :
       {"notifications_sends", "notifications_inbox", "notifications_preferences",
        "notifications_settings", "notifications_push_subscriptions", "notifications_chat_notices"})
    EXPECT_EQ(count(std::string("SELECT COUNT(*) FROM ") + table), 0) << table;
}

TEST_P(ServiceTest, IdentitysMailStaysSealedUntilItIsSent) {
  choose(service(), ada, {{{Kind::order, Channel::email}, false}}, QuietHours{0, 23 * 60 + 59});
  const bus::Envelope requested{
      store::new_uuid_v7(),
      "identity.email.requested",
      ada,
      identity::testing::FakeDirectory::sealed_mail(
          ada, {"ada@example.com", "Verify your ReskFlow email address", "Use this code: c0de"}),
      clock.now_us(),
      0,
      0};
  ASSERT_TRUE(service().on_mail_requested(requested));
  ASSERT_TRUE(service().on_mail_requested(requested));  // redelivered: queued once
  EXPECT_EQ(count("SELECT COUNT(*) FROM notifications_sends WHERE kind = 'security' AND "
                  "subject = '' AND text_body = '' AND sealed IS NOT NULL"),
            1);
  EXPECT_EQ(dispatch().sent, 1);  // quiet hours never hold security mail
  const auto sent = mails();
  ASSERT_EQ(sent.size(), 1U);
  EXPECT_EQ(sent[0].at("to").as_string(), "ada@example.com");
  EXPECT_EQ(sent[0].at("subject").as_string(), "Verify your ReskFlow email address");
  EXPECT_EQ(sent[0].at("body").as_string(), "Use this code: c0de");
  EXPECT_FALSE(sent[0].contains("html"));
}

INSTANTIATE_TEST_SUITE_P(Engines, ServiceTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

}  // namespace
}  // namespace reskflow::notifications::testing
