// Publishing: an event commits or rolls back with its transaction; the inbox deduplicates.
#include <gtest/gtest.h>

#include "bus_testing.h"

namespace reskflow::bus {
namespace {

using testing::BusTest;

class OutboxTest : public BusTest {};

TEST_P(OutboxTest, EventCommitsWithItsTransactionAndNotWithARolledBackOne) {
  auto kept = db().write([](store::Transaction& tx) -> Result<std::string> {
    if (auto touched = tx.exec("INSERT INTO touch VALUES (1)"); !touched) {
      return std::unexpected(touched.error());
    }
    return publish(tx, Event{"order.placed", "kept", "{}"});
  });
  ASSERT_TRUE(kept) << kept.error().detail;
  auto dropped = db().write([](store::Transaction& tx) -> Result<std::string> {
    auto id = publish(tx, Event{"order.placed", "dropped", "{}"});
    if (!id) return id;
    return fail(ErrorCode::invalid_transition, "the order changed meanwhile");
  });
  ASSERT_FALSE(dropped);
  EXPECT_EQ(count("SELECT count(*) FROM outbox"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM outbox WHERE event_id = $1", {*kept}), 1);

  InProcessTransport transport;
  testing::Recorder recorder;
  ASSERT_TRUE(transport.subscribe("recorder", ">", recorder.handler()));
  Relay relay(db(), transport, RelayOptions{}, clock());
  auto drained = relay.drain(testing::far_future());
  ASSERT_TRUE(drained) << drained.error().detail;
  EXPECT_EQ(recorder.subjects(), std::vector<std::string>{"kept"});
}

TEST_P(OutboxTest, RejectsMalformedEvents) {
  for (const Event& bad : {Event{"Order Placed", "s", "{}"}, Event{"order..placed", "s", "{}"},
                           Event{"", "s", "{}"}, Event{"order.placed", "s", "{not json"}}) {
    auto result = db().write([&](store::Transaction& tx) { return publish(tx, bad); });
    ASSERT_FALSE(result) << bad.type;
    EXPECT_EQ(result.error().code, ErrorCode::internal);
  }
  auto read_only = db().read([](store::Transaction& tx) {
    return publish(tx, Event{"order.placed", "s", "{}"});
  });
  EXPECT_FALSE(read_only);
  EXPECT_EQ(count("SELECT count(*) FROM outbox"), 0);
}

TEST_P(OutboxTest, InboxRecordsEachEventOncePerConsumer) {
  auto once = [&](std::string consumer) {
    return db().write([&](store::Transaction& tx) { return record_once(tx, consumer, "e-1"); });
  };
  EXPECT_EQ(once("billing").value(), true);
  EXPECT_EQ(once("billing").value(), false);
  EXPECT_EQ(once("mailer").value(), true);
}

TEST_P(OutboxTest, HandleOnceAppliesARedeliveredEventOnce) {
  const Envelope event{"e-7", "order.paid", "o-1", "{}", 0, 1, 0};
  int applied = 0;
  for (int delivery = 0; delivery < 3; ++delivery) {
    ASSERT_TRUE(handle_once(db(), "ledger", event, [&](store::Transaction&) -> Status {
      ++applied;
      return {};
    }));
  }
  EXPECT_EQ(applied, 1);
}

TEST_P(OutboxTest, ErasesOneSubjectsEventsOfOneType) {
  ASSERT_TRUE(publish_one("mail.requested", "user-1"));
  ASSERT_TRUE(publish_one("mail.requested", "user-2"));
  ASSERT_TRUE(publish_one("user.erased", "user-1"));
  auto erased = db().write(
      [](store::Transaction& tx) { return erase_events(tx, "mail.requested", "user-1"); });
  ASSERT_TRUE(erased) << erased.error().detail;
  EXPECT_EQ(*erased, 1);
  EXPECT_EQ(count("SELECT count(*) FROM outbox WHERE subject = 'user-1'"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM outbox"), 2);
}

INSTANTIATE_TEST_SUITE_P(Engines, OutboxTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

}  // namespace
}  // namespace reskflow::bus
