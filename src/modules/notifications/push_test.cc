// Web Push against a real peer: a push service on loopback (tests/support/push_service.mjs) that
// checks the VAPID token and decrypts each message with the device's private key through an
// independent RFC 8188/8291 implementation (http_ece from npm). Also RFC 8291's own test vector,
// the key pair kept sealed across restarts, a 410 removing the device, an outage delaying then
// delivering once, and a refusal becoming a dead letter.
#include <fcntl.h>

#include <unistd.h>

#include <array>
#include <cstdio>

#include "reskflow/testing/client.h"
#include "test_fixture.h"
#include "vapid_keys.h"
#include "web_push.h"

namespace reskflow::notifications::testing {
namespace {

using reskflow::testing::HttpClient;

std::string decoded(std::string_view base64url) {
  return web_push::from_base64url(base64url).value_or("");
}

// The Node push service as a child process; it exits when the pipe it watches closes, so a test
// that dies never leaves it behind.
class PushService {
 public:
  PushService() {
    std::array<int, 2> lifeline{};
    if (::pipe2(lifeline.data(), O_CLOEXEC) != 0) return;
    ::fcntl(lifeline[0], F_SETFD, 0);  // the child keeps the reading end only
    const auto command =
        "exec node " +
        (reskflow::testing::source_dir() / "tests/support/push_service.mjs").string() + " " +
        std::to_string(lifeline[0]);
    output_ = ::popen(command.c_str(), "r");
    ::close(lifeline[0]);
    lifeline_ = lifeline[1];
    std::array<char, 128> line{};
    if (output_ == nullptr || std::fgets(line.data(), line.size(), output_) == nullptr) return;
    url_ = line.data();
    while (!url_.empty() && url_.back() == '\n') url_.pop_back();
    port_ = static_cast<std::uint16_t>(std::stoi(url_.substr(url_.rfind(':') + 1)));
  }
  ~PushService() {
    if (lifeline_ >= 0) ::close(lifeline_);
    if (output_ != nullptr) ::pclose(output_);
  }
  PushService(const PushService&) = delete;
  PushService& operator=(const PushService&) = delete;

  const std::string& url() const { return url_; }

  // A new device: its endpoint and keys, as the browser's PushSubscription.toJSON() gives them.
  boost::json::object subscribe() { return call("POST", "/subscriptions").as_object(); }
  // Every push to the device answered with `status` (0: received normally again).
  void answer_with(const std::string& device, int status) {
    call("PUT", "/answers/" + device,
         boost::json::serialize(boost::json::object{{"status", status}}));
  }
  boost::json::object received(const std::string& device) {
    return call("GET", "/received/" + device).as_object();
  }

 private:
  boost::json::value call(std::string_view method, const std::string& path, std::string body = {}) {
    HttpClient client(port_);
    const auto r = client.request(method, path, std::move(body));
    return r.body.empty() ? boost::json::value() : boost::json::parse(r.body);
  }

  FILE* output_ = nullptr;
  int lifeline_ = -1;
  std::string url_;
  std::uint16_t port_ = 0;
};

class PushTest : public NotificationsFixture {
 protected:
  // One push service for the suite: each test subscribes devices of its own.
  static void SetUpTestSuite() { service_ = std::make_unique<PushService>(); }
  static void TearDownTestSuite() { service_.reset(); }

  void SetUp() override {
    NotificationsFixture::SetUp();
    if (HasFatalFailure()) return;
    ASSERT_FALSE(push.url().empty()) << "the push service did not start (npm ci?)";
    ASSERT_TRUE(service().load_vapid_keys());
  }

  // Subscribes a new device of the push service for `user`: {device id, subscription id}.
  std::pair<std::string, std::string> device_of(const std::string& user) {
    const auto device = push.subscribe();
    const auto& keys = device.at("keys").as_object();
    auto stored = service().subscribe(user, {std::string(device.at("endpoint").as_string()),
                                             std::string(keys.at("p256dh").as_string()),
                                             std::string(keys.at("auth").as_string())});
    EXPECT_TRUE(stored) << stored.error().detail;
    return {std::string(device.at("id").as_string()), stored ? stored->subscription.id : ""};
  }

  std::vector<boost::json::object> messages(const std::string& device) {
    std::vector<boost::json::object> out;
    const auto received = push.received(device);
    for (const auto& refusal : received.at("refused").as_array())
      ADD_FAILURE() << "the push service refused a push: " << refusal.as_string();
    for (const auto& m : received.at("messages").as_array()) out.push_back(m.as_object());
    return out;
  }

  std::string push_status() {
    auto rows = db().read([&](store::Transaction& tx) {
      return tx.query("SELECT status FROM notifications_sends WHERE channel = 'push'");
    });
    return rows && !rows->empty() ? rows->front().text(0) : "";
  }

  static std::unique_ptr<PushService> service_;
  PushService& push = *service_;
};

std::unique_ptr<PushService> PushTest::service_;

TEST(WebPush, EncryptsRfc8291sTestVector) {
  const auto sender = web_push::key_pair_of(decoded("yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw"));
  ASSERT_TRUE(sender);
  EXPECT_EQ(
      web_push::base64url(sender->public_key),
      "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8");
  const auto body = web_push::encrypt_with(
      "When I grow up, I want to be a watermelon",
      decoded("BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-"
              "AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4"),
      decoded("BTBZMqHH6r4Tts7J_aSIgg"), *sender, decoded("DGv6ra1nlYgDCS1FRnbzlw"));
  ASSERT_TRUE(body) << body.error().detail;
  EXPECT_EQ(web_push::base64url(*body),
            "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocIn"
            "mYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNW"
            "QexSgSxsj_Qulcy4a-fN");
}

TEST(WebPush, AcceptsOnlyPointsOnTheCurve) {
  const auto pair = web_push::generate_key_pair();
  ASSERT_TRUE(pair);
  EXPECT_TRUE(web_push::valid_public_key(pair->public_key));
  auto off_curve = pair->public_key;
  off_curve.back() = static_cast<char>(off_curve.back() ^ 1);
  EXPECT_FALSE(web_push::valid_public_key(off_curve));
  EXPECT_FALSE(web_push::valid_public_key(pair->public_key.substr(0, 33)));  // compressed size
  EXPECT_FALSE(web_push::key_pair_of(std::string(32, '\0')));
  EXPECT_EQ(web_push::origin_of("https://push.example.net:8443/wpush/v2/abc?x=1"),
            "https://push.example.net:8443");
  EXPECT_EQ(web_push::origin_of("push.example.net/abc"), "");
}

TEST_P(PushTest, ADeviceReceivesTheNoticeEncryptedAndSignedForItsPushService) {
  const auto [device, subscription] = device_of(ada);
  const auto inbox = handle(order_event("delivered", "order-1"));
  ASSERT_EQ(inbox.size(), 1U);
  EXPECT_EQ(dispatch().sent, 2);  // the mail and the push
  const auto received = messages(device);
  ASSERT_EQ(received.size(), 1U);
  const auto& m = received[0];
  EXPECT_EQ(m.at("payload").at("title").as_string(), inbox[0].title);
  EXPECT_EQ(m.at("payload").at("body").as_string(), inbox[0].body);
  EXPECT_EQ(m.at("claims").at("aud").as_string(), push.url());
  EXPECT_EQ(m.at("claims").at("sub").as_string(), "mailto:ops@reskflow.example");
  EXPECT_EQ(m.at("k").as_string(), service().vapid_public_key().value_or(""));
  EXPECT_EQ(m.at("ttl").as_int64(), 86'400);
  EXPECT_EQ(m.at("urgency").as_string(), "normal");
  EXPECT_EQ(push_status(), "sent");
}

TEST_P(PushTest, APreferenceOffSendsNoPush) {
  const auto [device, subscription] = device_of(ada);
  Preferences off;
  off.choices[{Kind::order, Channel::push}] = false;
  ASSERT_TRUE(service().put_preferences(ada, off));
  handle(order_event("delivered", "order-1"));
  dispatch();
  EXPECT_TRUE(messages(device).empty());
  EXPECT_EQ(push_status(), "");
}

TEST_P(PushTest, GoneFromThePushServiceRemovesTheSubscription) {
  const auto [device, subscription] = device_of(ada);
  const auto [other_device, other] = device_of(ada);
  push.answer_with(device, 410);
  handle(order_event("delivered", "order-1"));
  const auto report = dispatch();
  EXPECT_EQ(report.skipped, 1);
  EXPECT_EQ(report.dead, 0);
  const auto left = service().push_subscriptions(ada);
  ASSERT_TRUE(left);
  ASSERT_EQ(left->size(), 1U);
  EXPECT_EQ(left->front().id, other);
  EXPECT_EQ(messages(other_device).size(), 1U);  // the other device was not held up
  handle(order_event("cancelled", "order-1"));
  dispatch();
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM notifications_sends WHERE subscription_id = $1", {subscription}),
      1);  // nothing more queued for the gone device
}

TEST_P(PushTest, AnOutageDelaysThePushThenDeliversItOnce) {
  const auto [device, subscription] = device_of(ada);
  push.answer_with(device, 503);
  handle(order_event("delivered", "order-1"));
  EXPECT_EQ(dispatch().retried, 1);
  push.answer_with(device, 0);
  EXPECT_EQ(dispatch().sent, 0);  // waiting out its backoff
  EXPECT_TRUE(messages(device).empty());
  clock.advance(std::chrono::milliseconds(settings.retry_backoff_initial_ms));
  EXPECT_EQ(dispatch().sent, 1);
  clock.advance(std::chrono::hours(1));
  EXPECT_EQ(dispatch().sent, 0);
  EXPECT_EQ(messages(device).size(), 1U);
  EXPECT_EQ(push_status(), "sent");
}

TEST_P(PushTest, ARefusedPushIsADeadLetter) {
  const auto [device, subscription] = device_of(ada);
  push.answer_with(device, 413);
  handle(order_event("delivered", "order-1"));
  EXPECT_EQ(dispatch().dead, 1);
  EXPECT_EQ(push_status(), "dead");
  EXPECT_EQ(service().push_subscriptions(ada)->size(), 1U);
}

TEST_P(PushTest, NeverPushesToThisServersOwnNetwork) {
  // A name that resolves to loopback (as a hostile DNS answer could): refused before connecting,
  // for good, when loopback is not allowed.
  const auto [device, subscription] = device_of(ada);
  settings.push_allow_loopback_http = false;
  module = std::make_unique<NotificationsModuleImpl>(platform(), Deps{directory, authenticator},
                                                     settings, senders(), clock.clock());
  ASSERT_TRUE(service().load_vapid_keys());
  handle(order_event("delivered", "order-1"));
  EXPECT_EQ(dispatch().dead, 1);
  EXPECT_EQ(push_status(), "dead");
  EXPECT_TRUE(push.received(device).at("messages").as_array().empty());
}

TEST_P(PushTest, TheGeneratedKeyPairSurvivesARestartAndStaysSealed) {
  const auto first = service().vapid_public_key();
  ASSERT_TRUE(first);
  module = std::make_unique<NotificationsModuleImpl>(platform(), Deps{directory, authenticator},
                                                     settings, senders(), clock.clock());
  ASSERT_TRUE(service().load_vapid_keys());
  EXPECT_EQ(service().vapid_public_key().value_or(""), *first);
  auto sealed = db().read([&](store::Transaction& tx) {
    return tx.query("SELECT sealed_private_key FROM notifications_keys");
  });
  ASSERT_TRUE(sealed);
  ASSERT_EQ(sealed->size(), 1U);
  EXPECT_TRUE(sealed->front().text(0).starts_with("v1."));
  auto other_key = settings;
  other_key.data_key = std::string(32, 'x');
  const auto refused = load_vapid_keys(db(), other_key, clock.now_us());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::internal);
}

TEST_P(PushTest, RefusesSubscriptionsItCouldNotUse) {
  const auto device = push.subscribe();
  const std::string p256dh(device.at("keys").at("p256dh").as_string());
  const std::string auth(device.at("keys").at("auth").as_string());
  const auto refused_field = [&](const SubscriptionRequest& r) {
    auto result = service().subscribe(ada, r);
    EXPECT_FALSE(result);
    return result || result.error().fields.empty() ? std::string()
                                                   : result.error().fields.front().field;
  };
  EXPECT_EQ(refused_field({"http://push.example.net/abc", p256dh, auth}), "endpoint");
  EXPECT_EQ(refused_field({"https://user@push.example.net/abc", p256dh, auth}), "endpoint");
  for (const auto* local :
       {"https://127.0.0.1/push", "https://10.0.0.7:8443/push", "https://[::1]/push",
        "https://2130706433/push", "https://localhost/push", "https://printer.localhost/push"})
    EXPECT_EQ(refused_field({local, p256dh, auth}), "endpoint") << local;
  EXPECT_EQ(refused_field({"https://push.example.net/abc", p256dh.substr(0, 40), auth}),
            "keys.p256dh");
  EXPECT_EQ(refused_field({"https://push.example.net/abc", p256dh, auth + "AAAA"}), "keys.auth");
  settings.push_allow_loopback_http = false;
  module = std::make_unique<NotificationsModuleImpl>(platform(), Deps{directory, authenticator},
                                                     settings, senders(), clock.clock());
  EXPECT_EQ(refused_field({std::string(device.at("endpoint").as_string()), p256dh, auth}),
            "endpoint");
}

TEST_P(PushTest, ADeviceCountsOnceAndTheNumberOfDevicesIsBounded) {
  settings.push_subscriptions_per_user_max = 2;
  module = std::make_unique<NotificationsModuleImpl>(platform(), Deps{directory, authenticator},
                                                     settings, senders(), clock.clock());
  const auto device = push.subscribe();
  const SubscriptionRequest request{std::string(device.at("endpoint").as_string()),
                                    std::string(device.at("keys").at("p256dh").as_string()),
                                    std::string(device.at("keys").at("auth").as_string())};
  EXPECT_TRUE(service().subscribe(ada, request).value().created);
  EXPECT_FALSE(service().subscribe(ada, request).value().created);  // the same device again
  device_of(ada);
  const auto third = push.subscribe();
  auto refused = service().subscribe(ada, {std::string(third.at("endpoint").as_string()),
                                           std::string(third.at("keys").at("p256dh").as_string()),
                                           std::string(third.at("keys").at("auth").as_string())});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::conflict);
  EXPECT_EQ(service().push_subscriptions(ada)->size(), 2U);
}

INSTANTIATE_TEST_SUITE_P(Engines, PushTest, RESKFLOW_ALL_ENGINES, store::testing::engine_test_name);

}  // namespace
}  // namespace reskflow::notifications::testing
