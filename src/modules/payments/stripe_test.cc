// The Stripe adapter against a local HTTP server that speaks Stripe's wire format (form-encoded
// PaymentIntents and Refunds, Idempotency-Key replays, card errors as 402), on both engines;
// the webhook signature scheme (t=, v1= HMAC-SHA256, tolerance) through the real route; and each
// call's trace context and client span, which the same server collects over OTLP/HTTP.
#include <openssl/hmac.h>

#include <boost/json.hpp>

#include <algorithm>
#include <map>
#include <mutex>
#include "reskflow/core/trace.h"
#include "reskflow/core/trace_client.h"
#include "reskflow/modules/routes.h"
#include "reskflow/modules/testing/served_routes.h"
#include "reskflow/testing/otlp.h"
#include "stripe_provider.h"
#include "test_fixture.h"

namespace reskflow::payments::testing {
namespace {

const std::string secret_key = "sk_test_4eC39HqLyjWDarjtT1zdp7dc";
const std::string webhook_secret = "whsec_test_secret";

// Stripe as far as the adapter uses it, with Stripe's idempotency: a key seen before replays
// the first answer.
class FakeStripe {
 public:
  struct Seen {
    std::string path;
    std::string idempotency_key;
    std::string traceparent;
    std::string tracestate;
    std::map<std::string, std::string> form;
  };

  http::Response handle(const http::Request& r) {
    std::lock_guard lock(mutex_);
    if (r.header("Authorization").value_or("") != "Bearer " + secret_key)
      return error(401, "invalid_request_error", "Invalid API Key provided");
    if (failing) return error(500, "api_error", "Something went wrong on Stripe's end.");
    const std::string key(r.header("Idempotency-Key").value_or(""));
    if (auto replay = answers_.find(key); replay != answers_.end()) return replay->second;
    std::vector<std::pair<std::string, std::string>> pairs;
    http::parse_query(r.body, pairs);
    seen.push_back({r.path,
                    key,
                    std::string(r.header("traceparent").value_or("")),
                    std::string(r.header("tracestate").value_or("")),
                    {pairs.begin(), pairs.end()}});
    auto answer = answer_to(r.path, seen.back().form);
    answers_.emplace(key, answer);
    return answer;
  }

  // POST /v1/traces: the spans an OTLP/HTTP exporter sends, kept as received.
  http::Response collect(const http::Request& r) {
    std::lock_guard lock(mutex_);
    for (auto& span : reskflow::testing::otlp_spans(r.body)) spans.push_back(std::move(span));
    return http::json(200, boost::json::object{});
  }

  std::vector<Seen> seen;
  std::vector<boost::json::object> spans;  // collected
  bool failing = false;

 private:
  static http::Response error(int status, std::string_view type, std::string_view message,
                              boost::json::object extra = {}) {
    extra["type"] = type;
    extra["message"] = message;
    return http::json(status, {{"error", std::move(extra)}});
  }

  http::Response answer_to(const std::string& path, std::map<std::string, std::string>& form) {
    if (path == "/v1/payment_intents") return create(form);
    if (path == "/v1/refunds") {
      auto& pi = intents_[form["payment_intent"]];
      pi["amount_refunded"] = pi["amount_refunded"].as_int64() + std::stoll(form["amount"]);
      return http::json(200, {{"id", "re_" + std::to_string(seen.size())},
                              {"object", "refund"},
                              {"status", "succeeded"}});
    }
    const auto id = path.substr(20, path.rfind('/') - 20);  // /v1/payment_intents/<id>/...
    auto& pi = intents_[id];
    if (path.ends_with("/capture")) {
      pi["status"] = "succeeded";
      pi["amount_received"] = std::stoll(form["amount_to_capture"]);
    } else if (path.ends_with("/increment_authorization")) {
      if (pi["payment_method"] == "pm_card_visa_incrementDeclined")
        return error(402, "card_error", "Your card has insufficient funds.",
                     {{"payment_intent", pi}});
      pi["amount"] = std::stoll(form["amount"]);
    } else {
      pi["status"] = "canceled";
    }
    return http::json(200, pi);
  }

  http::Response create(std::map<std::string, std::string>& form) {
    const auto id = "pi_" + std::to_string(intents_.size());
    boost::json::object pi{{"id", id},
                           {"object", "payment_intent"},
                           {"amount", std::stoll(form["amount"])},
                           {"currency", form["currency"]},
                           {"payment_method", form["payment_method"]},
                           {"amount_refunded", 0},
                           {"status", "requires_capture"}};
    if (form["payment_method"] == "pm_card_chargeDeclined") {
      pi["status"] = "requires_payment_method";
      intents_[id] = pi;
      return error(402, "card_error", "Your card was declined.", {{"payment_intent", pi}});
    }
    if (form["payment_method"] == "pm_card_threeDSecure2Required") {
      pi["status"] = "requires_action";
      pi["next_action"] = {{"type", "redirect_to_url"},
                           {"redirect_to_url", {{"url", "https://hooks.stripe.com/3ds/" + id}}}};
    }
    intents_[id] = pi;
    return http::json(200, pi);
  }

  std::mutex mutex_;
  std::map<std::string, http::Response> answers_;
  std::map<std::string, boost::json::object> intents_;
};

std::string signature_of(std::int64_t t, const std::string& payload, const std::string& secret) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  const auto message = std::to_string(t) + "." + payload;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac, &size);
  std::string hex;
  for (unsigned int i = 0; i < size; ++i) {
    static constexpr char digits[] = "0123456789abcdef";
    hex.push_back(digits[mac[i] >> 4U]);
    hex.push_back(digits[mac[i] & 15U]);
  }
  return "t=" + std::to_string(t) + ",v1=" + hex;
}

// Two servers on loopback: the fake Stripe (/v1/payment_intents, /v1/refunds), and the
// payments module's own routes (the webhook) behind the stand-in guard.
class StripeTest : public PaymentsFixture {
 protected:
  void SetUp() override {
    PaymentsFixture::SetUp();
    auto stripe_route = [this](std::string pattern) {
      return modules::worker_route("stripe", http::Method::post, std::move(pattern),
                                   http::Access::anyone(),
                                   [this](http::Request& r) { return stripe.handle(r); });
    };
    ASSERT_TRUE(stripe_router.add_all(
        {stripe_route("/v1/payment_intents"), stripe_route("/v1/payment_intents/{id}/capture"),
         stripe_route("/v1/payment_intents/{id}/cancel"),
         stripe_route("/v1/payment_intents/{id}/increment_authorization"),
         stripe_route("/v1/refunds"),
         modules::worker_route("collector", http::Method::post, "/v1/traces",
                               http::Access::anyone(),
                               [this](http::Request& r) { return stripe.collect(r); })}));
    auto stripe_started = modules::testing::ServedRoutes::start(stripe_router, hub(), registry());
    ASSERT_TRUE(stripe_started) << stripe_started.error().detail;
    stripe_served = std::move(*stripe_started);
    PaymentsSettings settings;
    settings.provider = "stripe";
    settings.stripe_base_url = "http://127.0.0.1:" + std::to_string(stripe_served->port());
    settings.stripe_secret_key = secret_key;
    settings.stripe_webhook_secret = webhook_secret;
    module = std::make_unique<PaymentsModuleImpl>(platform(), ledger_module->ledger(),
                                                  std::make_unique<StripeProvider>(settings),
                                                  settings, clock.clock());
    serve({module.get()});
  }

  int post_webhook(const std::string& payload, const std::string& signature) {
    return request("POST", "/v1/payments/webhooks/stripe", payload,
                   {{"Content-Type", "application/json"}, {"Stripe-Signature", signature}})
        .status;
  }

  FakeStripe stripe;
  http::Router stripe_router;
  std::unique_ptr<modules::testing::ServedRoutes> stripe_served;  // stops when the test is gone
};

TEST_P(StripeTest, AuthorizesCapturesAndRefundsInStripesFormat) {
  auto intent = authorize("order-1", "pm_card_visa");
  ASSERT_TRUE(intent) << intent.error().detail;
  EXPECT_EQ(intent->status, IntentStatus::authorized);
  ASSERT_EQ(stripe.seen.size(), 1U);
  EXPECT_EQ(stripe.seen[0].idempotency_key, "authorize:order-1:" + ada + ":0");
  EXPECT_EQ(stripe.seen[0].form["amount"], "2500");
  EXPECT_EQ(stripe.seen[0].form["currency"], "eur");
  EXPECT_EQ(stripe.seen[0].form["capture_method"], "manual");
  EXPECT_EQ(stripe.seen[0].form["description"], "order order-1");

  ASSERT_TRUE(payments().capture(intent->id, eur(2500), settlement_of_2500()));
  EXPECT_EQ(stripe.seen[1].path, "/v1/payment_intents/pi_0/capture");
  EXPECT_EQ(stripe.seen[1].form["amount_to_capture"], "2500");
  ASSERT_TRUE(payments().refund(intent->id, eur(1000), "cold pizza"));
  EXPECT_EQ(stripe.seen[2].form["payment_intent"], "pi_0");
  EXPECT_EQ(stripe.seen[2].form["amount"], "1000");
  EXPECT_TRUE(payments().refund(intent->id, eur(1000), "cold pizza"));  // a retry
  EXPECT_EQ(stripe.seen.size(), 3U);
  EXPECT_EQ(balance(ledger::AccountKind::processor_clearing), 1500);
}

TEST_P(StripeTest, SendsTheCallersTraceAsAChildSpanAndNoneOutsideATrace) {
  ASSERT_TRUE(authorize("order-1", "pm_card_visa"));
  ASSERT_EQ(stripe.seen.size(), 1U);
  EXPECT_EQ(stripe.seen[0].traceparent, "");
  EXPECT_EQ(stripe.seen[0].tracestate, "");
  const auto caller = trace::span_for_request(
      "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "congo=t61rcWkgMzE");
  {
    const trace::Scope scope(&caller);
    ASSERT_TRUE(authorize("order-2", "pm_card_visa"));
  }
  ASSERT_EQ(stripe.seen.size(), 2U);
  const auto sent = trace::parse_traceparent(stripe.seen[1].traceparent);
  ASSERT_TRUE(sent) << stripe.seen[1].traceparent;
  EXPECT_EQ(sent->trace_id, "0af7651916cd43dd8448eb211c80319c");
  EXPECT_NE(sent->span_id, caller.span_id);
  EXPECT_EQ(sent->flags, trace::sampled_flag);
  EXPECT_EQ(stripe.seen[1].tracestate, "congo=t61rcWkgMzE");
}

// With export on, each call to Stripe is a client span of the caller's trace (a decline, 402,
// marked as an error), and Stripe's own server span continues from it.
TEST_P(StripeTest, EachCallIsAClientSpanOfTheCallersTrace) {
  using reskflow::testing::otlp_attribute;
  metrics::Registry exporter_registry;
  auto exporter = trace::Exporter::open(
      {.endpoint = "http://127.0.0.1:" + std::to_string(stripe_served->port())}, exporter_registry);
  ASSERT_TRUE(exporter);
  trace::install(exporter->get());
  const auto caller =
      trace::span_for_request("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
  {
    const trace::Scope scope(&caller);
    EXPECT_TRUE(authorize("order-1", "pm_card_visa"));
    EXPECT_FALSE(authorize("order-2", "pm_card_chargeDeclined"));
  }
  trace::install(nullptr);
  (*exporter)->stop();
  std::vector<boost::json::object> clients;
  std::map<std::string, std::string> server_parents;  // Stripe's server spans: span -> parent
  for (const auto& span : stripe.spans) {
    if (span.at("traceId").as_string() != caller.trace_id) continue;
    if (span.at("kind").as_int64() == 3) clients.push_back(span);
    if (span.at("kind").as_int64() == 2)
      server_parents[std::string(span.at("spanId").as_string())] =
          std::string(span.at("parentSpanId").as_string());
  }
  ASSERT_EQ(clients.size(), 2U);
  const std::string base = "http://127.0.0.1:" + std::to_string(stripe_served->port());
  for (const auto& span : clients) {
    EXPECT_EQ(span.at("name").as_string(), "POST");
    EXPECT_EQ(span.at("parentSpanId").as_string(), caller.span_id);
    EXPECT_EQ(otlp_attribute(span, "url.full"), base + "/v1/payment_intents");
    EXPECT_EQ(otlp_attribute(span, "server.address"), "127.0.0.1");
  }
  EXPECT_EQ(otlp_attribute(clients[0], "http.response.status_code"), "200");
  EXPECT_EQ(clients[0].at("status").at("code").as_int64(), 0);
  EXPECT_EQ(otlp_attribute(clients[1], "http.response.status_code"), "402");
  EXPECT_EQ(otlp_attribute(clients[1], "error.type"), "402");
  EXPECT_EQ(clients[1].at("status").at("code").as_int64(), 2);
  std::vector<std::string> continued;
  for (const auto& [span, parent] : server_parents) continued.push_back(parent);
  for (const auto& span : clients)
    EXPECT_NE(std::ranges::find(continued, std::string(span.at("spanId").as_string())),
              continued.end())
        << "Stripe's server span continues the client span";
}

TEST_P(StripeTest, RaisesAHoldByIncrementalAuthorization) {
  auto intent = authorize("order-1", "pm_card_visa");
  ASSERT_TRUE(intent) << intent.error().detail;
  EXPECT_EQ(stripe.seen[0].form["payment_method_options[card][request_incremental_authorization]"],
            "if_available");
  auto raised = payments().increase(intent->id, eur(3000));
  ASSERT_TRUE(raised) << raised.error().detail;
  EXPECT_EQ(raised->amount, eur(3000));
  ASSERT_EQ(stripe.seen.size(), 2U);
  EXPECT_EQ(stripe.seen[1].path, "/v1/payment_intents/pi_0/increment_authorization");
  EXPECT_EQ(stripe.seen[1].form["amount"], "3000");
  EXPECT_EQ(stripe.seen[1].idempotency_key, "increment:" + intent->id + ":3000:1");
  EXPECT_TRUE(payments().increase(intent->id, eur(2800)));  // held already: nothing is sent
  EXPECT_EQ(stripe.seen.size(), 2U);
  ASSERT_TRUE(payments().capture(intent->id, eur(2500), settlement_of_2500()));
  EXPECT_EQ(stripe.seen[2].form["amount_to_capture"], "2500");

  auto other = authorize("order-2", "pm_card_visa_incrementDeclined");
  ASSERT_TRUE(other) << other.error().detail;
  auto declined = payments().increase(other->id, eur(5000));
  ASSERT_FALSE(declined);
  EXPECT_EQ(declined.error().code, ErrorCode::payment_declined);
  EXPECT_EQ(declined.error().detail, "Your card has insufficient funds.");
  EXPECT_EQ(payments().intent(other->id)->amount, eur(2500));
}

TEST_P(StripeTest, ACardErrorIsADeclineAndAnOutageStoresNothing) {
  auto declined = authorize("order-1", "pm_card_chargeDeclined");
  ASSERT_FALSE(declined);
  EXPECT_EQ(declined.error().code, ErrorCode::payment_declined);
  EXPECT_EQ(declined.error().detail, "Your card was declined.");
  stripe.failing = true;
  auto down = authorize("order-2", "pm_card_visa");
  ASSERT_FALSE(down);
  EXPECT_EQ(down.error().code, ErrorCode::unavailable);
  EXPECT_EQ(count("SELECT COUNT(*) FROM payments_intents WHERE order_id = 'order-2'"), 0);
}

TEST_P(StripeTest, ASignedWebhookCompletesTheChallenge) {
  auto pending = authorize("order-1", "pm_card_threeDSecure2Required");
  ASSERT_TRUE(pending) << pending.error().detail;
  EXPECT_EQ(pending->status, IntentStatus::requires_action);
  EXPECT_EQ(pending->challenge_url, "https://hooks.stripe.com/3ds/pi_0");
  const std::string payload =
      R"({"id":"evt_1","type":"payment_intent.amount_capturable_updated","data":{"object":)"
      R"({"id":"pi_0","object":"payment_intent","status":"requires_capture"}}})";
  const auto now_s = clock.now_us() / 1'000'000;
  EXPECT_EQ(post_webhook(payload, signature_of(now_s, payload, "whsec_other")), 400);
  EXPECT_EQ(post_webhook(payload, signature_of(now_s - 301, payload, webhook_secret)), 400);
  EXPECT_EQ(post_webhook(payload, "v1=abc"), 400);
  EXPECT_EQ(payments().intent(pending->id)->status, IntentStatus::requires_action);
  EXPECT_EQ(post_webhook(payload, signature_of(now_s - 299, payload, webhook_secret)), 200);
  EXPECT_EQ(payments().intent(pending->id)->status, IntentStatus::authorized);
  EXPECT_EQ(published().back().first, "payments.intent.authorized");
  // Stripe retries deliveries: the same event again changes nothing.
  EXPECT_EQ(post_webhook(payload, signature_of(now_s, payload, webhook_secret)), 200);
  EXPECT_EQ(published().size(), 2U);
}

TEST(StripeSignature, AcceptsAnyMatchingV1WithinTheTolerance) {
  const std::string payload = R"({"id":"evt_1"})";
  const auto header = signature_of(1000, payload, "whsec_x");
  const auto tolerance = std::chrono::seconds(300);
  EXPECT_TRUE(verify_stripe_signature(header, payload, "whsec_x", 1300, tolerance));
  EXPECT_FALSE(verify_stripe_signature(header, payload, "whsec_x", 1301, tolerance));
  EXPECT_FALSE(verify_stripe_signature(header, payload + " ", "whsec_x", 1000, tolerance));
  const auto rolled = "t=1000,v1=" + std::string(64, '0') + "," + header.substr(7);
  EXPECT_TRUE(verify_stripe_signature(rolled, payload, "whsec_x", 1000, tolerance));
  EXPECT_FALSE(verify_stripe_signature("", payload, "whsec_x", 1000, tolerance));
}

INSTANTIATE_TEST_SUITE_P(Engines, StripeTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

}  // namespace
}  // namespace reskflow::payments::testing
