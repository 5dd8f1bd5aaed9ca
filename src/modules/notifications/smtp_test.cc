// The SMTP sender against a local SMTP server that offers STARTTLS with a certificate made for
// the test: the connection is upgraded before anything is sent, and the test reads the message
// back (headers, text and HTML parts); a server without STARTTLS gets nothing.
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <sys/socket.h>

#include <netinet/in.h>
#include <unistd.h>

#include <cstdio>
#include <memory>
#include <string>
#include <thread>

#include "channels.h"
#include "reskflow/testing/paths.h"

namespace reskflow::notifications {
namespace {

// A self-signed certificate for 127.0.0.1, written as PEM for the client's CA file.
struct TestCertificate {
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key{EVP_EC_gen("P-256"), EVP_PKEY_free};
  std::unique_ptr<X509, decltype(&X509_free)> cert{X509_new(), X509_free};

  TestCertificate() {
    X509_set_version(cert.get(), 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 3600);
    X509_set_pubkey(cert.get(), key.get());
    auto* name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>("127.0.0.1"), -1, -1, 0);
    X509_set_issuer_name(cert.get(), name);
    X509V3_CTX ctx;
    X509V3_set_ctx(&ctx, cert.get(), cert.get(), nullptr, nullptr, 0);
    for (const auto& [nid, value] : {std::pair{NID_subject_alt_name, "IP:127.0.0.1"},
                                     std::pair{NID_basic_constraints, "critical,CA:TRUE"}}) {
      auto* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
      X509_add_ext(cert.get(), ext, -1);
      X509_EXTENSION_free(ext);
    }
    X509_sign(cert.get(), key.get(), EVP_sha256());
  }

  void write_pem(const std::string& path) const {
    std::unique_ptr<FILE, decltype(&std::fclose)> out(std::fopen(path.c_str(), "w"), std::fclose);
    PEM_write_X509(out.get(), cert.get());
  }
};

// One SMTP session at a time on loopback; what the client sent is kept for the test.
class SmtpServer {
 public:
  SmtpServer(const TestCertificate& certificate, bool offer_starttls)
      : offer_starttls_(offer_starttls), tls_(SSL_CTX_new(TLS_server_method()), SSL_CTX_free) {
    SSL_CTX_use_certificate(tls_.get(), certificate.cert.get());
    SSL_CTX_use_PrivateKey(tls_.get(), certificate.key.get());
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address);
    socklen_t size = sizeof address;
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &size);
    port_ = ntohs(address.sin_port);
    ::listen(listener_, 1);
    thread_ = std::thread([this] { serve_one(); });
  }
  ~SmtpServer() {
    wait();
    ::close(listener_);
  }
  SmtpServer(const SmtpServer&) = delete;
  SmtpServer& operator=(const SmtpServer&) = delete;

  std::uint16_t port() const { return port_; }
  // Waits for the session to end; what follows is valid after it.
  void wait() {
    if (thread_.joinable()) thread_.join();
  }
  std::string transcript;  // every command the client sent
  std::string data;        // the message between DATA and the final dot
  bool upgraded = false;   // MAIL FROM came after the TLS handshake

 private:
  // A line (without CRLF) over the plain socket or TLS.
  std::string read_line(int fd, SSL* ssl) {
    std::string line;
    char c = 0;
    while (true) {
      const auto n = ssl != nullptr ? SSL_read(ssl, &c, 1) : static_cast<int>(::read(fd, &c, 1));
      if (n <= 0) return line;
      if (c == '\n') break;
      if (c != '\r') line.push_back(c);
    }
    return line;
  }

  void write(int fd, SSL* ssl, const std::string& text) {
    if (ssl != nullptr) {
      SSL_write(ssl, text.data(), static_cast<int>(text.size()));
    } else {
      (void)::write(fd, text.data(), text.size());
    }
  }

  void serve_one() {
    const int fd = ::accept(listener_, nullptr, nullptr);
    SSL* ssl = nullptr;
    write(fd, ssl, "220 localhost ESMTP test\r\n");
    for (auto line = read_line(fd, ssl); !line.empty(); line = read_line(fd, ssl)) {
      transcript += line + "\n";
      if (line.starts_with("EHLO")) {
        write(fd, ssl,
              offer_starttls_ && ssl == nullptr ? "250-localhost\r\n250 STARTTLS\r\n"
                                                : "250 localhost\r\n");
      } else if (line == "STARTTLS") {
        write(fd, ssl, "220 ready to start TLS\r\n");
        ssl = SSL_new(tls_.get());
        SSL_set_fd(ssl, fd);
        if (SSL_accept(ssl) != 1) break;
      } else if (line.starts_with("MAIL FROM")) {
        upgraded = ssl != nullptr;
        write(fd, ssl, "250 ok\r\n");
      } else if (line.starts_with("RCPT TO")) {
        write(fd, ssl, "250 ok\r\n");
      } else if (line == "DATA") {
        write(fd, ssl, "354 go ahead\r\n");
        for (auto d = read_line(fd, ssl); d != "."; d = read_line(fd, ssl)) data += d + "\n";
        write(fd, ssl, "250 queued\r\n");
      } else if (line == "QUIT") {
        write(fd, ssl, "221 bye\r\n");
        break;
      } else {
        write(fd, ssl, "502 not implemented\r\n");
      }
    }
    if (ssl != nullptr) {
      SSL_shutdown(ssl);
      SSL_free(ssl);
    }
    ::close(fd);
  }

  bool offer_starttls_;
  std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)> tls_;
  int listener_ = -1;
  std::uint16_t port_ = 0;
  std::thread thread_;
};

std::string base64_decoded(const std::string& lines) {
  std::string joined;
  for (const char c : lines)
    if (c != '\n') joined.push_back(c);
  std::string out(joined.size(), '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(joined.data()),
                                static_cast<int>(joined.size()));
  out.resize(static_cast<std::size_t>(n));
  while (!out.empty() && out.back() == '\0') out.pop_back();  // the padding's zero bytes
  return out;
}

// The base64 body of the part with this content type.
std::string part(const std::string& message, const std::string& type) {
  const auto header = message.find("Content-Type: " + type);
  const auto start = message.find("\n\n", header) + 2;
  const auto end = message.find("\n--", start);
  return base64_decoded(message.substr(start, end - start));
}

class SmtpTest : public ::testing::Test {
 protected:
  void SetUp() override { certificate.write_pem(ca_file()); }
  std::string ca_file() const { return (dir.path() / "ca.pem").string(); }

  reskflow::testing::TempDir dir;
  TestCertificate certificate;
  const Outgoing message{"0190f000-0000-7000-8000-000000000001", "ada@example.com",
                         "Commande reçue", "Votre commande #0000abcd de 25,50 €.",
                         "<h1>Commande reçue</h1>"};
};

TEST_F(SmtpTest, UpgradesWithStartTlsAndSendsBothParts) {
  SmtpServer server(certificate, true);
  auto sender = make_smtp_sender({"smtp://127.0.0.1:" + std::to_string(server.port()),
                                  "ReskFlow <no-reply@reskflow.localhost>", ca_file(),
                                  std::chrono::milliseconds(5'000)});
  auto accepted = sender->send(message);
  ASSERT_TRUE(accepted) << accepted.error().detail;
  EXPECT_EQ(accepted->provider_id, "<0190f000-0000-7000-8000-000000000001@reskflow>");
  server.wait();
  EXPECT_TRUE(server.upgraded) << server.transcript;
  EXPECT_NE(server.transcript.find("STARTTLS\n"), std::string::npos);
  EXPECT_NE(server.transcript.find("MAIL FROM:<no-reply@reskflow.localhost>"), std::string::npos)
      << server.transcript;
  EXPECT_NE(server.transcript.find("RCPT TO:<ada@example.com>"), std::string::npos);
  const auto& m = server.data;
  EXPECT_NE(m.find("To: ada@example.com\n"), std::string::npos) << m;
  EXPECT_NE(m.find("Subject: =?UTF-8?B?Q29tbWFuZGUgcmXDp3Vl?=\n"), std::string::npos) << m;
  EXPECT_NE(m.find("Message-ID: <0190f000-0000-7000-8000-000000000001@reskflow>"),
            std::string::npos);
  EXPECT_NE(m.find("Content-Type: multipart/alternative"), std::string::npos);
  EXPECT_EQ(part(m, "text/plain"), message.text);
  EXPECT_EQ(part(m, "text/html"), message.html);
}

TEST_F(SmtpTest, AServerWithoutStartTlsGetsNothing) {
  SmtpServer server(certificate, false);
  auto sender = make_smtp_sender({"smtp://127.0.0.1:" + std::to_string(server.port()),
                                  "no-reply@reskflow.localhost", ca_file(),
                                  std::chrono::milliseconds(5'000)});
  auto refused = sender->send(message);
  ASSERT_FALSE(refused);
  EXPECT_FALSE(retryable(refused.error())) << refused.error().detail;
  server.wait();
  EXPECT_EQ(server.transcript.find("MAIL FROM"), std::string::npos) << server.transcript;
  EXPECT_TRUE(server.data.empty());
}

TEST_F(SmtpTest, AnUntrustedCertificateGetsNothing) {
  SmtpServer server(certificate, true);
  auto sender =
      make_smtp_sender({"smtp://127.0.0.1:" + std::to_string(server.port()),
                        "no-reply@reskflow.localhost", "", std::chrono::milliseconds(5'000)});
  ASSERT_FALSE(sender->send(message));
  server.wait();
  EXPECT_FALSE(server.upgraded);
  EXPECT_TRUE(server.data.empty());
}

}  // namespace
}  // namespace reskflow::notifications
