// Idempotency keys on both engines: claims, replays, refusals, concurrent claims, crashed claims,
// expiry and pruning, and the router hook that applies them to a handler.
#include <gtest/gtest.h>

#include <array>
#include <atomic>
#include <functional>
#include <latch>
#include <thread>

#include "reskflow/modules/idempotency.h"
#include "test_database.h"

namespace reskflow::modules {
namespace {

constexpr std::int64_t second_us = 1'000'000;
constexpr std::int64_t day_us = 86'400 * second_us;

class IdempotencyTest : public store::testing::EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    if (HasFatalFailure()) return;
    const std::array sets{idempotency_migrations()};
    auto migrated = store::migrate(db(), sets);
    ASSERT_TRUE(migrated) << migrated.error().detail;
  }

  IdempotencyKeys keys_on(store::Database& database) {
    return {database, settings, registry, [this] { return now_us.load(); }};
  }

  Claim claim(IdempotencyKeys& keys, std::string_view scope, std::string_view key,
              std::string_view fingerprint) {
    auto c = keys.claim(scope, key, fingerprint);
    EXPECT_TRUE(c) << c.error().detail;
    return c ? *c : Claim{};
  }

  std::int64_t rows() {
    auto r = db().read(
        [](store::Transaction& tx) { return tx.query("SELECT count(*) FROM idempotency_keys"); });
    EXPECT_TRUE(r) << r.error().detail;
    return r ? r->front().int64(0) : -1;
  }

  std::atomic<std::int64_t> now_us{1'700'000'000'000'000};
  IdempotencySettings settings;
  metrics::Registry registry;
  const StoredResponse created{201,
                               "application/json",
                               {{"ETag", "\"2\""}, {"Location", "/v1/carts/c-1"}},
                               R"({"id":"c-1","lines":[{"quantity":1}]})"};
};

TEST_P(IdempotencyTest, ARetryReplaysTheFirstResponse) {
  auto keys = keys_on(db());
  const auto first = claim(keys, "user-1", "k-1", "fp-a");
  ASSERT_EQ(first.outcome, ClaimOutcome::claimed);
  auto completed = keys.complete("user-1", "k-1", first.claim_id, created);
  ASSERT_TRUE(completed) << completed.error().detail;
  EXPECT_TRUE(*completed);

  const auto retry = claim(keys, "user-1", "k-1", "fp-a");
  ASSERT_EQ(retry.outcome, ClaimOutcome::replay);
  EXPECT_EQ(retry.response.status, 201);
  EXPECT_EQ(retry.response.content_type, "application/json");
  EXPECT_EQ(retry.response.headers, created.headers);
  EXPECT_EQ(retry.response.body, created.body);
}

TEST_P(IdempotencyTest, AnotherRequestWithTheKeyIsAMismatchWhetherDoneOrInFlight) {
  auto keys = keys_on(db());
  const auto first = claim(keys, "user-1", "k-1", "fp-a");
  ASSERT_EQ(first.outcome, ClaimOutcome::claimed);
  EXPECT_EQ(claim(keys, "user-1", "k-1", "fp-b").outcome, ClaimOutcome::mismatch);
  EXPECT_EQ(claim(keys, "user-1", "k-1", "fp-a").outcome, ClaimOutcome::in_flight);
  ASSERT_TRUE(keys.complete("user-1", "k-1", first.claim_id, created));
  EXPECT_EQ(claim(keys, "user-1", "k-1", "fp-b").outcome, ClaimOutcome::mismatch);
}

TEST_P(IdempotencyTest, KeysAreScopedToTheirCaller) {
  auto keys = keys_on(db());
  EXPECT_EQ(claim(keys, "user-1", "k-1", "fp-a").outcome, ClaimOutcome::claimed);
  EXPECT_EQ(claim(keys, "user-2", "k-1", "fp-a").outcome, ClaimOutcome::claimed);
  ASSERT_TRUE(keys.forget("user-1"));
  EXPECT_EQ(claim(keys, "user-1", "k-1", "fp-b").outcome, ClaimOutcome::claimed);
  EXPECT_EQ(claim(keys, "user-2", "k-1", "fp-b").outcome, ClaimOutcome::mismatch);
}

TEST_P(IdempotencyTest, ConcurrentClaimsOfOneKeyFromTwoNodesHaveOneWinner) {
  auto other_node = scratch().open();
  ASSERT_TRUE(other_node) << other_node.error().detail;
  auto keys_a = keys_on(db());
  auto keys_b = keys_on(**other_node);
  constexpr int claimers = 8;
  std::latch ready(claimers);
  std::array<Result<Claim>, claimers> outcomes;
  std::vector<std::thread> threads;
  for (int i = 0; i < claimers; ++i) {
    threads.emplace_back([&, i] {
      auto& keys = i % 2 == 0 ? keys_a : keys_b;
      ready.arrive_and_wait();
      outcomes[static_cast<std::size_t>(i)] = keys.claim("user-1", "k-1", "fp-a");
    });
  }
  for (auto& t : threads) t.join();
  int claimed = 0;
  int in_flight = 0;
  for (const auto& o : outcomes) {
    ASSERT_TRUE(o) << o.error().detail;
    claimed += o->outcome == ClaimOutcome::claimed ? 1 : 0;
    in_flight += o->outcome == ClaimOutcome::in_flight ? 1 : 0;
  }
  EXPECT_EQ(claimed, 1);
  EXPECT_EQ(in_flight, claimers - 1);
}

TEST_P(IdempotencyTest, AStoredResponseOutlivesTheProcessAndIsSeenByEveryNode) {
  {
    auto keys = keys_on(db());
    const auto first = claim(keys, "user-1", "k-1", "fp-a");
    ASSERT_TRUE(keys.complete("user-1", "k-1", first.claim_id, created));
  }
  auto reopened = scratch().open();
  ASSERT_TRUE(reopened) << reopened.error().detail;
  auto keys = keys_on(**reopened);
  const auto retry = claim(keys, "user-1", "k-1", "fp-a");
  ASSERT_EQ(retry.outcome, ClaimOutcome::replay);
  EXPECT_EQ(retry.response.body, created.body);
}

TEST_P(IdempotencyTest, AReleasedKeyRunsAgain) {
  auto keys = keys_on(db());
  const auto first = claim(keys, "user-1", "k-1", "fp-a");
  ASSERT_TRUE(keys.release("user-1", "k-1", first.claim_id));
  EXPECT_EQ(rows(), 0);
  EXPECT_EQ(claim(keys, "user-1", "k-1", "fp-b").outcome, ClaimOutcome::claimed);
}

TEST_P(IdempotencyTest, AClaimOlderThanTheInFlightBoundIsTakenOverOnce) {
  auto keys = keys_on(db());
  const auto crashed = claim(keys, "user-1", "k-1", "fp-a");
  now_us += settings.in_flight_timeout_s.count() * second_us - 1;
  EXPECT_EQ(claim(keys, "user-1", "k-1", "fp-a").outcome, ClaimOutcome::in_flight);
  now_us += 1;
  const auto retry = claim(keys, "user-1", "k-1", "fp-a");
  ASSERT_EQ(retry.outcome, ClaimOutcome::claimed);
  EXPECT_NE(retry.claim_id, crashed.claim_id);
  EXPECT_EQ(claim(keys, "user-1", "k-1", "fp-a").outcome, ClaimOutcome::in_flight);
  // The first claim's request finishing late stores nothing: the retry's answer is the key's.
  auto late = keys.complete("user-1", "k-1", crashed.claim_id, created);
  ASSERT_TRUE(late) << late.error().detail;
  EXPECT_FALSE(*late);
  ASSERT_TRUE(keys.release("user-1", "k-1", crashed.claim_id));
  EXPECT_EQ(claim(keys, "user-1", "k-1", "fp-a").outcome, ClaimOutcome::in_flight);
}

TEST_P(IdempotencyTest, KeysExpireAfterTheRetentionAndArePrunedInBoundedBatches) {
  settings.prune_batch_keys_max = 2;
  auto keys = keys_on(db());
  for (const auto* key : {"k-1", "k-2", "k-3", "k-4", "k-5"}) {
    const auto c = claim(keys, "user-1", key, "fp-a");
    ASSERT_TRUE(keys.complete("user-1", key, c.claim_id, created));
  }
  now_us += day_us - 1;
  EXPECT_EQ(claim(keys, "user-1", "k-1", "fp-b").outcome, ClaimOutcome::mismatch);
  auto none = keys.prune_batch();
  ASSERT_TRUE(none) << none.error().detail;
  EXPECT_EQ(*none, 0);
  now_us += 1;
  // Past its retention a key is new again, before the pruner has deleted it.
  const auto renewed = claim(keys, "user-1", "k-1", "fp-b");
  EXPECT_EQ(renewed.outcome, ClaimOutcome::claimed);
  std::vector<std::int64_t> batches;
  for (auto n = keys.prune_batch(); n && *n > 0; n = keys.prune_batch()) batches.push_back(*n);
  EXPECT_EQ(batches, (std::vector<std::int64_t>{2, 2}));
  EXPECT_EQ(rows(), 1);  // the renewed key
}

INSTANTIATE_TEST_SUITE_P(Engines, IdempotencyTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

TEST(IdempotencySettingsTest, DefaultsToADayAndRefusesUnknownOrInconsistentSettings) {
  auto defaults = idempotency_settings({});
  ASSERT_TRUE(defaults) << defaults.error().detail;
  EXPECT_EQ(defaults->retention_s, std::chrono::hours(24));
  auto set = idempotency_settings(
      {{"RESKFLOW_IDEMPOTENCY_RETENTION_S", "3600"}, {"RESKFLOW_OTHER_X", "1"}});
  ASSERT_TRUE(set) << set.error().detail;
  EXPECT_EQ(set->retention_s, std::chrono::hours(1));
  auto unknown = idempotency_settings({{"RESKFLOW_IDEMPOTENCY_RETENTION", "3600"}});
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().fields.at(0).field, "RESKFLOW_IDEMPOTENCY_RETENTION");
  auto inconsistent = idempotency_settings({{"RESKFLOW_IDEMPOTENCY_RETENTION_S", "60"},
                                            {"RESKFLOW_IDEMPOTENCY_IN_FLIGHT_TIMEOUT_S", "60"}});
  ASSERT_FALSE(inconsistent);
  EXPECT_EQ(inconsistent.error().fields.at(0).field, "RESKFLOW_IDEMPOTENCY_IN_FLIGHT_TIMEOUT_S");
}

// The hook between the router and a handler that adds a line to a list.
class IdempotencyHookTest : public IdempotencyTest {
 protected:
  void SetUp() override {
    IdempotencyTest::SetUp();
    if (HasFatalFailure()) return;
    keys = std::make_unique<IdempotencyKeys>(db(), settings, registry,
                                             [this] { return now_us.load(); });
    hook = idempotency_hook(*keys);
  }

  http::Response call(std::string body, std::optional<std::string> key,
                      std::string subject = "user-1") {
    http::Request request;
    request.method = http::Method::post;
    request.target = request.path = "/v1/carts/c-1/lines";
    request.body = std::move(body);
    request.request_id = "req-1";
    request.principal = http::Principal{std::move(subject), "customer", {}, "s-1"};
    if (key) request.headers.emplace_back("Idempotency-Key", *key);
    return hook(request, route, handler);
  }

  http::Response answer() {
    lines.push_back(handler_status);
    if (throws) throw std::runtime_error("handler failed");
    http::Response r;
    r.status = handler_status;
    r.content_type = "application/json";
    r.body = R"({"lines":)" + std::to_string(lines.size()) + "}";
    r.set_header("ETag", "\"" + std::to_string(lines.size()) + "\"");
    return r;
  }

  std::unique_ptr<IdempotencyKeys> keys;
  http::IdempotencyHook hook;
  http::Route route;
  int handler_status = 201;
  bool throws = false;
  std::vector<int> lines;  // the statuses the handler answered, one per call
  http::Handler handler = [this](http::Request&) { return answer(); };
};

TEST_P(IdempotencyHookTest, ASecondRequestWithTheKeyIsAReplayNotASecondLine) {
  const auto first = call(R"({"item_id":"i-1"})", "k-1");
  EXPECT_EQ(first.status, 201);
  EXPECT_FALSE(first.header("Idempotent-Replayed"));
  const auto second = call(R"({"item_id":"i-1"})", "k-1");
  EXPECT_EQ(second.status, 201);
  EXPECT_EQ(second.body, first.body);
  EXPECT_EQ(second.header("ETag"), first.header("ETag"));
  EXPECT_EQ(second.header("Idempotent-Replayed").value_or(""), "true");
  EXPECT_EQ(lines.size(), 1U);
  EXPECT_EQ(call(R"({"item_id":"i-1"})", "k-1", "user-2").status, 201);  // another caller
  EXPECT_EQ(call(R"({"item_id":"i-1"})", std::nullopt).status, 201);     // no key
  EXPECT_EQ(lines.size(), 3U);
}

TEST_P(IdempotencyHookTest, RefusesTheKeyWithAnotherBodyWhileInFlightAndWhenMalformed) {
  ASSERT_EQ(call(R"({"item_id":"i-1"})", "k-1").status, 201);
  const auto other = call(R"({"item_id":"i-2"})", "k-1");
  EXPECT_EQ(other.status, 422);
  EXPECT_NE(other.body.find("urn:reskflow:problem:idempotency-key-reused"), std::string::npos);
  const auto running = claim(*keys, "user-1", "k-2", request_fingerprint([] {
    http::Request r;
    r.method = http::Method::post;
    r.target = "/v1/carts/c-1/lines";
    r.body = R"({"item_id":"i-1"})";
    return r;
  }()));
  ASSERT_EQ(running.outcome, ClaimOutcome::claimed);
  const auto busy = call(R"({"item_id":"i-1"})", "k-2");
  EXPECT_EQ(busy.status, 409);
  EXPECT_NE(busy.body.find("urn:reskflow:problem:idempotency-key-in-use"), std::string::npos);
  EXPECT_EQ(busy.header("Retry-After").value_or(""), "1");
  EXPECT_EQ(call("{}", "").status, 400);
  EXPECT_EQ(call("{}", std::string(idempotency_key_chars_max + 1, 'k')).status, 400);
  EXPECT_EQ(call("{}", "tab\tkey").status, 400);
  EXPECT_EQ(call("{}", std::string(idempotency_key_chars_max, 'k')).status, 201);
  EXPECT_EQ(lines.size(), 2U);
}

TEST_P(IdempotencyHookTest, ServerErrorsConflictsAndExceptionsGiveTheKeyBack) {
  for (const int failing : {500, 503, 409, 412, 429}) {
    handler_status = failing;
    EXPECT_EQ(call("{}", "k-1").status, failing);
  }
  throws = true;
  EXPECT_THROW(call("{}", "k-1"), std::runtime_error);
  throws = false;
  handler_status = 201;
  EXPECT_EQ(call("{}", "k-1").status, 201);
  EXPECT_EQ(lines.size(), 7U);
}

TEST_P(IdempotencyHookTest, AValidationErrorIsTheKeysAnswer) {
  handler_status = 422;
  EXPECT_EQ(call(R"({"quantity":0})", "k-1").status, 422);
  handler_status = 201;
  const auto retry = call(R"({"quantity":0})", "k-1");
  EXPECT_EQ(retry.status, 422);
  EXPECT_EQ(retry.header("Idempotent-Replayed").value_or(""), "true");
  EXPECT_EQ(lines.size(), 1U);
}

// A route whose handler writes its key (idempotent_in_handler): the handler claims the key and
// stores its answer in its own transaction, with a row of its work in `handler_work`.
class KeyInHandlerTest : public IdempotencyHookTest {
 protected:
  void SetUp() override {
    IdempotencyHookTest::SetUp();
    if (HasFatalFailure()) return;
    route.method = http::Method::post;
    route.pattern = "/v1/carts/{cart_id}/work";
    route = idempotent_in_handler(route);
    ASSERT_TRUE(writes_key_in_handler(route));
    auto table = db().write([](store::Transaction& tx) -> Status {
      RF_TRY(made, tx.exec("CREATE TABLE handler_work (n BIGINT NOT NULL)"));
      return {};
    });
    ASSERT_TRUE(table) << table.error().detail;
    handler = [this](http::Request& r) { return work(r); };
  }

  // Inserts a row and, when the hook handed the key over, takes it and writes the answer in the
  // same transaction, which then fails when fail_after_write says so.
  http::Response work(http::Request& request) {
    ++runs;
    http::Response r;
    r.status = handler_status;
    r.content_type = "application/json";
    r.body = R"({"run":)" + std::to_string(runs) + "}";
    if (before) std::exchange(before, {})();
    auto* key = key_in_transaction(request);
    auto done = db().write([&](store::Transaction& tx) -> Status {
      RF_TRY(inserted, tx.exec("INSERT INTO handler_work (n) VALUES ($1)", {std::int64_t{runs}}));
      if (key == nullptr) return {};
      RF_TRY(taken, key->take(tx));
      RF_TRY(written, key->write(tx, {r.status, r.content_type, r.headers, r.body}));
      if (fail_after_write) return fail(ErrorCode::validation_failed, "refused after writing");
      return {};
    });
    if (!done) r.status = done.error().code == ErrorCode::validation_failed ? 422 : 409;
    return r;
  }

  std::int64_t work_rows() {
    auto r = db().read(
        [](store::Transaction& tx) { return tx.query("SELECT count(*) FROM handler_work"); });
    EXPECT_TRUE(r) << r.error().detail;
    return r ? r->front().int64(0) : -1;
  }

  std::int64_t runs = 0;
  bool fail_after_write = false;
  std::function<void()> before;  // runs once, before the handler's transaction
};

TEST_P(KeyInHandlerTest, TheKeyCommitsWithTheWorkAndARetryReplaysIt) {
  const auto first = call("{}", "k-1");
  EXPECT_EQ(first.status, 201);
  const auto retry = call("{}", "k-1");
  EXPECT_EQ(retry.status, 201);
  EXPECT_EQ(retry.body, first.body);
  EXPECT_EQ(retry.header("Idempotent-Replayed").value_or(""), "true");
  EXPECT_EQ(call(R"({"other":1})", "k-1").status, 422);
  EXPECT_EQ(runs, 1);
  EXPECT_EQ(work_rows(), 1);
  EXPECT_EQ(rows(), 1);
  EXPECT_EQ(call("{}", std::nullopt).status, 201);  // no key: runs, writes no key
  EXPECT_EQ(rows(), 1);
}

TEST_P(KeyInHandlerTest, AFailedTransactionLeavesNeitherWorkNorKeyAndTheHookKeepsItsAnswer) {
  fail_after_write = true;
  const auto refused = call("{}", "k-1");
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(work_rows(), 0);
  fail_after_write = false;
  // The 422 is the key's answer, stored by the hook as for other routes.
  const auto retry = call("{}", "k-1");
  EXPECT_EQ(retry.status, 422);
  EXPECT_EQ(retry.header("Idempotent-Replayed").value_or(""), "true");
  EXPECT_EQ(runs, 1);
  EXPECT_EQ(work_rows(), 0);
}

TEST_P(KeyInHandlerTest, TheLoserOfAConcurrentRequestRollsBackAndGetsTheWinnersAnswer) {
  // Another request with the key answers between this one's check and its transaction.
  before = [this] { EXPECT_EQ(call("{}", "k-1").status, 201); };
  const auto loser = call("{}", "k-1");
  EXPECT_EQ(loser.status, 201);
  EXPECT_EQ(loser.body, R"({"run":2})");  // the winner's run, inside the loser's handler
  EXPECT_EQ(loser.header("Idempotent-Replayed").value_or(""), "true");
  EXPECT_EQ(runs, 2);
  EXPECT_EQ(work_rows(), 1);
}

TEST_P(KeyInHandlerTest, AKeyClaimedBeforehandRefusesAConcurrentRetryWhileItRuns) {
  handler = [this](http::Request& request) {
    auto* key = key_in_transaction(request);
    EXPECT_NE(key, nullptr);
    if (key == nullptr) return http::Response{};
    auto claimed = key->claim();
    EXPECT_TRUE(claimed && *claimed);
    if (runs++ == 0) {
      const auto concurrent = call("{}", "k-1");
      EXPECT_EQ(concurrent.status, 409);
      EXPECT_NE(concurrent.body.find("idempotency-key-in-use"), std::string::npos);
    }
    return work(request);
  };
  EXPECT_EQ(call("{}", "k-1").status, 201);
  const auto retry = call("{}", "k-1");
  EXPECT_EQ(retry.header("Idempotent-Replayed").value_or(""), "true");
  EXPECT_EQ(work_rows(), 1);
}

INSTANTIATE_TEST_SUITE_P(Engines, KeyInHandlerTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

INSTANTIATE_TEST_SUITE_P(Engines, IdempotencyHookTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

}  // namespace
}  // namespace reskflow::modules
