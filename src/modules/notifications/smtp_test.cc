// The SMTP sender against the SMTP server from npm (smtp-server, tests/support/smtp_server.mjs)
// offering STARTTLS with a certificate made for the test: the connection is upgraded before
// anything is sent, AUTH follows when the URL has credentials, and the server's own parser
// (mailparser) reads the message back: envelope, headers, text and HTML parts. A server without
// STARTTLS, with a certificate not trusted or refusing the password gets nothing; one that is
// down is worth retrying.
#include <gtest/gtest.h>

#include <string>

#include "channels.h"
#include "reskflow/testing/paths.h"
#include "reskflow/testing/smtp_peer.h"

namespace reskflow::notifications {
namespace {

using namespace std::chrono_literals;
using reskflow::testing::SmtpPeer;
using reskflow::testing::SmtpPeerOptions;

std::string text(const boost::json::object& o, std::string_view key) {
  return std::string(o.at(key).as_string());
}

class SmtpTest : public ::testing::Test {
 protected:
  // The sender to the peer on `port` (credentials in the URL when given), trusting `ca_file`.
  std::unique_ptr<Sender> sender_to(std::uint16_t port, const std::string& credentials = "",
                                    std::string ca_file = "") {
    return make_smtp_sender({"smtp://" + credentials + "127.0.0.1:" + std::to_string(port),
                             "ReskFlow <no-reply@reskflow.localhost>", std::move(ca_file), 5s});
  }
  std::string ca_file() const { return certificate.cert_file.string(); }

  // Every message the peer accepted so far: it reports each before answering its DATA, and
  // the answer to a ping follows every report before it.
  static std::vector<boost::json::object> accepted(SmtpPeer& peer) {
    std::vector<boost::json::object> out;
    EXPECT_TRUE(peer.command("ping", 10s));
    while (auto m = peer.next("message", 0ms)) out.push_back(std::move(*m));
    return out;
  }

  reskflow::testing::TempDir dir;
  reskflow::testing::TestCertificate certificate =
      reskflow::testing::write_test_certificate(dir.path());
  const Outgoing message{"0190f000-0000-7000-8000-000000000001", "ada@example.com",
                         "Commande reçue", "Votre commande #0000abcd de 25,50 €.",
                         "<h1>Commande reçue</h1>"};
};

TEST_F(SmtpTest, UpgradesWithStartTlsAndSendsBothParts) {
  SmtpPeer peer({certificate});
  ASSERT_NE(peer.port(), 0) << "the SMTP server did not start (npm ci?)";
  auto sent = sender_to(peer.port(), "", ca_file())->send(message);
  ASSERT_TRUE(sent) << sent.error().detail;
  EXPECT_EQ(sent->provider_id, "<0190f000-0000-7000-8000-000000000001@reskflow>");
  const auto got = peer.next("message", 10s);
  ASSERT_TRUE(got);
  const auto& m = *got;
  EXPECT_TRUE(m.at("secure").as_bool()) << "the message came before STARTTLS";
  const auto& envelope = m.at("envelope").as_object();
  EXPECT_EQ(text(envelope, "from"), "no-reply@reskflow.localhost");
  EXPECT_EQ(envelope.at("to"), boost::json::value(boost::json::array{"ada@example.com"}));
  EXPECT_EQ(text(m, "from"), "ReskFlow <no-reply@reskflow.localhost>");
  EXPECT_EQ(text(m, "to"), "ada@example.com");
  EXPECT_EQ(text(m, "subject_raw"), "=?UTF-8?B?Q29tbWFuZGUgcmXDp3Vl?=");
  EXPECT_EQ(text(m, "subject"), "Commande reçue");
  EXPECT_EQ(text(m, "message_id"), "<0190f000-0000-7000-8000-000000000001@reskflow>");
  EXPECT_EQ(text(m, "content_type"), "multipart/alternative");
  EXPECT_EQ(text(m, "text"), message.text);
  EXPECT_EQ(text(m, "html"), message.html);
  EXPECT_TRUE(m.at("user").is_null());
}

TEST_F(SmtpTest, AuthenticatesAfterStartTlsWithTheUrlsCredentials) {
  SmtpPeer peer({certificate, true, "reskflow", "s3cret"});
  ASSERT_NE(peer.port(), 0) << "the SMTP server did not start (npm ci?)";
  auto sent = sender_to(peer.port(), "reskflow:s3cret@", ca_file())->send(message);
  ASSERT_TRUE(sent) << sent.error().detail;
  const auto got = peer.next("message", 10s);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->at("user"), boost::json::value("reskflow"));
  EXPECT_TRUE(got->at("secure").as_bool());
}

TEST_F(SmtpTest, AWrongPasswordGetsNothingAndIsNotRetried) {
  SmtpPeer peer({certificate, true, "reskflow", "s3cret"});
  ASSERT_NE(peer.port(), 0) << "the SMTP server did not start (npm ci?)";
  auto refused = sender_to(peer.port(), "reskflow:guess@", ca_file())->send(message);
  ASSERT_FALSE(refused);
  EXPECT_FALSE(retryable(refused.error())) << refused.error().detail;
  EXPECT_TRUE(accepted(peer).empty());
}

TEST_F(SmtpTest, AServerWithoutStartTlsGetsNothing) {
  SmtpPeer peer({certificate, false});
  ASSERT_NE(peer.port(), 0) << "the SMTP server did not start (npm ci?)";
  auto refused = sender_to(peer.port(), "", ca_file())->send(message);
  ASSERT_FALSE(refused);
  EXPECT_FALSE(retryable(refused.error())) << refused.error().detail;
  EXPECT_TRUE(accepted(peer).empty());
}

TEST_F(SmtpTest, AnUntrustedCertificateGetsNothing) {
  SmtpPeer peer({certificate});
  ASSERT_NE(peer.port(), 0) << "the SMTP server did not start (npm ci?)";
  ASSERT_FALSE(sender_to(peer.port())->send(message));
  EXPECT_TRUE(accepted(peer).empty());
}

TEST_F(SmtpTest, AServerThatIsDownIsWorthRetrying) {
  SmtpPeer peer({certificate});
  ASSERT_NE(peer.port(), 0) << "the SMTP server did not start (npm ci?)";
  ASSERT_TRUE(peer.command("down", 10s));
  auto deferred = sender_to(peer.port(), "", ca_file())->send(message);
  ASSERT_FALSE(deferred);
  EXPECT_TRUE(retryable(deferred.error())) << deferred.error().detail;
  EXPECT_TRUE(peer.next("refused", 10s));
  ASSERT_TRUE(peer.command("up", 10s));
  auto sent = sender_to(peer.port(), "", ca_file())->send(message);
  ASSERT_TRUE(sent) << sent.error().detail;
  EXPECT_EQ(accepted(peer).size(), 1U);
}

}  // namespace
}  // namespace reskflow::notifications
