// The server over real sockets: keep-alive, problem+json errors, limits, slow clients, gzip,
// static files, CORS, WebSocket topics, back-pressure and graceful shutdown.
#include "reskflow/core/server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <boost/json.hpp>
#include <fstream>
#include <future>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "reskflow/core/json_body.h"
#include "reskflow/core/trace.h"
#include "reskflow/core/trace_client.h"
#include "reskflow/testing/client.h"
#include "reskflow/testing/paths.h"

namespace reskflow::http {
namespace {

using testing::HttpClient;
using testing::WsClient;

constexpr std::size_t large_body_bytes = 8 * 1024 * 1024;

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    config.host = "127.0.0.1";
    config.port = 0;
    config.io_threads = 2;
    config.worker_threads = 2;
    config.body_bytes_max = 4096;
    config.header_bytes_max = 2048;
    config.read_timeout_ms = 2000;
    config.web_root = web.path().string();
    config.docs_dir = (web.path() / "no-docs").string();
    config.cors_origins = {"http://portal.test"};
    config.trusted_proxies = {"127.0.0.1"};
    std::filesystem::create_directories(web.path() / "assets");
    std::ofstream(web.path() / "index.html") << "<!doctype html><title>ReskFlow</title>";
    std::ofstream(web.path() / "assets" / "app.1a2b.js") << "console.log(1)";
    std::filesystem::create_directories(web.path() / "customer");
    std::ofstream(web.path() / "customer" / "index.html")
        << "<!doctype html><title>Customer</title>";
    add_routes();
  }

  void add_routes() {
    ASSERT_TRUE(router.add(
        {Method::get, "/v1/echo/{id}", "test", Execution::worker, Access::anyone(), [](Request& r) {
           return json(200, {{"id", *r.param("id")},
                             {"client_ip", r.client_ip},
                             {"secure", r.secure},
                             {"q", r.query_param("q").value_or("")}});
         }}));
    ASSERT_TRUE(router.add(
        {Method::post, "/v1/items", "test", Execution::worker, Access::anyone(), [](Request& r) {
           auto body = json::parse_object(r);
           if (!body) return problem(body.error(), r.request_id, r.path);
           json::ObjectReader reader(*body);
           auto name = reader.string("name", {.min_chars = 1});
           auto qty = reader.integer("quantity", {.min = 1, .max = 99});
           if (auto ok = reader.finish(); !ok) return problem(ok.error(), r.request_id, r.path);
           return json(201, {{"name", *name}, {"quantity", *qty}});
         }}));
    ASSERT_TRUE(router.add(
        {Method::get, "/v1/big", "test", Execution::worker, Access::anyone(), [](Request&) {
           boost::json::array a;
           for (int i = 0; i < 400; ++i) a.emplace_back("item-" + std::to_string(i));
           return json(200, {{"items", a}});
         }}));
    // Far more than a loopback socket's send buffer takes at once.
    ASSERT_TRUE(router.add(
        {Method::get, "/v1/large", "test", Execution::io, Access::anyone(), [](Request&) {
           Response r;
           r.content_type = "text/plain";
           r.body.resize(large_body_bytes);
           for (std::size_t i = 0; i < large_body_bytes; ++i)
             r.body[i] = static_cast<char>('0' + i % 10);
           return r;
         }}));
    ASSERT_TRUE(router.add(
        {Method::get, "/v1/traced", "test", Execution::worker, Access::anyone(), [](Request&) {
           const auto* span = trace::current();
           if (span == nullptr) return json(200, {{"traced", false}});
           // What a call to another service made here would carry.
           trace::ClientSpan call("GET", "http://example.test/next");
           call.answered(200);
           boost::json::object out{{"trace_id", span->trace_id}, {"span_id", span->span_id}};
           for (const auto& [name, value] : call.headers()) out[name] = value;
           return json(200, std::move(out));
         }}));
    ASSERT_TRUE(router.add({Method::get, "/v1/throw", "test", Execution::worker, Access::anyone(),
                            [](Request&) -> Response { throw std::runtime_error("boom"); }}));
    ASSERT_TRUE(router.add({Method::get, "/v1/mine", "test", Execution::worker,
                            Access::roles_in({"customer"}, "self"), [](Request& r) {
                              return json(200, {{"subject", r.principal->subject}});
                            }}));
    Route cached{Method::get,
                 "/v1/cached/{key}",
                 "test",
                 Execution::worker,
                 Access::anyone(),
                 [](Request& r) {
                   return json(200, {{"from", "worker"}, {"key", *r.param("key")}});
                 }};
    cached.fast = [](Request& r) -> std::optional<Response> {
      if (r.param("key") == "miss") return std::nullopt;
      if (r.param("key") == "broken") throw std::runtime_error("cache corrupted");
      return json(200, {{"from", "cache"}, {"key", *r.param("key")}});
    };
    ASSERT_TRUE(router.add(std::move(cached)));
    ASSERT_TRUE(hub.add_topic_family("test", [](const Request&, std::string_view topic) -> Status {
      if (topic == "test.secret") return fail(ErrorCode::forbidden, "not yours");
      return {};
    }));
  }

  void start() {
    server = std::make_unique<Server>(config, router, hub, registry);
    auto p = server->listen(false);
    ASSERT_TRUE(p) << p.error().detail;
    port = *p;
    thread = std::thread([this] { server->run(); });
  }

  void stop() {
    if (!thread.joinable()) return;
    server->request_stop();
    thread.join();
  }

  void TearDown() override { stop(); }

  testing::TempDir web;
  Config config;
  metrics::Registry registry;
  ws::Hub hub{registry};
  Router router;
  std::unique_ptr<Server> server;
  std::thread thread;
  std::uint16_t port = 0;
};

boost::json::object body_of(const testing::HttpResult& r) {
  return boost::json::parse(r.body).as_object();
}

TEST_F(ServerTest, KeepsConnectionAliveAndEchoesRequestId) {
  start();
  HttpClient client(port);
  auto a = client.request("GET", "/v1/echo/7?q=a%20b", "", {{"X-Request-Id", "req-123"}});
  EXPECT_EQ(a.status, 200);
  EXPECT_EQ(a.header("X-Request-Id"), "req-123");
  EXPECT_EQ(body_of(a).at("id").as_string(), "7");
  EXPECT_EQ(body_of(a).at("q").as_string(), "a b");
  EXPECT_TRUE(a.keep_alive);
  auto b = client.get("/v1/echo/8");
  EXPECT_EQ(b.status, 200);
  const auto generated = std::string(*b.header("X-Request-Id"));
  EXPECT_EQ(generated.size(), 32u);
  EXPECT_EQ(generated.find_first_not_of("0123456789abcdef"), std::string::npos) << generated;
  EXPECT_NE(client.get("/v1/echo/8").header("X-Request-Id"), generated);
}

TEST_F(ServerTest, AnswersPipelinedRequestsInOrder) {
  start();
  auto r = testing::raw_exchange(port,
                                 "GET /v1/echo/1 HTTP/1.1\r\nHost: x\r\n\r\n"
                                 "GET /health/nowhere HTTP/1.1\r\nHost: x\r\n\r\n"
                                 "GET /v1/echo/3 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_TRUE(r.peer_closed);
  const auto first = r.data.find(R"("id":"1")");
  const auto second = r.data.find("HTTP/1.1 404");
  const auto third = r.data.find(R"("id":"3")");
  ASSERT_NE(first, std::string::npos) << r.data;
  ASSERT_NE(second, std::string::npos) << r.data;
  ASSERT_NE(third, std::string::npos) << r.data;
  EXPECT_LT(first, second);
  EXPECT_LT(second, third);
}

TEST_F(ServerTest, SendsAResponseLargerThanTheSocketBufferWhole) {
  start();
  HttpClient client(port);
  const auto r = client.get("/v1/large");
  EXPECT_EQ(r.status, 200);
  ASSERT_EQ(r.body.size(), large_body_bytes);
  EXPECT_EQ(r.body.substr(r.body.size() - 10), "8901234567");
  EXPECT_EQ(client.get("/v1/echo/after").status, 200);
}

TEST_F(ServerTest, ContinuesTheCallersTraceAndNamesItsSpanInTraceresponse) {
  start();
  HttpClient client(port);
  const auto r =
      client.request("GET", "/v1/traced", "",
                     {{"traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"},
                      {"tracestate", "congo=t61rcWkgMzE, rojo=00f067aa0ba902b7"}});
  ASSERT_EQ(r.status, 200);
  const auto handler = body_of(r);
  EXPECT_EQ(handler.at("trace_id").as_string(), "0af7651916cd43dd8448eb211c80319c");
  const auto answered = trace::parse_traceparent(r.header("traceresponse").value_or(""));
  ASSERT_TRUE(answered);
  EXPECT_EQ(answered->trace_id, "0af7651916cd43dd8448eb211c80319c");
  EXPECT_EQ(answered->span_id, handler.at("span_id").as_string());
  EXPECT_NE(answered->span_id, "b7ad6b7169203331");
  const auto outgoing = trace::parse_traceparent(handler.at("traceparent").as_string());
  ASSERT_TRUE(outgoing);
  EXPECT_EQ(outgoing->trace_id, "0af7651916cd43dd8448eb211c80319c");
  EXPECT_NE(outgoing->span_id, answered->span_id);
  // The caller's tracestate goes on with the trace, as received.
  EXPECT_EQ(handler.at("tracestate").as_string(), "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7");
}

TEST_F(ServerTest, StartsANewTraceWhenTraceparentIsMissingOrInvalid) {
  start();
  HttpClient client(port);
  const auto invalid =
      client.request("GET", "/v1/traced", "",
                     {{"traceparent", "00-00000000000000000000000000000000-b7ad6b7169203331-01"},
                      {"tracestate", "congo=t61rcWkgMzE"}});
  const auto missing = client.get("/v1/traced");
  const auto not_found = client.get("/v1/nowhere");
  for (const auto* r : {&invalid, &missing}) {
    ASSERT_EQ(r->status, 200);
    const auto answered = trace::parse_traceparent(r->header("traceresponse").value_or(""));
    ASSERT_TRUE(answered);
    EXPECT_EQ(answered->trace_id, body_of(*r).at("trace_id").as_string());
  }
  EXPECT_NE(body_of(invalid).at("trace_id"), body_of(missing).at("trace_id"));
  // A tracestate is meaningless without the trace it came with: dropped.
  EXPECT_FALSE(body_of(invalid).contains("tracestate"));
  EXPECT_TRUE(trace::parse_traceparent(not_found.header("traceresponse").value_or("")));
}

TEST_F(ServerTest, FastHandlerAnswersHitsAndHandsMissesToTheWorker) {
  start();
  HttpClient client(port);
  auto hit = client.get("/v1/cached/menu");
  EXPECT_EQ(hit.status, 200);
  EXPECT_EQ(body_of(hit).at("from").as_string(), "cache");
  auto miss = client.get("/v1/cached/miss");
  EXPECT_EQ(miss.status, 200);
  EXPECT_EQ(body_of(miss).at("from").as_string(), "worker");
  auto broken = client.get("/v1/cached/broken");
  EXPECT_EQ(broken.status, 200);
  EXPECT_EQ(body_of(broken).at("from").as_string(), "worker");
}

TEST_F(ServerTest, AnswersUnknownPathsAndWrongMethodsWithProblemJson) {
  start();
  HttpClient client(port);
  auto missing = client.get("/v1/nothing-here");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.header("Content-Type"), "application/problem+json");
  EXPECT_EQ(body_of(missing).at("type").as_string(), "urn:reskflow:problem:not-found");
  EXPECT_EQ(body_of(missing).at("request_id").as_string(), *missing.header("X-Request-Id"));
  auto wrong = client.request("DELETE", "/v1/items");
  EXPECT_EQ(wrong.status, 405);
  EXPECT_EQ(wrong.header("Allow"), "POST");
}

TEST_F(ServerTest, ValidatesBodiesWithFieldErrors) {
  start();
  HttpClient client(port);
  auto bad = client.request("POST", "/v1/items", R"({"name":"","quantity":500,"color":"red"})");
  ASSERT_EQ(bad.status, 422);
  const auto errors = body_of(bad).at("errors").as_array();
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0].at("field").as_string(), "name");
  EXPECT_EQ(errors[1].at("field").as_string(), "quantity");
  EXPECT_EQ(errors[2].at("field").as_string(), "color");
  EXPECT_EQ(client.request("POST", "/v1/items", "{oops").status, 400);
  EXPECT_EQ(client.request("POST", "/v1/items", "x", {{"Content-Type", "text/plain"}}).status, 415);
  auto ok = client.request("POST", "/v1/items", R"({"name":"tea","quantity":2})");
  EXPECT_EQ(ok.status, 201);
}

TEST_F(ServerTest, RejectsOversizeBodiesAndHeadersAndMalformedRequests) {
  start();
  auto big = testing::raw_exchange(
      port,
      "POST /v1/items HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Content-Length: 100000\r\n\r\n{");
  EXPECT_TRUE(big.data.starts_with("HTTP/1.1 413")) << big.data;
  auto headers = testing::raw_exchange(
      port, "GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(4000, 'a') + "\r\n\r\n");
  EXPECT_TRUE(headers.data.starts_with("HTTP/1.1 400")) << headers.data;
  auto garbage = testing::raw_exchange(port, "\x16\x03\x01 not http at all\r\n\r\n");
  EXPECT_TRUE(garbage.data.starts_with("HTTP/1.1 400")) << garbage.data;
  auto escape = testing::raw_exchange(
      port, "GET /v1/echo/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_TRUE(escape.data.starts_with("HTTP/1.1 400")) << escape.data;
  HttpClient client(port);
  EXPECT_EQ(client.get("/v1/echo/still-serving").status, 200);
}

TEST_F(ServerTest, DisconnectsAClientThatSendsItsHeadersTooSlowly) {
  config.read_timeout_ms = 200;
  start();
  auto slow = testing::raw_exchange(port, "GET /v1/echo/1 HTTP/1.1\r\nHost: x\r\n",
                                    std::chrono::seconds(20));
  EXPECT_TRUE(slow.peer_closed);
  EXPECT_TRUE(slow.data.empty());
}

TEST_F(ServerTest, ClosesAKeepAliveConnectionLeftIdlePastTheIdleTimeout) {
  config.idle_timeout_ms = 200;
  start();
  auto idle = testing::raw_exchange(port, "GET /v1/echo/1 HTTP/1.1\r\nHost: x\r\n\r\n",
                                    std::chrono::seconds(20));
  EXPECT_TRUE(idle.data.starts_with("HTTP/1.1 200")) << idle.data;
  EXPECT_TRUE(idle.peer_closed);
}

TEST_F(ServerTest, DropsAClientThatStopsReadingItsResponses) {
  config.read_timeout_ms = 200;
  start();
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  const int small = 4096;
  ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address), 0);
  // 2,000 pipelined requests for about 9 MB of responses, more than the socket buffers hold:
  // the server's writes stall, and nothing here reads them.
  std::string requests;
  for (int i = 0; i < 2000; ++i) requests += "GET /v1/big HTTP/1.1\r\nHost: x\r\n\r\n";
  ASSERT_EQ(::send(fd, requests.data(), requests.size(), 0), static_cast<ssize_t>(requests.size()));
  pollfd hangup{fd, POLLRDHUP, 0};
  EXPECT_EQ(::poll(&hangup, 1, 20'000), 1) << "the server kept a client that reads nothing";
  EXPECT_NE(hangup.revents & (POLLRDHUP | POLLHUP | POLLERR), 0);
  ::close(fd);
  HttpClient other(port);
  EXPECT_EQ(other.get("/v1/echo/1").status, 200);
}

TEST_F(ServerTest, TurnsAThrowingHandlerIntoA500AndKeepsServing) {
  start();
  HttpClient client(port);
  auto r = client.get("/v1/throw");
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(body_of(r).at("detail").as_string().find("boom"), std::string::npos);
  EXPECT_EQ(client.get("/v1/echo/1").status, 200);
  EXPECT_NE(registry.render().find("http_handler_exceptions_total 1"), std::string::npos);
}

TEST_F(ServerTest, ClosesDeclaredRoutesWhenNoGuardIsInstalled) {
  start();
  HttpClient client(port);
  auto r = client.get("/v1/mine");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(body_of(r).at("type").as_string(), "urn:reskflow:problem:unauthenticated");
}

TEST_F(ServerTest, RunsTheGuardBeforeProtectedHandlers) {
  router.set_guard([](Request& r, const Route& route) -> std::optional<Response> {
    const auto token = r.header("Authorization");
    if (!token) return problem(Error{ErrorCode::unauthenticated, "log in"}, r.request_id, r.path);
    r.principal = Principal{std::string(token->substr(7)), "customer", {}, "s1"};
    if (route.access->roles.front() != r.principal->role)
      return problem(Error{ErrorCode::forbidden, "no"}, r.request_id, r.path);
    return std::nullopt;
  });
  start();
  HttpClient client(port);
  EXPECT_EQ(client.get("/v1/mine").status, 401);
  auto ok = client.request("GET", "/v1/mine", "", {{"Authorization", "Bearer u-42"}});
  EXPECT_EQ(ok.status, 200);
  EXPECT_EQ(body_of(ok).at("subject").as_string(), "u-42");
  EXPECT_EQ(client.get("/v1/echo/1").status, 200);
}

TEST_F(ServerTest, RunsTheIdempotencyHookAfterTheGuardOnIdempotentRoutesOnly) {
  const auto subject = [](Request& r) { return json(201, {{"subject", r.principal->subject}}); };
  ASSERT_TRUE(router.add(idempotent({Method::post, "/v1/mine", "test", Execution::worker,
                                     Access::roles_in({"customer"}), subject})));
  ASSERT_TRUE(router.add({Method::put, "/v1/mine", "test", Execution::worker,
                          Access::roles_in({"customer"}), subject}));
  router.set_guard([](Request& r, const Route&) -> std::optional<Response> {
    const auto token = r.header("Authorization");
    if (!token) return problem(Error{ErrorCode::unauthenticated, "log in"}, r.request_id, r.path);
    r.principal = Principal{std::string(token->substr(7)), "customer", {}, "s1"};
    return std::nullopt;
  });
  std::atomic<int> hooked{0};
  router.set_idempotency([&hooked](Request& r, const Route& route, const Handler& handler) {
    hooked.fetch_add(1);
    EXPECT_TRUE(route.idempotent);
    auto out = handler(r);
    out.set_header("Idempotent-Replayed", "false");
    return out;
  });
  start();
  HttpClient client(port);
  EXPECT_EQ(client.request("POST", "/v1/mine", "", {}).status, 401);
  EXPECT_EQ(hooked.load(), 0);
  auto created = client.request("POST", "/v1/mine", "", {{"Authorization", "Bearer u-7"}});
  EXPECT_EQ(created.status, 201);
  EXPECT_EQ(body_of(created).at("subject").as_string(), "u-7");
  EXPECT_EQ(created.header("Idempotent-Replayed"), "false");
  auto put = client.request("PUT", "/v1/mine", "", {{"Authorization", "Bearer u-7"}});
  EXPECT_EQ(put.status, 201);
  EXPECT_FALSE(put.header("Idempotent-Replayed"));
  EXPECT_EQ(hooked.load(), 1);
}

TEST_F(ServerTest, GzipsLargeJsonWhenAsked) {
  start();
  HttpClient client(port);
  auto plain = client.get("/v1/big");
  EXPECT_FALSE(plain.header("Content-Encoding"));
  auto zipped = client.request("GET", "/v1/big", "", {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(zipped.header("Content-Encoding"), "gzip");
  EXPECT_EQ(zipped.header("Vary"), "Origin, Accept-Encoding");
  EXPECT_LT(zipped.body.size(), plain.body.size());
}

TEST_F(ServerTest, ServesStaticFilesWithCachingAndNeverOutsideTheRoot) {
  start();
  HttpClient client(port);
  auto index = client.get("/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(index.header("Cache-Control"), "no-cache");
  auto asset = client.get("/assets/app.1a2b.js");
  EXPECT_EQ(asset.header("Cache-Control"), "public, max-age=31536000, immutable");
  auto again = client.request("GET", "/", "", {{"If-None-Match", *index.header("ETag")}});
  EXPECT_EQ(again.status, 304);
  auto portal = client.get("/customer/orders/42");
  EXPECT_EQ(portal.status, 200);
  EXPECT_NE(portal.body.find("Customer"), std::string::npos);
  EXPECT_NE(portal.header("Content-Security-Policy")->find("script-src 'self'"), std::string::npos);
  EXPECT_EQ(client.get("/no-such-page").status, 404);
  auto page = client.request("GET", "/no-such-page", "", {{"Accept", "text/html"}});
  EXPECT_EQ(page.status, 404);
  EXPECT_EQ(page.header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(client.get("/../../etc/passwd").status, 404);
  EXPECT_EQ(client.get("/%2e%2e/%2e%2e/etc/passwd").status, 404);
  EXPECT_EQ(client.get("/missing.png").status, 404);
}

TEST_F(ServerTest, ServesAStaticFileGzippedAndFreshAfterItChangesOnDisk) {
  const auto file = web.path() / "assets" / "portal.js";
  std::string script;
  for (int i = 0; i < 200; ++i) script += "export const line" + std::to_string(i) + " = 'menu';\n";
  std::ofstream(file) << script;
  start();
  HttpClient client(port);
  auto zipped = client.request("GET", "/assets/portal.js", "", {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(zipped.status, 200);
  EXPECT_EQ(zipped.header("Content-Encoding"), "gzip");
  EXPECT_EQ(zipped.header("Vary"), "Accept-Encoding, Origin");
  EXPECT_TRUE(zipped.body.starts_with("\x1f\x8b"));
  EXPECT_LT(zipped.body.size(), script.size() / 4);
  auto plain = client.get("/assets/portal.js");
  EXPECT_EQ(plain.body, script);
  EXPECT_NE(plain.header("ETag"), zipped.header("ETag"));

  const std::string rebuilt = "export const version = 2;\n";
  std::ofstream(file) << rebuilt;
  auto fresh = client.request("GET", "/assets/portal.js", "",
                              {{"If-None-Match", std::string(*plain.header("ETag"))}});
  EXPECT_EQ(fresh.status, 200);
  EXPECT_EQ(fresh.body, rebuilt);
}

TEST_F(ServerTest, AnswersCorsPreflightForConfiguredOriginsOnly) {
  start();
  HttpClient client(port);
  auto ok =
      client.request("OPTIONS", "/v1/items", "",
                     {{"Origin", "http://portal.test"}, {"Access-Control-Request-Method", "POST"}});
  EXPECT_EQ(ok.status, 204);
  EXPECT_EQ(ok.header("Access-Control-Allow-Methods"), "POST");
  EXPECT_NE(ok.header("Access-Control-Allow-Headers")->find("If-Match"), std::string_view::npos);
  auto get = client.request("GET", "/v1/echo/1", "", {{"Origin", "http://portal.test"}});
  EXPECT_EQ(get.header("Access-Control-Allow-Origin"), "http://portal.test");
  auto other = client.request("GET", "/v1/echo/1", "", {{"Origin", "http://evil.test"}});
  EXPECT_FALSE(other.header("Access-Control-Allow-Origin"));
}

TEST_F(ServerTest, VariesOnOriginWheneverCorsIsConfigured) {
  std::string script;
  for (int i = 0; i < 200; ++i) script += "export const line" + std::to_string(i) + " = 1;\n";
  std::ofstream(web.path() / "assets" / "cached.js") << script;
  start();
  HttpClient client(port);
  // Without an Origin too: a shared cache must not hand this answer to an allowed origin.
  EXPECT_EQ(client.get("/v1/echo/1").header("Vary"), "Origin");
  EXPECT_EQ(client.get("/v1/no-such-route").header("Vary"), "Origin");
  // A cached representation keeps its own Vary.
  auto asset = client.request("GET", "/assets/cached.js", "",
                              {{"Origin", "http://portal.test"}, {"Accept-Encoding", "gzip"}});
  EXPECT_EQ(asset.header("Vary"), "Accept-Encoding, Origin");
  auto preflight =
      client.request("OPTIONS", "/v1/items", "",
                     {{"Origin", "http://portal.test"}, {"Access-Control-Request-Method", "POST"}});
  EXPECT_EQ(preflight.header("Vary"), "Origin");
}

TEST_F(ServerTest, DoesNotVaryOnOriginWithoutCors) {
  config.cors_origins.clear();
  start();
  HttpClient client(port);
  EXPECT_FALSE(client.get("/v1/echo/1").header("Vary"));
}

TEST_F(ServerTest, SendsAReferrerPolicyWithEveryResponse) {
  start();
  HttpClient client(port);
  const std::string policy = "strict-origin-when-cross-origin";
  EXPECT_EQ(client.get("/v1/echo/1").header("Referrer-Policy"), policy);
  EXPECT_EQ(client.get("/v1/no-such-route").header("Referrer-Policy"), policy);
  EXPECT_EQ(client.get("/").header("Referrer-Policy"), policy);
  auto too_big = client.request("POST", "/v1/items", std::string(5000, 'x'),
                                {{"Content-Type", "application/json"}});
  EXPECT_EQ(too_big.status, 413);
  EXPECT_EQ(too_big.header("Referrer-Policy"), policy);
}

TEST_F(ServerTest, SendsStrictTransportSecurityOnlyForHttpsThroughATrustedProxy) {
  start();
  HttpClient client(port);
  auto https = client.request("GET", "/v1/echo/1", "", {{"X-Forwarded-Proto", "https"}});
  EXPECT_EQ(https.header("Strict-Transport-Security"), "max-age=31536000");
  auto page = client.request("GET", "/", "", {{"X-Forwarded-Proto", "https"}});
  EXPECT_EQ(page.header("Strict-Transport-Security"), "max-age=31536000");
  EXPECT_FALSE(client.get("/v1/echo/1").header("Strict-Transport-Security"));
  auto http = client.request("GET", "/v1/echo/1", "", {{"X-Forwarded-Proto", "http"}});
  EXPECT_FALSE(http.header("Strict-Transport-Security"));
}

TEST_F(ServerTest, IgnoresAnUntrustedPeersClaimOfHttps) {
  config.trusted_proxies = {"10.0.0.0/8"};
  start();
  HttpClient client(port);
  auto forged = client.request("GET", "/v1/echo/1", "", {{"X-Forwarded-Proto", "https"}});
  EXPECT_FALSE(forged.header("Strict-Transport-Security"));
}

TEST_F(ServerTest, ServesTheApiReferenceUnderThePortalsPolicy) {
  const auto docs = web.path() / "docs-build";
  std::filesystem::create_directories(docs);
  std::ofstream(docs / "index.html") << "<!doctype html><title>API</title>";
  std::ofstream(docs / "reference.js") << "console.log(1)";
  config.docs_dir = docs.string();
  start();
  HttpClient client(port);
  auto reference = client.get("/docs/");
  ASSERT_EQ(reference.status, 200);
  const auto policy = reference.header("Content-Security-Policy");
  ASSERT_TRUE(policy);
  EXPECT_EQ(policy, client.get("/").header("Content-Security-Policy"));
  EXPECT_NE(policy->find("frame-ancestors 'none'"), std::string_view::npos);
  EXPECT_NE(policy->find("script-src 'self';"), std::string_view::npos);
  EXPECT_EQ(policy->find("unsafe-inline"), std::string_view::npos);
  EXPECT_EQ(client.get("/docs/reference.js").status, 200);
}

TEST_F(ServerTest, ListsAtMostFiftyFieldErrorsForAMegabyteOfUnknownKeys) {
  config.body_bytes_max = 2 * 1024 * 1024;
  start();
  std::string body = R"({"name":"tea","quantity":1)";
  std::size_t keys = 0;
  while (body.size() < 1024 * 1024) body += ",\"unknown_" + std::to_string(keys++) + "\":0";
  body += "}";
  HttpClient client(port);
  auto r = client.request("POST", "/v1/items", body, {{"Content-Type", "application/json"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_LT(r.body.size(), 8u * 1024u);
  const auto problem = body_of(r);
  EXPECT_EQ(problem.at("errors").as_array().size(), field_errors_max);
  EXPECT_NE(problem.at("detail").as_string().find(" of " + std::to_string(keys)), std::string::npos)
      << problem.at("detail").as_string();
}

TEST_F(ServerTest, RefusesControlCharactersInANameNamingTheField) {
  start();
  HttpClient client(port);
  auto r = client.request("POST", "/v1/items", R"({"name":"tea\u0000cake","quantity":1})",
                          {{"Content-Type", "application/json"}});
  EXPECT_EQ(r.status, 422);
  const auto errors = body_of(r).at("errors").as_array();
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].at("field").as_string(), "name");
  EXPECT_NE(errors[0].at("message").as_string().find("U+0000"), std::string::npos);
}

TEST_F(ServerTest, HonoursForwardedHeadersOnlyFromTrustedProxies) {
  start();
  HttpClient client(port);
  auto via_proxy = client.request(
      "GET", "/v1/echo/1", "",
      {{"X-Forwarded-For", "203.0.113.9, 127.0.0.1"}, {"X-Forwarded-Proto", "https"}});
  EXPECT_EQ(body_of(via_proxy).at("client_ip").as_string(), "203.0.113.9");
  EXPECT_TRUE(body_of(via_proxy).at("secure").as_bool());
}

TEST_F(ServerTest, IgnoresForwardedHeadersFromUntrustedPeers) {
  config.trusted_proxies = {"10.0.0.0/8"};
  start();
  HttpClient client(port);
  auto direct = client.request("GET", "/v1/echo/1", "", {{"X-Forwarded-For", "203.0.113.9"}});
  EXPECT_EQ(body_of(direct).at("client_ip").as_string(), "127.0.0.1");
}

TEST_F(ServerTest, WebSocketSubscribesAuthorisesAndDeliversTopicEvents) {
  start();
  WsClient ws(port);
  ws.send(R"({"type":"ping"})");
  EXPECT_EQ(boost::json::parse(*ws.receive()).at("type").as_string(), "pong");
  ws.send(R"({"type":"subscribe","topic":"test.a"})");
  EXPECT_EQ(boost::json::parse(*ws.receive()).at("type").as_string(), "subscribed");
  ws.send(R"({"type":"subscribe","topic":"test.secret"})");
  auto denied = boost::json::parse(*ws.receive()).as_object();
  EXPECT_EQ(denied.at("type").as_string(), "error");
  EXPECT_EQ(denied.at("status").as_int64(), 403);
  ws.send(R"({"type":"subscribe","topic":"nobody.x"})");
  EXPECT_EQ(boost::json::parse(*ws.receive()).at("status").as_int64(), 404);
  ASSERT_EQ(hub.subscriber_count("test.a"), 1u);
  hub.publish("test.a", R"({"n":1})");
  hub.publish("test.b", R"({"n":2})");
  auto event = boost::json::parse(*ws.receive()).as_object();
  EXPECT_EQ(event.at("topic").as_string(), "test.a");
  EXPECT_EQ(event.at("data").at("n").as_int64(), 1);
}

TEST_F(ServerTest, WebSocketTopicAuthorizersRunOffTheIoThread) {
  // One I/O thread: an authorizer that blocked it would hold every other connection too.
  config.io_threads = 1;
  std::promise<void> entered;
  std::promise<void> released;
  auto release = released.get_future().share();
  std::atomic<bool> released_while_waiting{false};
  ASSERT_TRUE(hub.add_topic_family("slow", [&](const Request&, std::string_view) -> Status {
    entered.set_value();
    released_while_waiting = release.wait_for(std::chrono::seconds(5)) == std::future_status::ready;
    return {};
  }));
  start();
  WsClient waiting(port);
  WsClient other(port);
  waiting.send(R"({"type":"subscribe","topic":"slow"})");
  ASSERT_EQ(entered.get_future().wait_for(std::chrono::seconds(5)), std::future_status::ready);
  other.send(R"({"type":"ping"})");
  auto pong = other.receive(std::chrono::seconds(2));
  ASSERT_TRUE(pong) << "the ping waited for another connection's authorizer";
  EXPECT_EQ(boost::json::parse(*pong).at("type").as_string(), "pong");
  released.set_value();
  EXPECT_EQ(boost::json::parse(*waiting.receive()).at("type").as_string(), "subscribed");
  EXPECT_TRUE(released_while_waiting);
  EXPECT_EQ(hub.subscriber_count("slow"), 1u);
}

TEST_F(ServerTest, AWebSocketAuthorizerThatThrowsRefusesTheTopicAndLogsWhy) {
  ASSERT_TRUE(hub.add_topic_family("flaky", [](const Request&, std::string_view) -> Status {
    throw std::runtime_error("database is locked");
  }));
  start();
  WsClient ws(port);
  ::testing::internal::CaptureStderr();
  ws.send(R"({"type":"subscribe","topic":"flaky.1"})");
  auto refused = ws.receive();
  const auto logged = ::testing::internal::GetCapturedStderr();
  ASSERT_TRUE(refused);
  const auto message = boost::json::parse(*refused).as_object();
  EXPECT_EQ(message.at("type").as_string(), "error");
  EXPECT_EQ(message.at("status").as_int64(), 500);
  EXPECT_EQ(hub.subscriber_count("flaky.1"), 0u);
  EXPECT_NE(logged.find("ws_subscribe_failed"), std::string::npos) << logged;
  EXPECT_NE(logged.find("database is locked"), std::string::npos) << logged;
  ws.send(R"({"type":"ping"})");
  EXPECT_EQ(boost::json::parse(*ws.receive()).at("type").as_string(), "pong");
}

TEST_F(ServerTest, WebSocketHandsAModulesMessageTypeToItsHandlerInOrder) {
  std::vector<std::int64_t> seen;  // written by the handler on the worker pool, one at a time
  ASSERT_TRUE(hub.add_message_handler(
      "count",
      [&](const Request& upgrade,
          const boost::json::object& message) -> Result<boost::json::object> {
        const auto n = message.at("n").as_int64();
        if (n < 0) return fail(ErrorCode::validation_failed, "n must not be negative");
        seen.push_back(n);
        return boost::json::object{{"type", "counted"}, {"n", n}, {"path", upgrade.path}};
      }));
  EXPECT_FALSE(hub.add_message_handler("count", nullptr));
  EXPECT_FALSE(hub.add_message_handler("subscribe", nullptr));
  start();
  WsClient ws(port);
  for (int n = 1; n <= 3; ++n) ws.send(R"({"type":"count","n":)" + std::to_string(n) + "}");
  for (int n = 1; n <= 3; ++n) {
    auto answer = boost::json::parse(*ws.receive()).as_object();
    EXPECT_EQ(answer.at("type").as_string(), "counted");
    EXPECT_EQ(answer.at("n").as_int64(), n);
    EXPECT_EQ(answer.at("path").as_string(), "/v1/ws");
  }
  ws.send(R"({"type":"count","n":-1})");
  auto refused = boost::json::parse(*ws.receive()).as_object();
  EXPECT_EQ(refused.at("type").as_string(), "error");
  EXPECT_EQ(refused.at("for").as_string(), "count");
  EXPECT_EQ(refused.at("status").as_int64(), 422);
  EXPECT_EQ(refused.at("detail").as_string(), "n must not be negative");
  ws.send(R"({"type":"tally"})");
  EXPECT_EQ(boost::json::parse(*ws.receive()).at("detail").as_string(), "unknown message type");
  EXPECT_EQ(seen, (std::vector<std::int64_t>{1, 2, 3}));
}

TEST_F(ServerTest, ANonBlockingMessageHandlerRunsOnTheSocketsThreadOnlyForANamedCaller) {
  config.io_threads = 1;  // the one I/O thread: where the io route and the socket both run
  std::mutex mutex;
  std::thread::id io_thread;
  std::vector<std::thread::id> handled;  // guarded by mutex
  ASSERT_TRUE(router.add(
      {Method::get, "/v1/io-thread", "test", Execution::io, Access::anyone(), [&](Request&) {
         const std::lock_guard lock(mutex);
         io_thread = std::this_thread::get_id();
         return json(200, {{"ok", true}});
       }}));
  hub.set_upgrade_authenticator([](const Request& upgrade) -> Result<std::optional<Principal>> {
    if (upgrade.query_param("ticket") != "t") return std::optional<Principal>{};
    return std::optional<Principal>(Principal{"u1", "driver", {}, "s1"});
  });
  ASSERT_TRUE(hub.add_message_handler(
      "where",
      [&](const Request&, const boost::json::object&) -> Result<boost::json::object> {
        const std::lock_guard lock(mutex);
        handled.push_back(std::this_thread::get_id());
        return boost::json::object{{"type", "here"}};
      },
      ws::HandlerThread::network));
  start();
  HttpClient client(port);
  ASSERT_EQ(client.request("GET", "/v1/io-thread", "", {}).status, 200);
  WsClient named(port, "/v1/ws?ticket=t");
  named.send(R"({"type":"where"})");
  EXPECT_EQ(boost::json::parse(*named.receive()).at("type").as_string(), "here");
  WsClient anonymous(port);
  anonymous.send(R"({"type":"where"})");
  EXPECT_EQ(boost::json::parse(*anonymous.receive()).at("type").as_string(), "here");
  const std::lock_guard lock(mutex);
  ASSERT_EQ(handled.size(), 2u);
  EXPECT_EQ(handled[0], io_thread);  // a ticket named the caller: no hand-off
  EXPECT_NE(handled[1], io_thread);  // no caller named: resolving one may block, so a worker
}

TEST_F(ServerTest, WebSocketUpgradesWithAQueryString) {
  start();
  WsClient ws(port, "/v1/ws?access_token=abc");
  ws.send(R"({"type":"ping"})");
  EXPECT_EQ(boost::json::parse(*ws.receive()).at("type").as_string(), "pong");
}

TEST_F(ServerTest, DropsAWebSocketClientThatCannotKeepUp) {
  config.ws_send_queue_messages_max = 4;
  start();
  WsClient ws(port);
  ws.send(R"({"type":"subscribe","topic":"test.flood"})");
  ASSERT_TRUE(ws.receive());
  ws.pause_reading();
  const std::string payload = "\"" + std::string(32 * 1024, 'x') + "\"";
  for (int i = 0; i < 2000; ++i) hub.publish("test.flood", payload);
  int received = 0;
  while (ws.receive(std::chrono::seconds(20))) ++received;
  EXPECT_LT(received, 2000);
  EXPECT_EQ(ws.close_code(), 1008);
  EXPECT_NE(registry.render().find("ws_slow_consumers_dropped_total 1"), std::string::npos);
}

TEST_F(ServerTest, ShutdownClosesWebSocketsWithGoingAwayAndFinishes) {
  start();
  WsClient ws(port);
  ws.send(R"({"type":"ping"})");
  ASSERT_TRUE(ws.receive());
  HttpClient idle(port);
  EXPECT_EQ(idle.get("/v1/echo/1").status, 200);
  server->request_stop();
  EXPECT_FALSE(ws.receive());
  EXPECT_EQ(ws.close_code(), 1001);
  thread.join();
  EXPECT_TRUE(server->draining());
}

TEST_F(ServerTest, ShutdownPastItsDrainTimeoutLeavesUnansweredWebSocketsBehindSafely) {
  config.io_threads = 2;
  config.shutdown_timeout_ms = 100;
  start();
  std::vector<std::unique_ptr<WsClient>> clients;
  for (int i = 0; i < 2; ++i) {
    clients.push_back(std::make_unique<WsClient>(port));
    clients.back()->send(R"({"type":"ping"})");
    ASSERT_TRUE(clients.back()->receive());
    clients.back()->pause_reading();
  }
  stop();
  EXPECT_TRUE(server->draining());
  server.reset();
}

TEST_F(ServerTest, ClosesConnectionsBeyondTheCap) {
  config.connections_max = 1;
  start();
  HttpClient first(port);
  EXPECT_EQ(first.get("/v1/echo/1").status, 200);
  auto second = testing::raw_exchange(port, "GET /v1/echo/2 HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_TRUE(second.peer_closed);
  EXPECT_TRUE(second.data.empty());
}

}  // namespace
}  // namespace reskflow::http
