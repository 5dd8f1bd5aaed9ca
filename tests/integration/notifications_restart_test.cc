// Mail across a provider outage and crashes (issue 17, requirement 2), on both engines: the mail
// server (smtp-server from npm) is down while two customers' orders are placed and delivered, so
// their mails wait in the queue. The server is killed with SIGKILL in the middle of a send (the
// mail server read the message and had not answered), restarted on the same database, killed
// again after the mail server accepted a message (250) but before the server could record it,
// and restarted once more. Every mail arrives, each recipient's in the order they were queued;
// each exactly once but the one whose acceptance the second kill cut off: SMTP can only send that
// one again (RFC 5321 §6.1), with the same Message-ID, so the receiver can tell the copy.
#include <gtest/gtest.h>

#include <signal.h>

#include <boost/json.hpp>

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <set>

#include "api.h"
#include "engines.h"
#include "process.h"
#include "reskflow/store/database.h"
#include "reskflow/testing/smtp_peer.h"
#include "shop.h"

namespace reskflow::testing {
namespace {

using namespace std::chrono_literals;

constexpr auto event_deadline = 60s;
// Each customer's welcome, email verification, and their order received, accepted, on its way
// and delivered; the merchant's welcome and verification.
constexpr std::size_t mails_expected = 2 * 6 + 2;
constexpr std::array<std::string_view, 5> delivery_moves{"accept", "preparing", "ready",
                                                         "picked-up", "delivered"};

struct Arrival {
  std::string message_id;  // <send id@reskflow>
  std::string to;
  std::string subject;
};

class NotificationsRestartTest : public ::testing::TestWithParam<TestEngine> {
 protected:
  void SetUp() override {
    ASSERT_NE(peer.port(), 0) << "the SMTP server did not start (npm ci?)";
    env = shop_env(
        url, dir.path(),
        {{"RESKFLOW_NOTIFICATIONS_SMTP_URL", "smtp://127.0.0.1:" + std::to_string(peer.port())},
         {"RESKFLOW_NOTIFICATIONS_SMTP_CA_FILE", certificate.cert_file.string()},
         {"RESKFLOW_NOTIFICATIONS_SEND_ATTEMPTS_MAX", "100"},
         {"RESKFLOW_NOTIFICATIONS_RETRY_BACKOFF_INITIAL_MS", "50"},
         {"RESKFLOW_NOTIFICATIONS_RETRY_BACKOFF_MAX_MS", "400"},
         {"RESKFLOW_NOTIFICATIONS_DISPATCH_INTERVAL_MS", "50"},
         {"RESKFLOW_NOTIFICATIONS_SEND_TIMEOUT_MS", "60000"},
         {"RESKFLOW_NODE_NAME", "restart-test"}});
  }

  // Reads the mail server's events, keeping every message, until `event` comes.
  void collect_until(std::string_view event) {
    while (true) {
      auto e = peer.next(event_deadline);
      ASSERT_TRUE(e) << "the mail server reported no " << event << "; the server said:\n"
                     << (server.process ? server.process->output() : "");
      const std::string_view name = e->at("event").as_string();
      if (name == "message") {
        arrivals.push_back(
            {std::string(e->at("message_id").as_string()),
             std::string(e->at("envelope").as_object().at("to").as_array().at(0).as_string()),
             std::string(e->at("subject").as_string())});
      }
      if (name == event) {
        last = std::move(*e);
        return;
      }
    }
  }

  void kill_server() {
    server.process->signal(SIGKILL);
    ASSERT_TRUE(server.process->wait_exit(30s));
  }

  void place_and_deliver(HttpClient& client, const std::string& token, int n);
  std::vector<std::pair<std::string, std::string>> email_sends();  // (id, status) by id
  void check_order();
  // Every email send with its status and last error, for a failure's message.
  std::string describe_sends() {
    auto db = store::Database::open(url);
    if (!db) return db.error().detail;
    auto rows = (*db)->read([&](store::Transaction& tx) {
      return tx.query(
          "SELECT id, status, attempts, last_error FROM notifications_sends WHERE channel = "
          "'email' ORDER BY id");
    });
    if (!rows) return rows.error().detail;
    std::string out;
    for (const auto r : *rows)
      out +=
          r.text(0) + " " + r.text(1) + " " + std::to_string(r.int64(2)) + " " + r.text(3) + "\n";
    return out;
  }

  TempDir dir;
  TestCertificate certificate = write_test_certificate(dir.path());
  SmtpPeer peer{{certificate}};
  std::string url = fresh_database_url(GetParam(), dir);
  std::map<std::string, std::string> env;
  Server server;
  Storefront shop;
  std::vector<Arrival> arrivals;
  boost::json::object last;
};

void NotificationsRestartTest::place_and_deliver(HttpClient& client, const std::string& token,
                                                 int n) {
  const auto cart = fill_cart(client, token, shop.merchant_id, {{shop.item_ids[0], 2}});
  const auto placed =
      call(client, "POST", "/v1/orders", token, checkout_body(cart, 100, "4242424242424242"),
           "order-" + std::to_string(n));
  ASSERT_EQ(placed.status, 201) << placed.body;
  const auto order_id = str(json_of(placed), "id");
  for (const auto move : delivery_moves) {
    boost::json::object body;
    if (move == "accept") body["prep_time_minutes"] = 15;
    const auto moved = call(client, "POST", "/v1/orders/" + order_id + "/" + std::string(move),
                            shop.owner_token, body);
    ASSERT_EQ(moved.status, 200) << move << ": " << moved.body;
  }
}

std::vector<std::pair<std::string, std::string>> NotificationsRestartTest::email_sends() {
  auto db = store::Database::open(url);
  EXPECT_TRUE(db) << db.error().detail;
  if (!db) return {};
  auto rows = (*db)->read([&](store::Transaction& tx) {
    return tx.query(
        "SELECT id, status FROM notifications_sends WHERE channel = 'email' ORDER BY id");
  });
  EXPECT_TRUE(rows) << rows.error().detail;
  std::vector<std::pair<std::string, std::string>> out;
  if (rows) {
    for (const auto r : *rows) out.emplace_back(r.text(0), r.text(1));
  }
  return out;
}

TEST_P(NotificationsRestartTest, MailWaitsForTheOutageAndSurvivesKillsInOrder) {
  ASSERT_TRUE(peer.command("down", event_deadline));
  server = start_server(env);
  {
    HttpClient client(server.port, 30s);
    shop = open_storefront(client, 0);
    for (int c = 0; c < 2; ++c) {
      const auto token =
          register_user(client, "c" + std::to_string(c) + "@example.com", "customer");
      place_and_deliver(client, token, c);
    }
  }
  collect_until("refused");  // the server tried, and its mail waits for the outage to end

  // Killed while a mail is on the wire: the mail server read it and had not answered.
  ASSERT_TRUE(peer.command("hold", event_deadline));
  ASSERT_TRUE(peer.command("up", event_deadline));
  collect_until("held");
  const std::string held = std::string(last.at("message_id").as_string());
  kill_server();

  // Killed after the mail server accepted the third mail sent from now on (250), before the
  // server learnt more than that and recorded it.
  ASSERT_TRUE(peer.command("stall 3", event_deadline));
  server = start_server(env);
  collect_until("stalled");
  const std::string stalled = std::string(last.at("message_id").as_string());
  kill_server();

  server = start_server(env);
  std::set<std::string> received;
  while (received.size() < mails_expected) {
    collect_until("message");
    ASSERT_FALSE(HasFatalFailure()) << describe_sends();
    for (const auto& a : arrivals) received.insert(a.message_id);
  }
  // A clean stop drains the dispatcher: the last mail's outcome is recorded before it exits.
  server.process->signal(SIGTERM);
  ASSERT_EQ(server.process->wait_exit(60s), 0) << server.process->output();
  const auto sends = email_sends();
  EXPECT_EQ(sends.size(), mails_expected) << describe_sends();
  for (const auto& [id, status] : sends) EXPECT_EQ(status, "sent") << id;

  std::map<std::string, int> copies;
  for (const auto& a : arrivals) ++copies[a.message_id];
  for (const auto& [id, status] : sends) {
    const auto message_id = "<" + id + "@reskflow>";
    EXPECT_EQ(copies[message_id], message_id == stalled ? 2 : 1) << message_id;
  }
  EXPECT_NE(held, stalled);
  EXPECT_EQ(copies[held], 1) << "the mail the first kill interrupted was sent again, once";

  check_order();
  std::printf("notifications restart test: %zu mails, %zu deliveries, held %s, stalled %s\n",
              sends.size(), arrivals.size(), held.c_str(), stalled.c_str());
}

// Each recipient's mails came in the order they were queued (send ids are time-ordered), and
// each customer heard of their order's steps in the order they happened.
void NotificationsRestartTest::check_order() {
  std::map<std::string, std::vector<Arrival>> firsts;
  std::set<std::string> seen;
  for (const auto& a : arrivals) {
    if (seen.insert(a.message_id).second) firsts[a.to].push_back(a);
  }
  for (const auto& [to, mails] : firsts) {
    EXPECT_TRUE(std::ranges::is_sorted(mails, {}, &Arrival::message_id)) << to;
  }
  for (const auto* customer : {"c0@example.com", "c1@example.com"}) {
    std::vector<std::string> subjects;
    for (const auto& a : firsts[customer]) {
      if (a.subject != "Order received" && a.subject != "Order accepted" &&
          a.subject != "On its way" && a.subject != "Delivered")
        continue;
      subjects.push_back(a.subject);
    }
    EXPECT_EQ(subjects, (std::vector<std::string>{"Order received", "Order accepted", "On its way",
                                                  "Delivered"}))
        << customer;
  }
}

INSTANTIATE_TEST_SUITE_P(Engines, NotificationsRestartTest,
                         ::testing::Values(TestEngine::sqlite, TestEngine::postgres),
                         [](const auto& test_info) { return engine_label(test_info.param); });

}  // namespace
}  // namespace reskflow::testing
