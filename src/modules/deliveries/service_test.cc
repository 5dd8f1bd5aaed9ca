// Deliveries end to end below HTTP on both engines: creation from accepted orders, offers that
// lapse or are declined and go to the next courier, the lifecycle with its codes and checks,
// the courier's earnings in a balanced ledger, cancellation, who sees what, and the dispatch
// policy setting.
#include <map>
#include <string>

#include "test_fixture.h"

namespace reskflow::deliveries::testing {
namespace {

using ledger::AccountKind;

class DeliveriesServiceTest : public DeliveriesFixture {
 protected:
  // A delivery offered to and accepted by `driver_id`.
  DeliveryRecord assigned_to(const std::string& driver_id, const orders::DeliveryOrder& o) {
    const auto created = accepted(o);
    online(driver_id, 0.5);
    EXPECT_EQ(service().dispatch_round().value_or(0), 1);
    auto taken = service().accept_offer(driver_id, offer_of(driver_id).id);
    EXPECT_TRUE(taken) << (taken ? "" : taken.error().detail);
    return taken.value_or(created);
  }

  Result<DeliveryRecord> step(const std::string& driver_id, const DeliveryRecord& d,
                              std::string next, std::string code = "", std::string pin = "") {
    StepRequest r;
    r.next = std::move(next);
    r.pickup_code = std::move(code);
    r.pin = std::move(pin);
    return service().step(driver_id, d.id(), r);
  }

  // What payments posts at capture: the tip waits in tips_payable for the courier.
  void capture(const orders::DeliveryOrder& o) {
    ledger::TransactionRequest t{"payment:" + o.order_id + ":capture", "capture", {}};
    t.postings = {{{AccountKind::processor_clearing, ""}, {3000, "EUR"}},
                  {{AccountKind::merchant_payable, merchant}, {-2300, "EUR"}},
                  {{AccountKind::platform_revenue, ""}, {-500, "EUR"}},
                  {{AccountKind::tips_payable, ""}, {-200, "EUR"}}};
    auto posted = db().write([&](store::Transaction& tx) -> Status {
      RF_TRY(id, ledger_module->ledger().post(tx, t));
      return {};
    });
    ASSERT_TRUE(posted) << posted.error().detail;
  }
};

TEST_P(DeliveriesServiceTest, CreatesOneDeliveryPerAcceptedPlatformOrder) {
  const auto d = accepted(order("o-1"));
  EXPECT_EQ(d.status(), status_pending);
  EXPECT_EQ(d.pickup_code.size(), 6U);
  EXPECT_TRUE(d.pin.empty());  // 30.00 is under the high-value threshold
  EXPECT_EQ(d.due_by_us, start_us + 30 * 60 * second_us);
  publish_order(std::string(orders::events::order_accepted), order("o-1"));  // redelivered
  EXPECT_EQ(service().get_of_order("o-1")->id(), d.id());

  auto own_couriers = order("o-2");
  own_couriers.delivery_mode = "merchant";
  orders.add(own_couriers);
  publish_order(std::string(orders::events::order_accepted), own_couriers);
  EXPECT_EQ(service().get_of_order("o-2").error().code, ErrorCode::not_found);

  auto valuable = order("o-3");
  valuable.total = {settings.high_value_minor, "EUR"};
  EXPECT_EQ(accepted(valuable).pin.size(), 4U);
  auto wine = order("o-4");
  wine.age_restricted = true;
  EXPECT_EQ(accepted(wine).pin.size(), 4U);
}

TEST_P(DeliveriesServiceTest, ALapsedOfferGoesToTheNextBestCourier) {
  const auto d = accepted(order("o-1"));
  online("near", 0.2);
  online("far", 3);
  ASSERT_EQ(service().dispatch_round().value_or(0), 1);
  const auto first = offer_of("near");
  EXPECT_EQ(first.delivery_id, d.id());
  EXPECT_TRUE(service().offers_of("far")->empty());
  EXPECT_EQ(service().dispatch_round().value_or(-1), 0);  // one offer at a time
  clock.advance(settings.offer_timeout_s);
  ASSERT_EQ(service().dispatch_round().value_or(0), 1);
  EXPECT_TRUE(service().offers_of("near")->empty());
  EXPECT_EQ(offer_of("far").delivery_id, d.id());
  EXPECT_EQ(service().accept_offer("near", first.id).error().code, ErrorCode::conflict);
}

TEST_P(DeliveriesServiceTest, ADeclinedOfferGoesToTheNextCourier) {
  accepted(order("o-1"));
  online("near", 0.2);
  online("far", 3);
  ASSERT_EQ(service().dispatch_round().value_or(0), 1);
  ASSERT_TRUE(service().decline_offer("near", offer_of("near").id));
  ASSERT_EQ(service().dispatch_round().value_or(0), 1);
  const auto second = offer_of("far");
  auto taken = service().accept_offer("far", second.id);
  ASSERT_TRUE(taken) << taken.error().detail;
  EXPECT_EQ(taken->delivery.driver_id, "far");
  EXPECT_EQ(taken->status(), status_assigned);
  EXPECT_TRUE(taken->pickup_eta_us.has_value());
}

TEST_P(DeliveriesServiceTest, RanksCouriersByTheirQualityScores) {
  // Each order has two couriers equally near its pickup, one of whom quality scores poorly.
  const auto offered_to = [&](const std::string& order_id, const std::string& west,
                              const std::string& east_side) {
    online(west, -0.2);
    online(east_side, 0.2);
    accepted(order(order_id));
    EXPECT_EQ(service().dispatch_round().value_or(0), 1);
    return service().offers_of(west)->empty() ? east_side : west;
  };
  quality::DriverScore declines;
  declines.driver_id = "declines-often";
  declines.acceptance_rate = 0.5;  // over 20 offers: 150 s of the 600 s decline penalty
  declines.offers = 20;
  scores.set_driver(declines);
  EXPECT_EQ(offered_to("o-1", "declines-often", "accepts"), "accepts");
  quality::DriverScore late;
  late.driver_id = "often-late";
  late.on_time_rate = 0.5;  // over 20 deliveries: 75 s of the 300 s late-record penalty
  late.deliveries = 20;
  scores.set_driver(late);
  EXPECT_EQ(offered_to("o-2", "on-time", "often-late"), "on-time");
  quality::DriverScore rated_low;
  rated_low.driver_id = "rated-low";
  rated_low.rating = 3.0;  // over 20 ratings: 75 s of the 300 s low-rating penalty
  rated_low.rating_count = 20;
  scores.set_driver(rated_low);
  EXPECT_EQ(offered_to("o-3", "rated-low", "rated-well"), "rated-well");
}

TEST_P(DeliveriesServiceTest, WalksTheLifecycleWithTheCodesAndPaysTheCourier) {
  auto o = order("o-1", 3);
  o.total = {settings.high_value_minor, "EUR"};
  const auto d = assigned_to("rider", o);
  EXPECT_EQ(step("rider", d, "picked_up", d.pickup_code).error().code,
            ErrorCode::invalid_transition);
  ASSERT_TRUE(step("rider", d, "at_pickup"));
  const auto wrong = d.pickup_code == "000000" ? "111111" : "000000";
  EXPECT_EQ(step("rider", d, "picked_up", wrong).error().code, ErrorCode::validation_failed);
  EXPECT_EQ(orders.status("o-1"), orders::status_accepted);
  auto picked = step("rider", d, "picked_up", d.pickup_code);
  ASSERT_TRUE(picked) << picked.error().detail;
  EXPECT_EQ(orders.status("o-1"), orders::status_picked_up);
  EXPECT_TRUE(picked->predicted_dropoff_us.has_value());
  ASSERT_TRUE(step("rider", d, "at_dropoff"));
  EXPECT_EQ(step("rider", d, "delivered").error().code, ErrorCode::validation_failed);  // no PIN
  capture(o);
  clock.advance(std::chrono::minutes(12));
  auto done = step("rider", d, "delivered", "", d.pin);
  ASSERT_TRUE(done) << done.error().detail;
  EXPECT_EQ(orders.status("o-1"), orders::status_delivered);
  // 3.00 + 1.00 per km of the 3.9 km ride (3 km x 1.3), and the 2.00 tip.
  EXPECT_EQ(balance(AccountKind::driver_payable, "rider"), -(300 + 390 + 200));
  EXPECT_EQ(balance(AccountKind::tips_payable), 0);
  EXPECT_EQ(balance(AccountKind::platform_revenue), -500 + 690);
  EXPECT_TRUE(ledger::check(db())->empty());
  EXPECT_EQ(step("rider", d, "delivered", "", d.pin).error().code, ErrorCode::invalid_transition);
  const auto quality = service().eta_quality(std::chrono::hours(24));
  ASSERT_TRUE(quality);
  ASSERT_EQ(quality->size(), 1U);
  EXPECT_EQ(quality->front().deliveries, 1);
  EXPECT_GT(quality->front().mae_s, 0);
}

TEST_P(DeliveriesServiceTest, AgeRestrictedItemsNeedAnIdCheckByAVerifiedCourier) {
  auto o = order("o-1");
  o.age_restricted = true;
  const auto d = assigned_to("rider", o);
  ASSERT_TRUE(step("rider", d, "at_pickup"));
  ASSERT_TRUE(step("rider", d, "picked_up", d.pickup_code));
  ASSERT_TRUE(step("rider", d, "at_dropoff"));
  StepRequest r{"delivered", "", d.pin, false, ""};
  EXPECT_EQ(service().step("rider", d.id(), r).error().code, ErrorCode::validation_failed);
  r.id_checked = true;
  EXPECT_EQ(service().step("rider", d.id(), r).error().code, ErrorCode::forbidden);
  directory.verify_age("rider");
  capture(o);
  EXPECT_TRUE(service().step("rider", d.id(), r));
}

TEST_P(DeliveriesServiceTest, AFailedDeliveryFailsTheOrderWithItsReason) {
  const auto d = assigned_to("rider", order("o-1"));
  ASSERT_TRUE(step("rider", d, "at_pickup"));
  ASSERT_TRUE(step("rider", d, "picked_up", d.pickup_code));
  StepRequest r{"failed", "", "", false, ""};
  EXPECT_EQ(service().step("rider", d.id(), r).error().code, ErrorCode::validation_failed);
  r.reason = "nobody answered the door";
  ASSERT_TRUE(service().step("rider", d.id(), r));
  EXPECT_EQ(orders.status("o-1"), orders::status_failed);
  EXPECT_EQ(orders.moves().back().reason, "nobody answered the door");
}

TEST_P(DeliveriesServiceTest, ACancelledOrderCancelsItsDeliveryAndItsOffers) {
  const auto o = order("o-1");
  accepted(o);
  online("rider", 0.2);
  ASSERT_EQ(service().dispatch_round().value_or(0), 1);
  const auto offer = offer_of("rider");
  publish_order(std::string(orders::events::order_cancelled), o);
  EXPECT_EQ(service().get_of_order("o-1")->status(), status_cancelled);
  EXPECT_TRUE(service().offers_of("rider")->empty());
  EXPECT_EQ(service().accept_offer("rider", offer.id).error().code, ErrorCode::conflict);
}

TEST_P(DeliveriesServiceTest, AnOrderReadyBeforeItsEstimateIsOfferedAtOnce) {
  auto o = order("o-1");
  o.ready_at_us = clock.now_us() + 2 * 3600 * second_us;  // the kitchen announced two hours
  const auto d = accepted(o);
  online("rider", 0.2);
  EXPECT_EQ(service().dispatch_round().value_or(-1), 0);  // no courier waits two hours at a counter

  clock.advance(std::chrono::minutes(5));
  o.status = std::string(orders::status_ready);
  publish_order(std::string(orders::events::order_ready), o);
  const auto ready = service().get_of_order("o-1");
  ASSERT_TRUE(ready);
  EXPECT_EQ(ready->ready_at_us, clock.now_us());
  EXPECT_EQ(ready->due_by_us, d.due_by_us);  // the promise to the customer stands
  ASSERT_EQ(service().dispatch_round().value_or(0), 1);
  EXPECT_EQ(offer_of("rider").delivery_id, d.id());
}

TEST_P(DeliveriesServiceTest, AReadyOrderNeverMakesTheCouriersStepConflict) {
  auto o = order("o-1");
  o.ready_at_us = clock.now_us() + 600 * second_us;
  accepted(o);
  online("rider", 0.2);
  ASSERT_EQ(service().dispatch_round().value_or(0), 1);
  const auto taken = service().accept_offer("rider", offer_of("rider").id);
  ASSERT_TRUE(taken) << taken.error().detail;
  clock.advance(std::chrono::minutes(2));
  o.status = std::string(orders::status_ready);
  publish_order(std::string(orders::events::order_ready), o);
  const auto ready = service().get_of_order("o-1");
  ASSERT_TRUE(ready);
  EXPECT_EQ(ready->ready_at_us, clock.now_us());
  EXPECT_EQ(ready->version, taken->version);  // the courier's copy is still current
  const auto at_pickup = service().step("rider", taken->id(), {std::string(status_at_pickup)});
  ASSERT_TRUE(at_pickup) << at_pickup.error().detail;
  clock.advance(std::chrono::minutes(1));
  publish_order(std::string(orders::events::order_ready), o);  // too late to matter: unchanged
  EXPECT_EQ(service().get_of_order("o-1")->ready_at_us, ready->ready_at_us);
}

TEST_P(DeliveriesServiceTest, EachPartySeesOnlyWhatIsTheirs) {
  const auto d = assigned_to("rider", order("o-1"));
  online("rival", 1);
  const auto as = [](const std::string& user, std::string_view role) {
    return Caller{user, role == identity::role_admin, {user, std::string(role), {}, "", {}}};
  };
  EXPECT_EQ(service().view(as("rider", identity::role_driver), d.id())->second, View::courier);
  EXPECT_EQ(service().view(as(customer, identity::role_customer), d.id())->second, View::customer);
  EXPECT_EQ(service().view(as(cook, identity::role_merchant), d.id())->second, View::merchant);
  EXPECT_EQ(service().view(as("boss", identity::role_admin), d.id())->second, View::admin);
  EXPECT_EQ(service().view(as("rival", identity::role_driver), d.id()).error().code,
            ErrorCode::not_found);
  EXPECT_EQ(service().view(as("bob", identity::role_customer), d.id()).error().code,
            ErrorCode::not_found);
  EXPECT_EQ(step("rival", d, "at_pickup").error().code, ErrorCode::not_found);
  EXPECT_TRUE(service().of_driver("rival", false)->empty());
  EXPECT_EQ(service().of_driver("rider", true)->size(), 1U);

  accepted(order("o-2"));
  ASSERT_EQ(service().dispatch_round().value_or(0), 1);
  const auto offer = offer_of("rival");
  EXPECT_EQ(service().accept_offer("rider", offer.id).error().code, ErrorCode::not_found);
  EXPECT_EQ(service().decline_offer("rider", offer.id).error().code, ErrorCode::not_found);
}

TEST_P(DeliveriesServiceTest, AnAdminAssignsByHandOnlyToAFittingCourierOnShift) {
  auto o = order("o-1");
  o.cold_min_c = 0;
  o.cold_max_c = 4;
  const auto d = accepted(o);
  online("warm", 0.1);
  EXPECT_EQ(service().assign(d.id(), "nobody").error().code, ErrorCode::validation_failed);
  EXPECT_EQ(service().assign(d.id(), "warm").error().code, ErrorCode::validation_failed);
  online("cold", 2, true);
  auto given = service().assign(d.id(), "cold");
  ASSERT_TRUE(given) << given.error().detail;
  EXPECT_EQ(given->delivery.driver_id, "cold");
  online("cold-too", 1, true);
  EXPECT_EQ(service().assign(d.id(), "cold-too")->delivery.driver_id, "cold-too");
}

TEST_P(DeliveriesServiceTest, KeepsThePathAndThinsItToOnePointPerTenSecondsOnceDelivered) {
  const auto d = assigned_to("rider", order("o-1"));
  ASSERT_TRUE(module->tracker().load());
  drivers.on_position([this](const std::string& id, const drivers::Position& p) {
    module->tracker().position(id, p);
  });
  for (int i = 0; i < 30; ++i)
    drivers.move("rider", east(0.5 - i * 0.01), start_us + i * 2 * second_us);
  ASSERT_TRUE(module->tracker().flush());
  const Caller admin{"boss", true, {"boss", "admin", {}, "", {}}};
  EXPECT_EQ(service().path(admin, d.id())->size(), 30U);
  ASSERT_TRUE(step("rider", d, "at_pickup"));
  ASSERT_TRUE(step("rider", d, "picked_up", d.pickup_code));
  ASSERT_TRUE(step("rider", d, "at_dropoff"));
  capture(order("o-1"));
  ASSERT_TRUE(step("rider", d, "delivered"));
  EXPECT_EQ(service().path(admin, d.id())->size(), 6U);  // 60 s of points every 2 s
}

// The flush writes many points to a statement: a path longer than one statement keeps every
// point, in order, and a point the tracker was handed twice is kept once.
TEST_P(DeliveriesServiceTest, KeepsEveryPointOfALongPathOnceThoughOneCameTwice) {
  const auto d = assigned_to("rider", order("o-1"));
  ASSERT_TRUE(module->tracker().load());
  constexpr int points = 150;
  for (int i = 0; i < points; ++i) {
    const drivers::Position p{east(0.5 - i * 0.001), start_us + i * second_us, 5, 0, 0};
    module->tracker().position("rider", p);
    if (i == 70) module->tracker().position("rider", p);
  }
  ASSERT_TRUE(module->tracker().flush());
  const Caller admin{"boss", true, {"boss", "admin", {}, "", {}}};
  const auto path = service().path(admin, d.id());
  ASSERT_TRUE(path) << path.error().detail;
  ASSERT_EQ(path->size(), static_cast<std::size_t>(points));
  for (int i = 0; i < points; ++i) {
    EXPECT_EQ((*path)[static_cast<std::size_t>(i)].at_us, start_us + i * second_us);
    EXPECT_DOUBLE_EQ((*path)[static_cast<std::size_t>(i)].point.lng, east(0.5 - i * 0.001).lng);
  }
}

TEST_P(DeliveriesServiceTest, KeepsOnlyThePointsOfTheCourierADeliveryIsWith) {
  const auto d = assigned_to("rider", order("o-1"));
  ASSERT_TRUE(module->tracker().load());
  const auto at = [](int s) {
    return drivers::Position{east(0.4), start_us + s * second_us, 5, 0, 0};
  };
  module->tracker().position("rider", at(1));
  online("other", 0.2);
  ASSERT_TRUE(service().assign(d.id(), "other"));
  module->tracker().position("rider", at(2));
  module->tracker().position("other", at(3));
  ASSERT_TRUE(module->tracker().flush());
  const Caller admin{"boss", true, {"boss", "admin", {}, "", {}}};
  const auto path = service().path(admin, d.id());
  ASSERT_TRUE(path) << path.error().detail;
  ASSERT_EQ(path->size(), 2U);
  EXPECT_EQ((*path)[0].at_us, start_us + 1 * second_us);
  EXPECT_EQ((*path)[1].at_us, start_us + 3 * second_us);
}

TEST_P(DeliveriesServiceTest, TheBacklogSaysWhatWaitsSinceWhenAndHowTheLastRoundWent) {
  auto idle = module->dispatch_backlog();
  ASSERT_TRUE(idle) << idle.error().detail;
  EXPECT_EQ(idle->waiting, 0);
  EXPECT_FALSE(idle->oldest_created_at_us);
  EXPECT_FALSE(idle->last_round);  // no round yet on this node

  accepted(order("o-1"));
  clock.advance(std::chrono::seconds(40));
  accepted(order("o-2"));
  auto waiting = module->dispatch_backlog();
  EXPECT_EQ(waiting->waiting, 2);
  EXPECT_EQ(waiting->oldest_created_at_us, start_us);

  // One courier takes one offer at a time: the other delivery still waits after the round.
  online("rider", 0.5);
  clock.advance(std::chrono::seconds(5));
  module->run_dispatch();
  auto after = module->dispatch_backlog();
  EXPECT_EQ(after->waiting, 1);
  ASSERT_TRUE(after->last_round);
  EXPECT_EQ(after->last_round->at_us, start_us + 45 * second_us);
  EXPECT_EQ(after->last_round->offers, 1);
  EXPECT_EQ(after->last_round->error, "");
}

INSTANTIATE_TEST_SUITE_P(Engines, DeliveriesServiceTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

// dispatch_test's MinCostAssignmentBeatsNearestFirst through whole rounds of the service: order A
// is picked up at 0 km (to 1 km) and B at 2 km (to 3 km); courier X waits at 0.9 km, Y at -1 km.
// RESKFLOW_DELIVERIES_DISPATCH_POLICY decides who is offered what.
class DispatchPolicySettingTest : public DeliveriesFixture {
 protected:
  void SetUp() override {
    auto loaded = load_settings({{"RESKFLOW_DELIVERIES_DISPATCH_POLICY", policy()}});
    ASSERT_TRUE(loaded) << loaded.error().detail;
    settings = *loaded;
    DeliveriesFixture::SetUp();
  }
  virtual std::string policy() const { return "optimized"; }

  // Each order's courier after one round.
  std::map<std::string, std::string> offered() {
    const auto a = accepted(order("a", 1));
    clock.advance(std::chrono::seconds(1));  // A waits longer, so nearest-first serves it first
    auto second = order("b", 3);
    second.pickup = east(2);
    const auto b = accepted(second);
    online("x", 0.9);
    online("y", -1);
    EXPECT_EQ(service().dispatch_round().value_or(0), 2);
    std::map<std::string, std::string> out;
    for (const auto* courier : {"x", "y"})
      out[offer_of(courier).delivery_id == a.id() ? "a" : "b"] = courier;
    return out;
  }
};

class NearestDispatchPolicyTest : public DispatchPolicySettingTest {
 protected:
  std::string policy() const override { return "nearest"; }
};

TEST_P(DispatchPolicySettingTest, TheOptimizedPolicySendsEachCourierWhereTheRideIsShortest) {
  EXPECT_EQ(offered(), (std::map<std::string, std::string>{{"a", "y"}, {"b", "x"}}));
}

TEST_P(NearestDispatchPolicyTest, TheNearestPolicyGivesEachOrderInTurnItsNearestCourier) {
  EXPECT_EQ(offered(), (std::map<std::string, std::string>{{"a", "x"}, {"b", "y"}}));
}

INSTANTIATE_TEST_SUITE_P(Engines, DispatchPolicySettingTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);
INSTANTIATE_TEST_SUITE_P(Engines, NearestDispatchPolicyTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

TEST(DeliveriesSettings, TheDispatchPolicyIsOptimizedByDefaultAndOnlyOptimizedOrNearest) {
  EXPECT_EQ(load_settings({})->dispatch_policy, DispatchRule::optimized);
  const auto refused = load_settings({{"RESKFLOW_DELIVERIES_DISPATCH_POLICY", "closest"}});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::validation_failed);
  ASSERT_EQ(refused.error().fields.size(), 1U);
  EXPECT_EQ(refused.error().fields[0].field, "RESKFLOW_DELIVERIES_DISPATCH_POLICY");
}

}  // namespace
}  // namespace reskflow::deliveries::testing
