// The hub's subscriptions as clients live them: a closed connection leaves every topic it
// followed and no other, a subscription counts once, and a closed connection cannot subscribe.
#include "reskflow/core/ws_hub.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

namespace reskflow::ws {
namespace {

struct Inbox : Peer {
  void send(std::shared_ptr<const std::string> message) override { received.push_back(*message); }
  void close_going_away() override {}
  std::vector<std::string> received;
};

class HubTest : public ::testing::Test {
 protected:
  HubTest() {
    EXPECT_TRUE(hub.add_topic_family(
        "delivery", [](const http::Request&, std::string_view) { return Status{}; }));
  }
  metrics::Registry registry;
  Hub hub{registry};
  http::Request upgrade;
};

TEST_F(HubTest, AClosedConnectionLeavesItsTopicsAndNoOneElses) {
  auto ada = std::make_shared<Inbox>();
  auto bob = std::make_shared<Inbox>();
  hub.attach(ada);
  hub.attach(bob);
  ASSERT_TRUE(hub.subscribe(ada, upgrade, "delivery.1"));
  ASSERT_TRUE(hub.subscribe(ada, upgrade, "delivery.2"));
  ASSERT_TRUE(hub.subscribe(bob, upgrade, "delivery.2"));

  hub.detach(ada.get());
  hub.publish("delivery.1", R"({"at":1})");
  hub.publish("delivery.2", R"({"at":2})");

  EXPECT_TRUE(ada->received.empty());
  EXPECT_EQ(bob->received,
            (std::vector<std::string>{R"({"type":"event","topic":"delivery.2","data":{"at":2}})"}));
  EXPECT_EQ(hub.subscriber_count("delivery.1"), 0U);
  EXPECT_EQ(hub.subscriber_count("delivery.2"), 1U);
  EXPECT_EQ(hub.connection_count(), 1U);
}

TEST_F(HubTest, ASubscriptionCountsOnceAndOneUnsubscribeEndsIt) {
  auto ada = std::make_shared<Inbox>();
  hub.attach(ada);
  ASSERT_TRUE(hub.subscribe(ada, upgrade, "delivery.1"));
  ASSERT_TRUE(hub.subscribe(ada, upgrade, "delivery.1"));
  hub.publish("delivery.1", "1");
  EXPECT_EQ(ada->received.size(), 1U);

  hub.unsubscribe(ada.get(), "delivery.1");
  hub.publish("delivery.1", "2");
  EXPECT_EQ(ada->received.size(), 1U);
  EXPECT_EQ(hub.subscriber_count("delivery.1"), 0U);

  ASSERT_TRUE(hub.subscribe(ada, upgrade, "delivery.1"));
  hub.detach(ada.get());
  EXPECT_EQ(hub.subscriber_count("delivery.1"), 0U);
}

TEST_F(HubTest, AClosedConnectionCannotSubscribe) {
  auto ada = std::make_shared<Inbox>();
  hub.attach(ada);
  hub.detach(ada.get());
  const auto refused = hub.subscribe(ada, upgrade, "delivery.1");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::conflict);
  EXPECT_EQ(hub.subscriber_count("delivery.1"), 0U);
}

}  // namespace
}  // namespace reskflow::ws
