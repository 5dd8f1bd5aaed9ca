// Chat notices on both engines with a manual clock: a recipient who has not read a message after
// the delay is told once per conversation until they read it, in the inbox and by push as they
// allow and never by email or SMS; a recipient who reads (or answers) in time is not told.
#include "reskflow/chat/events.h"
#include "test_fixture.h"
#include "web_push.h"

namespace reskflow::notifications::testing {
namespace {

constexpr std::string_view conversation = "0190c000-0000-7000-8000-0000000000c1";

class ChatNoticesTest : public NotificationsFixture {
 protected:
  void SetUp() override {
    NotificationsFixture::SetUp();
    if (HasFatalFailure()) return;
    const auto device = web_push::generate_key_pair().value();
    ASSERT_TRUE(service().subscribe(
        ada, {"https://push.example.net/device-1", web_push::base64url(device.public_key),
              web_push::base64url(std::string(16, 'a'))}));
  }

  // chat.message.sent: `sender` wrote message `seq` of the conversation, to `recipients`.
  void message(std::int64_t seq, const std::string& sender,
               const std::vector<std::string>& recipients, std::string kind = "delivery") {
    const chat::events::MessageSent e{
        std::string(conversation), store::new_uuid_v7(), seq, sender, recipients,
        std::move(kind),           clock.now_us()};
    deliver(chat::events::message_sent, modules::payload::to_payload(e));
  }

  // chat.conversation.read: `user` moved their read marker to `seq`.
  void read(const std::string& user, std::int64_t seq) {
    const chat::events::ConversationRead e{std::string(conversation), user, seq, clock.now_us()};
    deliver(chat::events::conversation_read, modules::payload::to_payload(e));
  }

  void deliver(std::string_view type, std::string payload) {
    const bus::Envelope event{store::new_uuid_v7(),
                              std::string(type),
                              std::string(conversation),
                              std::move(payload),
                              clock.now_us(),
                              0,
                              0};
    const auto handled = service().on_chat_event(event);
    ASSERT_TRUE(handled) << handled.error().detail;
  }

  // The notices due after `seconds` more.
  std::vector<InboxItem> tell_after(std::int64_t seconds) {
    clock.advance(std::chrono::seconds(seconds));
    auto told = service().tell_due_chat_notices();
    EXPECT_TRUE(told) << told.error().detail;
    return told.value_or(std::vector<InboxItem>{});
  }

  std::int64_t sends(std::string_view channel) {
    return count("SELECT COUNT(*) FROM notifications_sends WHERE kind = 'chat' AND channel = $1",
                 {std::string(channel)});
  }
};

TEST_P(ChatNoticesTest, AnUnreadMessageIsToldOnceUntilTheConversationIsRead) {
  message(1, bob, {ada});
  EXPECT_TRUE(tell_after(29).empty());  // within the 30 s a watching recipient reads in
  const auto told = tell_after(1);
  ASSERT_EQ(told.size(), 1U);
  EXPECT_EQ(told[0].kind, Kind::chat);
  EXPECT_EQ(told[0].title, "New message");
  EXPECT_EQ(told[0].body, "You have a new message about your delivery.");
  EXPECT_EQ(told[0].subject_id, conversation);
  EXPECT_EQ(sends("push"), 1);
  EXPECT_EQ(sends("email") + sends("sms"), 0);  // never by mail or SMS for a message

  // A burst: nothing more while the first notice is unread.
  message(2, bob, {ada});
  message(3, bob, {ada});
  EXPECT_TRUE(tell_after(60).empty());
  EXPECT_EQ(*service().unread_count(ada), 1);

  // Reading up to the newest message clears it; the next message is told again.
  read(ada, 3);
  EXPECT_EQ(*service().unread_count(ada), 0);
  message(4, bob, {ada});
  EXPECT_EQ(tell_after(30).size(), 1U);
  EXPECT_EQ(sends("push"), 2);
}

TEST_P(ChatNoticesTest, ARecipientWatchingTheConversationIsNotTold) {
  message(1, bob, {ada}, "support");
  read(ada, 1);  // the open chat panel moved the marker as the message arrived
  EXPECT_TRUE(tell_after(60).empty());
  // Reading only part of a burst leaves the rest to tell.
  message(2, bob, {ada}, "support");
  message(3, bob, {ada}, "support");
  read(ada, 2);
  const auto told = tell_after(30);
  ASSERT_EQ(told.size(), 1U);
  EXPECT_EQ(told[0].body, "You have a new message in a support conversation.");
}

TEST_P(ChatNoticesTest, AnsweringCountsAsReading) {
  message(1, bob, {ada});
  message(2, ada, {bob});  // ada answered from the conversation
  const auto told = tell_after(30);
  ASSERT_EQ(told.size(), 1U);
  EXPECT_EQ(told[0].user_id, bob);
}

TEST_P(ChatNoticesTest, TheRecipientsChoicesPickInboxAndPushButNeverMail) {
  Preferences p;
  p.choices = {{{Kind::chat, Channel::email}, true}};
  const auto refused = service().put_preferences(ada, p);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().fields.at(0).field, "channels.chat.email");
  p.choices = {{{Kind::chat, Channel::in_app}, false}};
  ASSERT_TRUE(service().put_preferences(ada, p));
  message(1, bob, {ada});
  EXPECT_TRUE(tell_after(30).empty());  // no inbox item...
  EXPECT_EQ(sends("push"), 1);          // ...and the push still goes
  EXPECT_EQ(sends("email"), 0);
}

TEST_P(ChatNoticesTest, AnErasedRecipientIsNotTold) {
  const bus::Envelope erased{store::new_uuid_v7(),
                             "identity.user.erased",
                             ada,
                             R"({"user_id":")" + ada + R"("})",
                             clock.now_us(),
                             0,
                             0};
  ASSERT_TRUE(service().on_user_erased(erased));
  message(1, bob, {ada});
  EXPECT_TRUE(tell_after(60).empty());
  EXPECT_EQ(count("SELECT COUNT(*) FROM notifications_chat_notices"), 0);
}

INSTANTIATE_TEST_SUITE_P(Engines, ChatNoticesTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

}  // namespace
}  // namespace reskflow::notifications::testing
