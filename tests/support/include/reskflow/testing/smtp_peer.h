// The SMTP server from npm that the mail tests send to (tests/support/smtp_server.mjs, smtp-server
// and mailparser), run as a child process on loopback with a certificate made for the test.
#pragma once

#include <boost/json.hpp>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace reskflow::testing {

// A self-signed P-256 certificate for 127.0.0.1 (a CA, so that it can be the client's trust
// anchor), written as PEM: the server's certificate and key, and the client's CA file.
struct TestCertificate {
  std::filesystem::path cert_file;
  std::filesystem::path key_file;
};
TestCertificate write_test_certificate(const std::filesystem::path& dir);

struct SmtpPeerOptions {
  TestCertificate certificate;
  bool starttls = true;  // offer STARTTLS (smtp-server's hideSTARTTLS otherwise)
  std::string user;      // with a password: AUTH required, after STARTTLS only
  std::string password;
};

class SmtpPeer {
 public:
  // Starts the server; port() is 0 when it did not start (node or npm ci missing).
  explicit SmtpPeer(const SmtpPeerOptions& options);
  ~SmtpPeer();
  SmtpPeer(const SmtpPeer&) = delete;
  SmtpPeer& operator=(const SmtpPeer&) = delete;

  std::uint16_t port() const { return port_; }

  // The next event the server reports ({"event": "message", ...}, see smtp_server.mjs), or
  // nullopt when none comes within `timeout`.
  std::optional<boost::json::object> next(std::chrono::milliseconds timeout);
  // The next event named `event`, the others before it passed over; nullopt past `timeout`.
  std::optional<boost::json::object> next(std::string_view event,
                                          std::chrono::milliseconds timeout);
  // Sends `down`, `up`, `hold`, `stall` or `ping` and waits for the server to take it; false if it
  // did not within `timeout`. Events that came before its answer are kept for next().
  bool command(std::string_view command, std::chrono::milliseconds timeout);

 private:
  std::optional<std::string> line(std::chrono::milliseconds timeout);

  FILE* output_ = nullptr;
  int commands_ = -1;
  std::string buffered_;
  std::vector<boost::json::object> pending_;  // read while waiting for a command's answer
  std::uint16_t port_ = 0;
};

}  // namespace reskflow::testing
