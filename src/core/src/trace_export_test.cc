// The OTLP/HTTP exporter against a local collector stand-in that parses the JSON it receives:
// batches, the bounded queue's drop counter, the server's span per request and the client span
// per outgoing call.
#include "reskflow/core/trace_export.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <mutex>
#include <thread>

#include "reskflow/core/server.h"
#include "reskflow/core/trace_client.h"
#include "reskflow/testing/client.h"
#include "reskflow/testing/otlp.h"
#include "reskflow/testing/paths.h"

namespace reskflow::trace {
namespace {

// Receives POST /v1/traces on loopback and keeps every span it was sent.
class Collector {
 public:
  Collector() {
    config_.host = "127.0.0.1";
    config_.port = 0;
    config_.io_threads = 1;
    config_.worker_threads = 1;
    config_.web_root = web_.path().string();
    config_.docs_dir = web_.path().string();
    EXPECT_TRUE(router_.add({http::Method::post, "/v1/traces", "test", http::Execution::worker,
                             http::Access::anyone(), [this](http::Request& r) {
                               record(r);
                               return http::json(200, boost::json::object{});
                             }}));
    server_ = std::make_unique<http::Server>(config_, router_, hub_, registry_);
    port_ = server_->listen(false).value();
    thread_ = std::thread([this] { server_->run(); });
  }
  ~Collector() {
    server_->request_stop();
    thread_.join();
  }
  Collector(const Collector&) = delete;
  Collector& operator=(const Collector&) = delete;

  std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::vector<boost::json::object> spans() {
    const std::lock_guard lock(mutex_);
    return spans_;
  }
  std::size_t posts() {
    const std::lock_guard lock(mutex_);
    return posts_;
  }
  boost::json::object resource() {
    const std::lock_guard lock(mutex_);
    return resource_;
  }

 private:
  void record(const http::Request& r) {
    const std::lock_guard lock(mutex_);
    EXPECT_EQ(r.header("Content-Type"), "application/json");
    ++posts_;
    const auto body = boost::json::parse(r.body);
    for (const auto& rs : body.at("resourceSpans").as_array())
      resource_ = rs.at("resource").as_object();
    for (auto& span : testing::otlp_spans(r.body)) spans_.push_back(std::move(span));
  }

  testing::TempDir web_;
  Config config_;
  metrics::Registry registry_;
  ws::Hub hub_{registry_};
  http::Router router_;
  std::unique_ptr<http::Server> server_;
  std::uint16_t port_ = 0;
  std::thread thread_;
  std::mutex mutex_;
  std::vector<boost::json::object> spans_;  // guarded by mutex_
  std::size_t posts_ = 0;                   // guarded by mutex_
  boost::json::object resource_;            // guarded by mutex_
};

using testing::otlp_attribute;

FinishedSpan finished(std::string name, const Span& span) {
  return {span, std::move(name), SpanKind::consumer, 1'000, 2'000, false, {}, {{"n", 7}}};
}

TEST(TraceExport, PostsBatchesOfOtlpJsonAndFlushesAtStop) {
  Collector collector;
  metrics::Registry registry;
  auto exporter = Exporter::open(
      {.endpoint = collector.endpoint() + "/", .service_instance = "node-a", .batch_spans_max = 2},
      registry);
  ASSERT_TRUE(exporter) << exporter.error().detail;
  const auto root = new_root();
  const auto child = child_of(root);
  auto unsampled = child_of(root);
  unsampled.flags = 0;
  (*exporter)->record(finished("first", root));
  (*exporter)->record(finished("second", child));
  (*exporter)->record(finished("third", child));
  (*exporter)->record(finished("never", unsampled));
  (*exporter)->stop();
  const auto spans = collector.spans();
  ASSERT_EQ(spans.size(), 3u);
  EXPECT_EQ(collector.posts(), 2u) << "a batch of two, then the rest at stop";
  EXPECT_EQ(spans[0].at("name").as_string(), "first");
  EXPECT_EQ(spans[0].at("traceId").as_string(), root.trace_id);
  EXPECT_FALSE(spans[0].contains("parentSpanId"));
  EXPECT_EQ(spans[1].at("parentSpanId").as_string(), root.span_id);
  EXPECT_EQ(spans[1].at("kind").as_int64(), 5);
  EXPECT_EQ(spans[1].at("startTimeUnixNano").as_string(), "1000");
  EXPECT_EQ(otlp_attribute(spans[1], "n"), "7");
  EXPECT_EQ(collector.resource().at("attributes").as_array().size(), 2u);
  EXPECT_EQ(registry.counter("trace_spans_exported_total", "").value(), 3.0);
  EXPECT_EQ(registry.counter("trace_spans_dropped_total", "").value(), 0.0);
}

TEST(TraceExport, DropsAndCountsSpansBeyondTheQueueAndNeverBlocks) {
  Collector collector;
  metrics::Registry registry;
  // The batch never fills and the interval never passes: only stop() posts.
  auto exporter = Exporter::open({.endpoint = collector.endpoint(),
                                  .queue_spans_max = 2,
                                  .batch_spans_max = 10,
                                  .export_interval_ms = std::chrono::hours{1}},
                                 registry);
  ASSERT_TRUE(exporter);
  const auto root = new_root();
  for (int i = 0; i < 5; ++i) (*exporter)->record(finished("s" + std::to_string(i), root));
  EXPECT_EQ(registry.counter("trace_spans_dropped_total", "").value(), 3.0);
  (*exporter)->stop();
  EXPECT_EQ(collector.spans().size(), 2u);
}

TEST(TraceExport, CountsABatchTheCollectorCannotTake) {
  metrics::Registry registry;
  std::string endpoint;
  {
    Collector gone;  // a port that nothing listens on any more
    endpoint = gone.endpoint() + "/nowhere";
  }
  auto exporter = Exporter::open({.endpoint = endpoint}, registry);
  ASSERT_TRUE(exporter);
  (*exporter)->record(finished("lost", new_root()));
  (*exporter)->stop();
  EXPECT_EQ(registry.counter("trace_export_failures_total", "").value(), 1.0);
  EXPECT_EQ(registry.counter("trace_spans_dropped_total", "").value(), 1.0);
}

TEST(TraceExport, RefusesAnEndpointThatIsNotHttp) {
  metrics::Registry registry;
  EXPECT_FALSE(Exporter::open({.endpoint = "collector:4318"}, registry));
}

TEST(TraceExport, TheServerExportsASpanPerRequestAfterTheHttpConventions) {
  Collector collector;
  metrics::Registry registry;
  auto exporter = Exporter::open({.endpoint = collector.endpoint()}, registry);
  ASSERT_TRUE(exporter);
  install(exporter->get());
  {
    testing::TempDir web;
    Config config;
    config.host = "127.0.0.1";
    config.port = 0;
    config.web_root = web.path().string();
    config.docs_dir = web.path().string();
    http::Router router;
    ASSERT_TRUE(router.add({http::Method::get, "/v1/things/{id}", "test", http::Execution::worker,
                            http::Access::anyone(), [](http::Request&) {
                              return http::json(503, {{"down", true}});
                            }}));
    metrics::Registry server_registry;
    ws::Hub hub{server_registry};
    http::Server server(config, router, hub, server_registry);
    const auto port = server.listen(false).value();
    std::thread thread([&] { server.run(); });
    testing::HttpClient client(port);
    const auto r = client.request(
        "GET", "/v1/things/42", "",
        {{"traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}});
    EXPECT_EQ(r.status, 503);
    server.request_stop();
    thread.join();
  }
  install(nullptr);
  (*exporter)->stop();
  std::vector<boost::json::object> ours;
  for (auto& span : collector.spans()) {
    if (span.at("traceId").as_string() == "4bf92f3577b34da6a3ce929d0e0e4736") ours.push_back(span);
  }
  ASSERT_EQ(ours.size(), 1u);
  const auto& span = ours.front();
  EXPECT_EQ(span.at("name").as_string(), "GET /v1/things/{id}");
  EXPECT_EQ(span.at("kind").as_int64(), 2);
  EXPECT_EQ(span.at("parentSpanId").as_string(), "00f067aa0ba902b7");
  EXPECT_EQ(span.at("status").at("code").as_int64(), 2);
  EXPECT_EQ(otlp_attribute(span, "http.request.method"), "GET");
  EXPECT_EQ(otlp_attribute(span, "http.route"), "/v1/things/{id}");
  EXPECT_EQ(otlp_attribute(span, "url.path"), "/v1/things/42");
  EXPECT_EQ(otlp_attribute(span, "http.response.status_code"), "503");
  EXPECT_EQ(otlp_attribute(span, "client.address"), "127.0.0.1");
}

// Three calls from inside a request's trace: answered, refused by the server, timed out.
void make_three_calls(const Span& parent) {
  const Scope scope(&parent);
  {
    ClientSpan call("POST", "https://user:secret@api.example.test:8443/v1/things?expand=all");
    call.answered(201);
  }
  {
    ClientSpan call("GET", "http://127.0.0.1/v1/down");
    call.answered(503);
  }
  ClientSpan call("POST", "https://node.example.test/v3/an-api-key", UrlShown::origin_only);
  call.failed(Error{ErrorCode::timeout, "the Ethereum node did not answer in time", {}, {}});
}

TEST(TraceExport, EachOutgoingCallIsAClientSpanAfterTheHttpConventions) {
  Collector collector;
  metrics::Registry registry;
  auto exporter = Exporter::open({.endpoint = collector.endpoint()}, registry);
  ASSERT_TRUE(exporter);
  install(exporter->get());
  const auto parent = span_for_request("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                                       "congo=t61rcWkgMzE");
  make_three_calls(parent);
  install(nullptr);
  (*exporter)->stop();
  const auto spans = collector.spans();
  ASSERT_EQ(spans.size(), 3u);
  for (const auto& span : spans) {
    EXPECT_EQ(span.at("kind").as_int64(), 3);
    EXPECT_EQ(span.at("traceId").as_string(), parent.trace_id);
    EXPECT_EQ(span.at("parentSpanId").as_string(), parent.span_id);
    EXPECT_EQ(span.at("traceState").as_string(), "congo=t61rcWkgMzE");
  }
  EXPECT_EQ(spans[0].at("name").as_string(), "POST");
  EXPECT_EQ(otlp_attribute(spans[0], "http.request.method"), "POST");
  EXPECT_EQ(otlp_attribute(spans[0], "server.address"), "api.example.test");
  EXPECT_EQ(otlp_attribute(spans[0], "server.port"), "8443");
  EXPECT_EQ(otlp_attribute(spans[0], "url.full"),
            "https://api.example.test:8443/v1/things?expand=all");
  EXPECT_EQ(otlp_attribute(spans[0], "http.response.status_code"), "201");
  EXPECT_EQ(spans[0].at("status").at("code").as_int64(), 0);
  EXPECT_EQ(otlp_attribute(spans[0], "error.type"), "<absent>");
  EXPECT_EQ(otlp_attribute(spans[1], "server.port"), "80");
  EXPECT_EQ(spans[1].at("status").at("code").as_int64(), 2);
  EXPECT_EQ(otlp_attribute(spans[1], "error.type"), "503");
  EXPECT_EQ(otlp_attribute(spans[2], "url.full"), "https://node.example.test");
  EXPECT_EQ(otlp_attribute(spans[2], "server.port"), "443");
  EXPECT_EQ(spans[2].at("status").at("code").as_int64(), 2);
  EXPECT_EQ(spans[2].at("status").at("message").as_string(),
            "the Ethereum node did not answer in time");
  EXPECT_EQ(otlp_attribute(spans[2], "error.type"), "timeout");
  EXPECT_EQ(otlp_attribute(spans[2], "http.response.status_code"), "<absent>");
}

}  // namespace
}  // namespace reskflow::trace
