// chat's event payloads: what the service publishes reads back the same; a malformed one is
// refused.
#include "reskflow/chat/events.h"

#include <gtest/gtest.h>

#include "reskflow/modules/payload.h"

namespace reskflow::chat::events {
namespace {

using modules::payload::from_payload;
using modules::payload::to_payload;

TEST(ChatEventsTest, MessageSentReadsBackWithoutText) {
  const MessageSent e{"c1", "m1", 3, "u1", {"u2", "u3"}, "delivery", 1'795'857'000'000'000};
  const auto text = to_payload(e);
  EXPECT_EQ(text, R"({"conversation_id":"c1","message_id":"m1","seq":3,"sender_id":"u1",)"
                  R"("recipient_ids":["u2","u3"],"kind":"delivery","at":"2026-11-28T09:10:00Z"})");
  const auto read = from_payload<MessageSent>(message_sent, text);
  ASSERT_TRUE(read) << read.error().detail;
  EXPECT_EQ(read->conversation_id, "c1");
  EXPECT_EQ(read->message_id, "m1");
  EXPECT_EQ(read->seq, 3);
  EXPECT_EQ(read->sender_id, "u1");
  EXPECT_EQ(read->recipient_ids, (std::vector<std::string>{"u2", "u3"}));
  EXPECT_EQ(read->kind, "delivery");
  EXPECT_EQ(read->at_us, e.at_us);
}

TEST(ChatEventsTest, ConversationClosedReadsBack) {
  const ConversationClosed e{"c1", "support", "closed by support", 1'795'857'000'000'000};
  const auto read = from_payload<ConversationClosed>(conversation_closed, to_payload(e));
  ASSERT_TRUE(read) << read.error().detail;
  EXPECT_EQ(read->conversation_id, "c1");
  EXPECT_EQ(read->kind, "support");
  EXPECT_EQ(read->reason, "closed by support");
  EXPECT_EQ(read->at_us, e.at_us);
}

TEST(ChatEventsTest, ConversationReadReadsBack) {
  const ConversationRead e{"c1", "u2", 4, 1'795'857'000'000'000};
  const auto text = to_payload(e);
  EXPECT_EQ(text, R"({"conversation_id":"c1","user_id":"u2","seq":4,"at":"2026-11-28T09:10:00Z"})");
  const auto read = from_payload<ConversationRead>(conversation_read, text);
  ASSERT_TRUE(read) << read.error().detail;
  EXPECT_EQ(read->conversation_id, "c1");
  EXPECT_EQ(read->user_id, "u2");
  EXPECT_EQ(read->seq, 4);
  EXPECT_EQ(read->at_us, e.at_us);
}

TEST(ChatEventsTest, RefusesMalformedPayloads) {
  for (const auto* bad : {R"({"conversation_id":"c1","message_id":"m1","seq":"3","sender_id":"u1",)"
                          R"("recipient_ids":[],"kind":"delivery","at":"2026-11-28T09:10:00Z"})",
                          R"({"conversation_id":"c1","message_id":"m1","seq":3,"sender_id":"u1",)"
                          R"("recipient_ids":[],"kind":"delivery","at":"yesterday"})",
                          R"({"conversation_id":"c1"})", "[]", "{"}) {
    const auto read = from_payload<MessageSent>(message_sent, bad);
    ASSERT_FALSE(read) << bad;
    EXPECT_EQ(read.error().code, ErrorCode::validation_failed);
  }
}

}  // namespace
}  // namespace reskflow::chat::events
