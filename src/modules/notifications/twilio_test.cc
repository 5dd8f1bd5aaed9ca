// The Twilio adapter's wire format against the local server, its failures, and the
// X-Twilio-Signature scheme of status callbacks.
#include <sys/socket.h>

#include <netinet/in.h>

#include "test_fixture.h"

namespace reskflow::notifications::testing {
namespace {

using TwilioTest = NotificationsFixture;

TEST(TwilioSignature, MatchesTwiliosDocumentedExample) {
  const std::string url = "https://mycompany.com/myapp.php?foo=1&bar=2";
  const std::vector<std::pair<std::string, std::string>> params{{"Digits", "1234"},
                                                                {"To", "+18005551212"},
                                                                {"From", "+12349013030"},
                                                                {"Caller", "+12349013030"},
                                                                {"CallSid", "CA1234567890ABCDE"}};
  EXPECT_EQ(twilio_signature("12345", url, params), "0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
  EXPECT_TRUE(verify_twilio_signature("12345", url, params, "0/KCTR6DLpKmkAf8muzZqo1nDgQ="));
  EXPECT_FALSE(verify_twilio_signature("12346", url, params, "0/KCTR6DLpKmkAf8muzZqo1nDgQ="));
  auto changed = params;
  changed[0].second = "1235";
  EXPECT_FALSE(verify_twilio_signature("12345", url, changed, "0/KCTR6DLpKmkAf8muzZqo1nDgQ="));
  EXPECT_FALSE(verify_twilio_signature("12345", url, params, ""));
}

TEST_P(TwilioTest, SendsAFormWithBasicAuthAndReadsTheSid) {
  auto sender = senders().sms;
  auto accepted = sender->send({"send-1", "+15005550100", "", "Your courier is here", ""});
  ASSERT_TRUE(accepted) << accepted.error().detail;
  EXPECT_EQ(accepted->provider_id, "SM1");
  EXPECT_EQ(accepted->provider_status, "queued");
  const auto sms = twilio.messages();
  ASSERT_EQ(sms.size(), 1U);
  EXPECT_EQ(sms[0].at("Body"), "Your courier is here");
}

TEST_P(TwilioTest, AnOutageIsRetryableAndARefusalIsNot) {
  auto sender = senders().sms;
  twilio.set_down(true);
  auto down = sender->send({"send-1", "+15005550100", "", "hello", ""});
  ASSERT_FALSE(down);
  EXPECT_TRUE(retryable(down.error())) << down.error().detail;
  twilio.set_down(false);
  auto refused = sender->send({"send-2", "+15005550001", "", "hello", ""});
  ASSERT_FALSE(refused);
  EXPECT_FALSE(retryable(refused.error()));
  settings.twilio_auth_token = "wrong";
  auto unauthorised = make_twilio_sender({settings.twilio_base_url, account_sid, "wrong", "+1", "",
                                          std::chrono::milliseconds(5'000)})
                          ->send({"send-3", "+15005550100", "", "hello", ""});
  ASSERT_FALSE(unauthorised);
  EXPECT_FALSE(retryable(unauthorised.error()));
}

TEST_P(TwilioTest, AServerThatIsNotListeningIsRetryable) {
  // A port that was free a moment ago: nothing listens there.
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  socklen_t size = sizeof address;
  ASSERT_EQ(::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size), 0);
  ::close(fd);
  auto sender =
      make_twilio_sender({"http://127.0.0.1:" + std::to_string(ntohs(address.sin_port)),
                          account_sid, auth_token, "+1", "", std::chrono::milliseconds(5'000)});
  auto refused = sender->send({"send-1", "+15005550100", "", "hello", ""});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::unavailable) << refused.error().detail;
}

INSTANTIATE_TEST_SUITE_P(Engines, TwilioTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

}  // namespace
}  // namespace reskflow::notifications::testing
