// The server behind Debian's nginx terminating TLS 1.3: HTTPS, WebSocket upgrade through the
// proxy, X-Forwarded-* honoured only from trusted proxies (client address, HSTS, who may read
// metrics), and 1001 on shutdown.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <thread>

#include "process.h"
#include "reskflow/testing/paths.h"
#include "tls_client.h"

namespace reskflow::testing {
namespace {

using namespace std::chrono_literals;

bool port_open(std::uint16_t port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(port);
  const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(fd);
  return ok;
}

std::string nginx_config(const std::filesystem::path& dir, std::uint16_t port,
                         std::uint16_t backend) {
  const auto d = dir.string();
  return "worker_processes 1; daemon off; pid " + d + "/nginx.pid; error_log " + d +
         "/error.log;\nevents {}\nhttp {\n access_log off;\n client_body_temp_path " + d +
         "/t; proxy_temp_path " + d + "/t; fastcgi_temp_path " + d + "/t; uwsgi_temp_path " + d +
         "/t; scgi_temp_path " + d + "/t;\n" +
         " map $http_upgrade $connection_upgrade { default upgrade; '' close; }\n"
         " server {\n  listen 127.0.0.1:" +
         std::to_string(port) +
         " ssl;\n"
         "  ssl_certificate " +
         d + "/cert.pem; ssl_certificate_key " + d +
         "/key.pem;\n"
         "  ssl_protocols TLSv1.3;\n"
         "  location / {\n   proxy_pass http://127.0.0.1:" +
         std::to_string(backend) +
         ";\n"
         "   proxy_http_version 1.1;\n"
         "   proxy_set_header Upgrade $http_upgrade;\n"
         "   proxy_set_header Connection $connection_upgrade;\n"
         "   proxy_set_header Host $host;\n"
         "   proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n"
         "   proxy_set_header X-Forwarded-Proto $scheme;\n  }\n }\n}\n";
}

class ProxyTest : public ::testing::Test {
 protected:
  void start(const std::string& trusted_proxies, std::map<std::string, std::string> env = {}) {
    env.emplace("DATABASE_URL", "sqlite:" + (dir.path() / "r.db").string());
    env.emplace("LOG_LEVEL", "debug");
    env.emplace("RESKFLOW_TRUSTED_PROXIES", trusted_proxies);
    env.emplace("RESKFLOW_SYSTEM_STATUS_INTERVAL_MS", "100");
    server = start_server(std::move(env));
    std::filesystem::create_directories(dir.path() / "t");
    Process cert({"/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
                  (dir.path() / "key.pem").string(), "-out", (dir.path() / "cert.pem").string(),
                  "-days", "1", "-subj", "/CN=localhost"},
                 {});
    ASSERT_EQ(cert.wait_exit(60s), 0) << cert.output();
    port = free_port();
    std::ofstream(dir.path() / "nginx.conf") << nginx_config(dir.path(), port, server.port);
    nginx = std::make_unique<Process>(
        std::vector<std::string>{"/usr/sbin/nginx", "-c", (dir.path() / "nginx.conf").string(),
                                 "-e", (dir.path() / "error.log").string()},
        std::map<std::string, std::string>{});
    const auto deadline = std::chrono::steady_clock::now() + 30s;
    while (!port_open(port) && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::yield();
    }
    ASSERT_TRUE(port_open(port)) << nginx->output();
  }

  void TearDown() override {
    if (nginx) nginx->signal(SIGQUIT);
    if (nginx) nginx->wait_exit(10s);
  }

  std::string client_ip_logged_for(const std::string& path) {
    const auto line = server.process->wait_for_line(
        std::regex(R"re("event":"http_request".*"path":")re" + path + R"re(")re"), 10s);
    if (!line) return "not logged";
    std::smatch m;
    std::regex_search(*line, m, std::regex(R"re("client_ip":"([^"]*)")re"));
    return m[1];
  }

  TempDir dir;
  Server server;
  std::unique_ptr<Process> nginx;
  std::uint16_t port = 0;
};

TEST_F(ProxyTest, ServesHttpsAndWebSocketsThroughTheProxy) {
  start("127.0.0.1");
  const auto health = https_get(port, "/health");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(boost::json::parse(health.body).at("status").as_string(), "ok");

  WssClient ws(port, "/v1/ws");
  ws.send(R"({"type":"subscribe","topic":"system.status"})");
  EXPECT_EQ(boost::json::parse(*ws.receive()).at("type").as_string(), "subscribed");
  const auto event = boost::json::parse(*ws.receive()).as_object();
  EXPECT_EQ(event.at("type").as_string(), "event");
  EXPECT_EQ(event.at("topic").as_string(), "system.status");
  EXPECT_EQ(event.at("data").at("status").as_string(), "ok");

  server.process->signal(SIGTERM);
  while (ws.receive()) {
  }
  EXPECT_EQ(ws.close_code(), 1001);
  EXPECT_EQ(server.process->wait_exit(30s), 0);
}

TEST_F(ProxyTest, TakesTheClientAddressFromTrustedProxiesOnly) {
  start("127.0.0.1");
  https_get(port, "/health/ready", {{"X-Forwarded-For", "203.0.113.7"}});
  EXPECT_EQ(client_ip_logged_for("/health/ready"), "203.0.113.7");
}

TEST_F(ProxyTest, IgnoresForwardedForWhenTheProxyIsNotTrusted) {
  start("10.9.9.9");
  https_get(port, "/health/ready", {{"X-Forwarded-For", "203.0.113.7"}});
  EXPECT_EQ(client_ip_logged_for("/health/ready"), "127.0.0.1");
}

TEST_F(ProxyTest, TellsBrowsersToKeepToHttpsOnlyThroughATrustedProxy) {
  start("127.0.0.1");
  const auto https = https_get(port, "/health");
  EXPECT_EQ(https.header("Strict-Transport-Security"), "max-age=31536000");
  EXPECT_EQ(https.header("Referrer-Policy"), "strict-origin-when-cross-origin");
}

TEST_F(ProxyTest, SendsNoStrictTransportSecurityWhenTheProxyIsNotTrusted) {
  start("10.9.9.9");
  const auto https = https_get(port, "/health");
  EXPECT_EQ(https.status, 200);
  EXPECT_FALSE(https.header("Strict-Transport-Security"));
}

// The proxy on the same host connects from loopback: metrics must still be closed to the
// clients it forwards, and open to the scraper's token.
TEST_F(ProxyTest, KeepsMetricsAndStatusFromClientsBehindTheProxy) {
  const std::string token(48, 'm');
  start("127.0.0.1", {{"RESKFLOW_METRICS_TOKEN", token}});
  const std::vector<std::pair<std::string, std::string>> remote{{"X-Forwarded-For", "203.0.113.7"}};
  EXPECT_EQ(https_get(port, "/metrics", remote).status, 401);
  EXPECT_EQ(https_get(port, "/v1/system/status", remote).status, 401);
  auto with_token = remote;
  with_token.emplace_back("Authorization", "Bearer " + token);
  const auto scraped = https_get(port, "/metrics", with_token);
  EXPECT_EQ(scraped.status, 200);
  EXPECT_NE(scraped.body.find("http_requests_total"), std::string::npos);
  EXPECT_EQ(https_get(port, "/health", remote).status, 200);
}

}  // namespace
}  // namespace reskflow::testing
