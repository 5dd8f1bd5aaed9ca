// The chat rules on both engines: delivery conversations follow their delivery's events, only
// participants read and write, masking, the support inbox, read markers, history pages,
// erasure, and what participants are told live on the conversation's topic.
#include <thread>

#include "reskflow/chat/events.h"
#include "reskflow/deliveries/delivery.h"
#include "reskflow/identity/events.h"
#include "test_fixture.h"

namespace reskflow::chat::testing {
namespace {

using deliveries::status_assigned;
using deliveries::status_delivered;
using deliveries::status_picked_up;

// The error of a result expected to fail (an internal error when it succeeded).
template <class T>
Error error_of(const Result<T>& result) {
  return result ? Error{ErrorCode::internal, "succeeded", {}, {}} : result.error();
}

class ChatServiceTest : public ChatFixture {
 protected:
  const http::Principal customer = as("customer", ada);
  const http::Principal courier = as("driver", dave);
  const http::Principal admin = as("admin", root);

  Conversation support(const http::Principal& who, std::string text,
                       std::optional<std::string> order_id = std::nullopt) {
    return must(service().open_support(who, {"help", std::move(order_id), std::move(text)}));
  }
};

TEST_P(ChatServiceTest, OpensOnAssignmentAndClosesWhenDelivered) {
  delivery_is(status_assigned, dave);
  const auto c = delivery_conversation("customer", ada);
  EXPECT_EQ(c.status, status_open);
  EXPECT_EQ(c.delivery_id, delivery_1);
  ASSERT_EQ(c.participants.size(), 2u);
  EXPECT_EQ(c.participants[0].user_id, ada);
  EXPECT_EQ(c.participants[0].role, part_customer);
  EXPECT_EQ(c.participants[1].user_id, dave);
  EXPECT_EQ(c.participants[1].role, part_courier);
  delivery_is(status_picked_up, dave);  // nothing changes mid-way
  ASSERT_TRUE(service().send(courier, c.id, "I am outside"));
  EXPECT_EQ(must(service().conversation(customer, c.id)).unread, 1);

  delivery_is(status_delivered, dave);
  const auto closed = must(service().conversation(customer, c.id));
  EXPECT_EQ(closed.status, status_closed);
  EXPECT_EQ(closed.closed_reason, "the order was delivered");
  const auto refused = service().send(customer, c.id, "thanks!");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::conflict);
  EXPECT_NE(refused.error().detail.find("the order was delivered"), std::string::npos);
  // A late assignment event does not reopen a finished delivery's conversation.
  delivery_is(status_assigned, dave);
  EXPECT_EQ(must(service().conversation(customer, c.id)).status, status_closed);
  EXPECT_EQ(outbox_payloads(events::conversation_closed).size(), 1u);
}

TEST_P(ChatServiceTest, HandsTheConversationToANewCourier) {
  delivery_is(status_assigned, dave);
  const auto c = delivery_conversation("customer", ada);
  ASSERT_TRUE(service().send(courier, c.id, "on my way"));
  delivery_is(status_assigned, erin);
  const auto gone = service().conversation(courier, c.id);
  ASSERT_FALSE(gone);
  EXPECT_EQ(gone.error().code, ErrorCode::not_found);
  const auto erin_sees = must(service().messages(as("driver", erin), c.id, {}));
  ASSERT_EQ(erin_sees.messages.size(), 1u);
  EXPECT_EQ(erin_sees.messages[0].body, "on my way");
  EXPECT_TRUE(service().send(as("driver", erin), c.id, "I took over"));
}

TEST_P(ChatServiceTest, OnlyParticipantsReadOrWrite) {
  delivery_is(status_assigned, dave);
  const auto c = delivery_conversation("customer", ada);
  for (const auto& stranger :
       {as("customer", bob), as("driver", erin), admin, as("merchant", mia)}) {
    for (const auto& error : {error_of(service().conversation(stranger, c.id)),
                              error_of(service().messages(stranger, c.id, {})),
                              error_of(service().send(stranger, c.id, "hello"))}) {
      EXPECT_EQ(error.code, ErrorCode::not_found) << stranger.subject;
      EXPECT_EQ(error.detail, "no such conversation");
    }
  }
  EXPECT_FALSE(service().conversation(customer, "0190ffff-0000-7000-8000-000000000000"));
}

TEST_P(ChatServiceTest, MasksContactsOnlyBetweenCustomerAndCourier) {
  delivery_is(status_assigned, dave);
  const auto c = delivery_conversation("customer", ada);
  const auto sent = must(service().send(customer, c.id, "call 0151 2345678 or ada@example.com"));
  EXPECT_TRUE(sent.masked);
  EXPECT_EQ(sent.body, "call [phone hidden] or [email hidden]");
  // What is stored is the masked text: the courier can never read the original.
  EXPECT_EQ(must(service().messages(courier, c.id, {})).messages[0].body, sent.body);

  const auto s = support(customer, "my number is 0151 2345678");
  const auto kept = must(service().messages(customer, s.id, {})).messages[0];
  EXPECT_FALSE(kept.masked);
  EXPECT_EQ(kept.body, "my number is 0151 2345678");
}

TEST_P(ChatServiceTest, SupportInboxListsUnassignedFirst) {
  const auto first = support(customer, "where is my refund?");
  clock.advance(std::chrono::minutes(1));
  const auto from_merchant = support(as("merchant", mia), "tablet is offline", order_1);
  EXPECT_EQ(from_merchant.opener_role, part_merchant);
  clock.advance(std::chrono::minutes(1));
  const auto last = support(as("customer", bob), "wrong address");
  ASSERT_TRUE(service().assign_to_me(admin, first.id));

  auto inbox = must(service().inbox({}));
  ASSERT_EQ(inbox.conversations.size(), 3u);
  EXPECT_EQ(inbox.conversations[0].id, from_merchant.id);
  EXPECT_EQ(inbox.conversations[1].id, last.id);
  EXPECT_EQ(inbox.conversations[2].id, first.id);
  EXPECT_EQ(inbox.conversations[2].assignee_id, root);

  // Pages resume after the cursor in the same order.
  auto one = must(service().inbox({std::nullopt, 1}));
  ASSERT_TRUE(one.next_cursor);
  auto rest = must(service().inbox({one.next_cursor, 5}));
  ASSERT_EQ(rest.conversations.size(), 2u);
  EXPECT_EQ(rest.conversations[0].id, last.id);

  // Another admin answering an unassigned conversation takes it; a closed one leaves the inbox.
  ASSERT_TRUE(service().send(as("admin", sam), last.id, "we are on it"));
  EXPECT_EQ(must(service().conversation(admin, last.id)).assignee_id, sam);
  EXPECT_EQ(must(service().close(as("customer", bob), last.id)).closed_reason,
            "closed by the customer");
  EXPECT_EQ(must(service().inbox({})).conversations.size(), 2u);
  const auto again = service().close(admin, last.id);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
}

TEST_P(ChatServiceTest, SupportAboutAnOrderOnlyForItsCustomerOrMerchant) {
  EXPECT_EQ(service().open_support(as("customer", bob), {"", order_1, "hi"}).error().code,
            ErrorCode::not_found);
  directory.add_user(root, identity::role_merchant);
  EXPECT_EQ(service().open_support(as("merchant", root), {"", order_1, "hi"}).error().code,
            ErrorCode::not_found);
  EXPECT_EQ(service()
                .open_support(customer, {"", "0190ffff-0000-7000-8000-000000000000", "hi"})
                .error()
                .code,
            ErrorCode::not_found);
  EXPECT_EQ(support(customer, "late", order_1).order_id, order_1);
}

TEST_P(ChatServiceTest, LimitsOpenSupportConversationsPerUser) {
  settings.open_support_conversations_max = 2;
  rebuild(settings);
  const auto a = support(customer, "one");
  support(customer, "two");
  const auto third = service().open_support(customer, {"", std::nullopt, "three"});
  ASSERT_FALSE(third);
  EXPECT_EQ(third.error().code, ErrorCode::conflict);
  ASSERT_TRUE(service().close(customer, a.id));
  EXPECT_TRUE(service().open_support(customer, {"", std::nullopt, "three"}));
}

TEST_P(ChatServiceTest, ReadMarkersCountUnreadMessages) {
  const auto c = support(customer, "hello?");
  for (const auto* text : {"hi", "looking", "found it"})
    ASSERT_TRUE(service().send(admin, c.id, text));
  EXPECT_EQ(must(service().conversation(customer, c.id)).unread, 3);
  EXPECT_EQ(must(service().conversations(customer, std::nullopt, {})).conversations[0].unread, 3);
  const auto marked = must(service().mark_read(customer, c.id, 3));
  EXPECT_EQ(marked.unread, 1);
  EXPECT_EQ(must(service().mark_read(customer, c.id, 1)).unread, 1);  // never back
  EXPECT_EQ(must(service().mark_read(customer, c.id, 4)).unread, 0);
  const auto past = service().mark_read(customer, c.id, 5);
  ASSERT_FALSE(past);
  EXPECT_EQ(past.error().code, ErrorCode::validation_failed);
  // Each move forward tells notifications (a pending chat notice is then not needed).
  const auto read = outbox_payloads(events::conversation_read);
  ASSERT_EQ(read.size(), 2u);
  const auto last = must(
      modules::payload::from_payload<events::ConversationRead>(events::conversation_read, read[1]));
  EXPECT_EQ(last.conversation_id, c.id);
  EXPECT_EQ(last.user_id, ada);
  EXPECT_EQ(last.seq, 4);
}

TEST_P(ChatServiceTest, HistoryPagesNewestFirst) {
  const auto c = support(customer, "1");
  for (const auto* text : {"2", "3", "4", "5"}) ASSERT_TRUE(service().send(customer, c.id, text));
  std::vector<std::string> bodies;
  std::optional<std::string> cursor;
  do {
    auto page = must(service().messages(customer, c.id, {cursor, 2}));
    for (const auto& m : page.messages) bodies.push_back(m.body);
    cursor = page.next_cursor;
  } while (cursor);
  EXPECT_EQ(bodies, (std::vector<std::string>{"5", "4", "3", "2", "1"}));
  EXPECT_EQ(service().messages(customer, c.id, {"x", 2}).error().code,
            ErrorCode::validation_failed);
}

TEST_P(ChatServiceTest, ConcurrentSendsGetDistinctNumbers) {
  const auto c = support(customer, "first");
  constexpr int senders = 4;
  constexpr int each = 5;
  std::vector<std::thread> threads;
  for (int t = 0; t < senders; ++t)
    threads.emplace_back([&, t] {
      const auto who = t % 2 == 0 ? customer : admin;
      for (int i = 0; i < each; ++i)
        EXPECT_TRUE(
            service().send(who, c.id, "message " + std::to_string(t) + "." + std::to_string(i)));
    });
  for (auto& t : threads) t.join();
  const auto page = must(service().messages(customer, c.id, {std::nullopt, 100}));
  ASSERT_EQ(page.messages.size(), std::size_t{senders * each + 1});
  for (std::size_t i = 0; i < page.messages.size(); ++i)
    EXPECT_EQ(page.messages[i].seq, static_cast<std::int64_t>(page.messages.size() - i));
  EXPECT_EQ(must(service().conversation(customer, c.id)).last_seq, senders * each + 1);
}

TEST_P(ChatServiceTest, ErasureRemovesTheUsersText) {
  delivery_is(status_assigned, dave);
  const auto c = delivery_conversation("customer", ada);
  ASSERT_TRUE(service().send(customer, c.id, "ring twice"));
  ASSERT_TRUE(service().send(courier, c.id, "ok"));
  publish(identity::events::user_erased, ada,
          modules::payload::to_payload(identity::events::UserErased{ada}));
  const auto page = must(service().messages(courier, c.id, {}));
  ASSERT_EQ(page.messages.size(), 2u);
  EXPECT_EQ(page.messages[0].body, "ok");
  EXPECT_FALSE(page.messages[0].erased);
  EXPECT_EQ(page.messages[1].body, "");
  EXPECT_TRUE(page.messages[1].erased);
}

TEST_P(ChatServiceTest, TellsParticipantsLiveAndNoOneElse) {
  delivery_is(status_assigned, dave);
  const auto c = delivery_conversation("customer", ada);
  const auto topic = "conversation." + c.id;
  auto ada_peer = std::make_shared<RecordingPeer>();
  auto bob_peer = std::make_shared<RecordingPeer>();
  http::Request ada_upgrade;
  ada_upgrade.headers.emplace_back("Authorization", "Bearer customer:" + ada);
  http::Request bob_upgrade;
  bob_upgrade.headers.emplace_back("Authorization", "Bearer customer:" + bob);
  hub().attach(ada_peer);
  hub().attach(bob_peer);
  ASSERT_TRUE(hub().subscribe(ada_peer, ada_upgrade, topic));
  const auto refused = hub().subscribe(bob_peer, bob_upgrade, topic);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::not_found);

  ASSERT_TRUE(service().typing(courier, c.id));
  ASSERT_TRUE(service().send(courier, c.id, "here"));
  ASSERT_TRUE(service().mark_read(customer, c.id, 1));
  delivery_is(status_delivered, dave);
  std::vector<std::string> types;
  for (const auto& m : ada_peer->messages())
    types.emplace_back(boost::json::parse(m).at("data").at("type").as_string());
  EXPECT_EQ(types, (std::vector<std::string>{"typing", "message", "read", "conversation"}));
  const auto last = boost::json::parse(ada_peer->messages().back()).at("data");
  EXPECT_EQ(last.at("conversation").at("status").as_string(), "closed");
  EXPECT_TRUE(bob_peer->messages().empty());
  const auto sent = outbox_payloads(events::message_sent);
  ASSERT_EQ(sent.size(), 1u);
  const auto event =
      must(modules::payload::from_payload<events::MessageSent>(events::message_sent, sent[0]));
  EXPECT_EQ(event.recipient_ids, std::vector<std::string>{ada});
}

INSTANTIATE_TEST_SUITE_P(Engines, ChatServiceTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

}  // namespace
}  // namespace reskflow::chat::testing
