// The chat routes and WebSocket messages over a real server on both engines, behind the
// stand-in guard: a delivery conversation end to end, 404 to others, the size limit, the rate
// limit with Retry-After, 409 once closed, the support inbox for admins only (and its live
// topic), and typing.
#include "reskflow/deliveries/delivery.h"
#include "reskflow/testing/client.h"
#include "test_fixture.h"

namespace reskflow::chat::testing {
namespace {

using reskflow::testing::WsClient;

boost::json::object message_of(const std::optional<std::string>& m) {
  return m ? boost::json::parse(*m).as_object() : boost::json::object{{"type", "nothing"}};
}

class ChatRoutesTest : public ChatFixture {
 protected:
  void SetUp() override {
    ChatFixture::SetUp();
    if (HasFatalFailure()) return;
    settings.messages_burst = 3;
    settings.messages_per_minute = 1;
    rebuild(settings);
    serve({module.get()});
  }

  std::unique_ptr<WsClient> socket(const std::string& who) {
    return std::make_unique<WsClient>(
        port(), "/v1/ws",
        std::vector<std::pair<std::string, std::string>>{{"Authorization", "Bearer " + who}});
  }

  std::string delivery_conversation_id() {
    delivery_is(deliveries::status_assigned, dave);
    auto list = call("GET", "/v1/conversations?order_id=" + order_1, as_ada);
    EXPECT_EQ(list.status, 200) << list.body;
    const auto data = body_of(list).at("data").as_array();
    EXPECT_EQ(data.size(), 1u);
    return data.empty() ? std::string() : std::string(data[0].at("id").as_string());
  }

  static std::string body(std::string_view text) {
    return json::serialize(boost::json::object{{"body", text}});
  }

  const std::string as_ada = "customer:" + ada;
  const std::string as_bob = "customer:" + bob;
  const std::string as_dave = "driver:" + dave;
  const std::string as_root = "admin:" + root;
};

TEST_P(ChatRoutesTest, CustomerAndCourierTalkUntilTheDeliveryEnds) {
  const auto id = delivery_conversation_id();
  const auto path = "/v1/conversations/" + id;
  auto sent = call("POST", path + "/messages", as_dave, body("I'm at the door, call 0151 2345678"));
  ASSERT_EQ(sent.status, 201) << sent.body;
  EXPECT_EQ(sent.header("Cache-Control"), "no-store");
  EXPECT_EQ(body_of(sent).at("body").as_string(), "I'm at the door, call [phone hidden]");
  EXPECT_TRUE(body_of(sent).at("masked").as_bool());
  auto seen = call("GET", path, as_ada);
  ASSERT_EQ(seen.status, 200);
  EXPECT_EQ(body_of(seen).at("unread").as_int64(), 1);
  auto history = call("GET", path + "/messages?limit=10", as_ada);
  ASSERT_EQ(history.status, 200);
  EXPECT_EQ(body_of(history).at("data").as_array().size(), 1u);
  EXPECT_EQ(body_of(history).at("next_cursor"), nullptr);
  auto read = call("POST", path + "/read", as_ada, R"({"seq":1})");
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(body_of(read).at("unread").as_int64(), 0);

  delivery_is(deliveries::status_delivered, dave);
  auto late = call("POST", path + "/messages", as_ada, body("thanks"));
  EXPECT_EQ(late.status, 409);
  EXPECT_EQ(body_of(late).at("detail").as_string(),
            "this conversation is closed (the order was delivered); new messages are not "
            "accepted");
  auto close = call("POST", path + "/close", as_ada);
  EXPECT_EQ(close.status, 409);
}

TEST_P(ChatRoutesTest, OthersAreToldTheConversationDoesNotExist) {
  const auto path = "/v1/conversations/" + delivery_conversation_id();
  for (const auto& who : {as_bob, "driver:" + erin, as_root}) {
    EXPECT_EQ(call("GET", path, who).status, 404) << who;
    EXPECT_EQ(call("GET", path + "/messages", who).status, 404) << who;
    EXPECT_EQ(call("POST", path + "/messages", who, body("hi")).status, 404) << who;
  }
  EXPECT_EQ(call("GET", path).status, 401);
  EXPECT_EQ(call("POST", "/v1/conversations", "driver:" + dave, R"({"message":"hi"})").status, 403);
}

TEST_P(ChatRoutesTest, RefusesBlankAndOversizedMessages) {
  const auto path = "/v1/conversations/" + delivery_conversation_id() + "/messages";
  auto oversized = call("POST", path, as_ada, body(std::string(2001, 'a')));
  EXPECT_EQ(oversized.status, 422);
  EXPECT_EQ(error_fields(oversized), (std::set<std::string>{"body"}));
  // 2,000 characters of three bytes each: the limit counts characters, not bytes.
  std::string wide;
  for (int i = 0; i < 2000; ++i) wide += "\u20ac";
  EXPECT_EQ(call("POST", path, as_ada, body(wide)).status, 201);
  EXPECT_EQ(call("POST", path, as_ada, body("  \n ")).status, 422);
  EXPECT_EQ(call("POST", path, as_ada, R"({"body":"hi","extra":1})").status, 422);
}

TEST_P(ChatRoutesTest, RateLimitsSendersWithRetryAfter) {
  const auto path = "/v1/conversations/" + delivery_conversation_id() + "/messages";
  for (int i = 0; i < 3; ++i) ASSERT_EQ(call("POST", path, as_ada, body("hey")).status, 201);
  auto limited = call("POST", path, as_ada, body("hey"));
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(limited.header("Retry-After"), "60");
  EXPECT_EQ(body_of(limited).at("type").as_string(), "urn:reskflow:problem:rate-limited");
  // Per user: the courier still writes.
  EXPECT_EQ(call("POST", path, as_dave, body("coming")).status, 201);
  EXPECT_EQ(body_of(call("GET", path, as_dave)).at("data").as_array().size(), 4u);
}

TEST_P(ChatRoutesTest, AdminsAnswerSupportFromTheInbox) {
  auto opened =
      call("POST", "/v1/conversations", as_ada,
           json::serialize(boost::json::object{
               {"subject", "Missing fries"}, {"order_id", order_1}, {"message", "no fries"}}));
  ASSERT_EQ(opened.status, 201) << opened.body;
  const std::string id(body_of(opened).at("id").as_string());
  EXPECT_EQ(opened.header("Location"), "/v1/conversations/" + id);
  EXPECT_EQ(call("GET", "/v1/support/conversations", as_ada).status, 403);
  auto inbox = call("GET", "/v1/support/conversations", as_root);
  ASSERT_EQ(inbox.status, 200);
  ASSERT_EQ(body_of(inbox).at("data").as_array().size(), 1u);
  EXPECT_EQ(body_of(inbox).at("data").at(0).at("assignee_id"), nullptr);
  auto taken = call("POST", "/v1/support/conversations/" + id + "/assign", as_root);
  ASSERT_EQ(taken.status, 200) << taken.body;
  EXPECT_EQ(body_of(taken).at("assignee_id").as_string(), root);
  ASSERT_EQ(
      call("POST", "/v1/conversations/" + id + "/messages", as_root, body("refunding")).status,
      201);
  EXPECT_EQ(body_of(call("GET", "/v1/conversations/" + id, as_ada)).at("unread").as_int64(), 1);
  auto closed = call("POST", "/v1/conversations/" + id + "/close", as_root);
  ASSERT_EQ(closed.status, 200);
  EXPECT_EQ(body_of(closed).at("closed_reason").as_string(), "closed by support");
  EXPECT_TRUE(
      body_of(call("GET", "/v1/support/conversations", as_root)).at("data").as_array().empty());
  EXPECT_EQ(
      call("POST", "/v1/conversations", as_ada, R"({"message":"x","order_id":"nope"})").status,
      422);
}

TEST_P(ChatRoutesTest, TypingReachesTheOtherParticipantOverTheSocket) {
  const auto id = delivery_conversation_id();
  auto ada_socket = socket(as_ada);
  ada_socket->send(R"({"type":"subscribe","topic":"conversation.)" + id + "\"}");
  ASSERT_EQ(message_of(ada_socket->receive()).at("type").as_string(), "subscribed");
  auto dave_socket = socket(as_dave);
  dave_socket->send(R"({"type":"typing","conversation_id":")" + id + "\"}");
  EXPECT_EQ(message_of(dave_socket->receive()).at("type").as_string(), "typing.sent");
  const auto typing = message_of(ada_socket->receive());
  EXPECT_EQ(typing.at("topic").as_string(), "conversation." + id);
  EXPECT_EQ(typing.at("data").at("type").as_string(), "typing");
  EXPECT_EQ(typing.at("data").at("role").as_string(), "courier");

  auto bob_socket = socket(as_bob);
  bob_socket->send(R"({"type":"typing","conversation_id":")" + id + "\"}");
  const auto refused = message_of(bob_socket->receive());
  EXPECT_EQ(refused.at("type").as_string(), "error");
  EXPECT_EQ(refused.at("status").as_int64(), 404);
  bob_socket->send(R"({"type":"subscribe","topic":"conversation.)" + id + "\"}");
  EXPECT_EQ(message_of(bob_socket->receive()).at("status").as_int64(), 404);
}

TEST_P(ChatRoutesTest, SupportInboxHearsOfOpenedAndChangedConversations) {
  auto ada_socket = socket(as_ada);
  ada_socket->send(R"({"type":"subscribe","topic":"support.inbox"})");
  EXPECT_EQ(message_of(ada_socket->receive()).at("status").as_int64(), 403);
  auto root_socket = socket(as_root);
  root_socket->send(R"({"type":"subscribe","topic":"support.inbox"})");
  ASSERT_EQ(message_of(root_socket->receive()).at("type").as_string(), "subscribed");

  auto opened = call("POST", "/v1/conversations", as_ada,
                     json::serialize(boost::json::object{{"subject", "Wrong sauce"},
                                                         {"message", "I asked for no sauce"}}));
  ASSERT_EQ(opened.status, 201) << opened.body;
  const std::string id(body_of(opened).at("id").as_string());
  const auto heard = message_of(root_socket->receive());
  EXPECT_EQ(heard.at("topic").as_string(), "support.inbox");
  EXPECT_EQ(heard.at("data").at("conversation").at("id").as_string(), id);
  EXPECT_EQ(heard.at("data").at("conversation").at("assignee_id"), nullptr);

  ASSERT_EQ(call("POST", "/v1/support/conversations/" + id + "/assign", as_root).status, 200);
  const auto assigned = message_of(root_socket->receive());
  EXPECT_EQ(assigned.at("data").at("conversation").at("assignee_id").as_string(), root);
  ASSERT_EQ(call("POST", "/v1/conversations/" + id + "/close", as_ada).status, 200);
  const auto closed = message_of(root_socket->receive());
  EXPECT_EQ(closed.at("data").at("conversation").at("status").as_string(), "closed");
}

INSTANTIATE_TEST_SUITE_P(Engines, ChatRoutesTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

}  // namespace
}  // namespace reskflow::chat::testing
