// add_topic_families: each family answered by the module's authoriser with the topic asked for,
// and a family another module already took refused by name.
#include "reskflow/modules/topics.h"

#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "reskflow/modules/testing/module_fixture.h"

namespace reskflow::modules {
namespace {

// A module with two families whose authoriser admits only the topics of merchant "luigi".
struct TopicOwner {
  Status authorize(const http::Request&, std::string_view topic) {
    asked.emplace_back(topic);
    if (topic.ends_with(".luigi")) return {};
    return fail(ErrorCode::not_found, "no such topic");
  }
  std::vector<std::string> asked;
};

TEST(TopicFamilies, EachFamilyAsksTheOwnersAuthoriser) {
  metrics::Registry registry;
  ws::Hub hub(registry);
  TopicOwner owner;
  ASSERT_TRUE(add_topic_families(hub, {"order", "merchant"}, owner, &TopicOwner::authorize));
  auto peer = std::make_shared<testing::RecordingPeer>();
  hub.attach(peer);
  EXPECT_TRUE(hub.subscribe(peer, http::Request{}, "merchant.luigi"));
  EXPECT_EQ(hub.subscribe(peer, http::Request{}, "order.mario").error().code, ErrorCode::not_found);
  EXPECT_EQ(owner.asked, (std::vector<std::string>{"merchant.luigi", "order.mario"}));
  EXPECT_EQ(hub.subscriber_count("merchant.luigi"), 1U);
  hub.detach(peer.get());
}

TEST(TopicFamilies, RefusesAFamilyAlreadyTaken) {
  metrics::Registry registry;
  ws::Hub hub(registry);
  TopicOwner first, second;
  ASSERT_TRUE(add_topic_families(hub, {"cart"}, first, &TopicOwner::authorize));
  const auto taken = add_topic_families(hub, {"chat", "cart"}, second, &TopicOwner::authorize);
  ASSERT_FALSE(taken);
  EXPECT_NE(taken.error().detail.find("cart"), std::string::npos) << taken.error().detail;
}

}  // namespace
}  // namespace reskflow::modules
