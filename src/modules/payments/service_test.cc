// Authorizing, capturing and cancelling on both engines with the test provider and the real
// ledger: one intent per order and payer, declines in plain words, the challenge card, a hold
// raised for an order that grew, and retries (also concurrent) that never hold or take money
// twice.
#include <latch>
#include <thread>

#include "test_fixture.h"

namespace reskflow::payments::testing {
namespace {

using ledger::AccountKind;

class PaymentsServiceTest : public PaymentsFixture {
 protected:
  // Runs `call` on several threads at once and returns what each got.
  template <class Call>
  std::vector<Result<Intent>> at_once(Call call, std::size_t threads_count = 6) {
    std::latch go(static_cast<std::ptrdiff_t>(threads_count));
    std::vector<Result<Intent>> results(threads_count);
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < threads_count; ++i) {
      threads.emplace_back([&, i] {
        go.arrive_and_wait();
        results[i] = call();
      });
    }
    for (auto& t : threads) t.join();
    return results;
  }
};

TEST_P(PaymentsServiceTest, AuthorizesAndARetryReturnsTheSameIntent) {
  const auto first = authorized("order-1");
  EXPECT_EQ(first.status, IntentStatus::authorized);
  EXPECT_EQ(first.amount, eur(2500));
  EXPECT_EQ(first.captured, eur(0));
  const auto again = authorized("order-1");
  EXPECT_EQ(again.id, first.id);
  EXPECT_EQ(count("SELECT COUNT(*) FROM payments_test_charges"), 1);
  const auto events = published();
  ASSERT_EQ(events.size(), 1U);
  EXPECT_EQ(events[0].first, "payments.intent.authorized");
  EXPECT_EQ(events[0].second.order_id, "order-1");
  // Another amount for the same order and payer is not a retry.
  EXPECT_EQ(authorize("order-1", test_cards::success, 3000).error().code, ErrorCode::conflict);
}

TEST_P(PaymentsServiceTest, ADeclinedCardFailsWithItsReasonAndAnotherCardMayFollow) {
  auto declined = authorize("order-1", "4000 0000 0000 0002");
  ASSERT_FALSE(declined);
  EXPECT_EQ(declined.error().code, ErrorCode::payment_declined);
  EXPECT_EQ(declined.error().detail, "Your card was declined.");
  ASSERT_EQ(declined.error().members.size(), 2U);
  const auto intent_id = declined.error().members[0].value;
  EXPECT_EQ(payments().intent(intent_id)->status, IntentStatus::failed);
  EXPECT_EQ(authorize("order-2", test_cards::insufficient_funds).error().detail,
            "Your card has insufficient funds.");

  const auto second = authorized("order-1");
  EXPECT_EQ(second.id, intent_id);
  EXPECT_EQ(second.decline_reason, "");
  const auto events = published();
  ASSERT_EQ(events.size(), 3U);
  EXPECT_EQ(events[0].first, "payments.intent.failed");
  EXPECT_EQ(events[0].second.decline_reason, "Your card was declined.");
  EXPECT_EQ(events[2].first, "payments.intent.authorized");
}

TEST_P(PaymentsServiceTest, AProcessingErrorStoresNothingAndARetryGoesThrough) {
  auto failed = authorize("order-1", test_cards::processing_error);
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().code, ErrorCode::unavailable);
  EXPECT_EQ(count("SELECT COUNT(*) FROM payments_intents"), 0);
  EXPECT_EQ(authorized("order-1").status, IntentStatus::authorized);
  EXPECT_FALSE(authorize("order-2", "").has_value());
}

TEST_P(PaymentsServiceTest, ConcurrentAuthorizationsHoldOnce) {
  const auto results = at_once([this] { return authorize("order-1", test_cards::success); });
  std::set<std::string> ids;
  for (const auto& r : results) {
    ASSERT_TRUE(r) << r.error().detail;
    ids.insert(r->id);
  }
  EXPECT_EQ(ids.size(), 1U);
  EXPECT_EQ(count("SELECT COUNT(*) FROM payments_test_charges"), 1);
  EXPECT_EQ(published().size(), 1U);
}

// The built-in test provider books its charge in the caller's transaction: the charge, the
// intent and its event commit with the caller's writes or not at all, and are counted only then.
TEST_P(PaymentsServiceTest, AnAuthorizationInTheCallersTransactionCommitsOrRollsBackWithIt) {
  EXPECT_TRUE(payments().authorizes_in_transaction(test_cards::success));
  EXPECT_FALSE(payments().authorizes_in_transaction("stablecoin"));
  auto& authorized_total = registry().counter("payments_intent_changes_total",
                                              "Payment intent changes", {{"status", "authorized"}});
  const AuthorizeRequest request{"order-1", ada, luigi, eur(2500),
                                 std::string(test_cards::success)};
  auto rolled_back = db().write([&](store::Transaction& tx) -> Status {
    auto intent = payments().authorize_in(tx, request);
    EXPECT_TRUE(intent) << intent.error().detail;
    EXPECT_EQ(intent.value_or(Intent{}).status, IntentStatus::authorized);
    return fail(ErrorCode::conflict, "the caller's own write failed");
  });
  ASSERT_FALSE(rolled_back);
  EXPECT_EQ(count("SELECT COUNT(*) FROM payments_test_charges"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM payments_intents"), 0);
  EXPECT_TRUE(published().empty());
  EXPECT_EQ(authorized_total.value(), 0.0);

  auto committed =
      db().write([&](store::Transaction& tx) { return payments().authorize_in(tx, request); });
  ASSERT_TRUE(committed) << committed.error().detail;
  EXPECT_EQ(payments().intent(committed->id)->status, IntentStatus::authorized);
  EXPECT_EQ(count("SELECT COUNT(*) FROM payments_test_charges WHERE status = 'authorized'"), 1);
  ASSERT_EQ(published().size(), 1U);
  EXPECT_EQ(authorized_total.value(), 1.0);
  // The order has its intent: a second one in a transaction is refused, authorize() retries.
  auto twice =
      db().write([&](store::Transaction& tx) { return payments().authorize_in(tx, request); });
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::conflict);
  EXPECT_EQ(authorized("order-1").id, committed->id);
}

TEST_P(PaymentsServiceTest, ADeclineInTheCallersTransactionIsAFailedIntentToCommit) {
  auto declined = db().write([&](store::Transaction& tx) {
    return payments().authorize_in(
        tx, {"order-1", ada, luigi, eur(2500), std::string(test_cards::declined)});
  });
  ASSERT_TRUE(declined) << declined.error().detail;
  EXPECT_EQ(declined->status, IntentStatus::failed);
  EXPECT_EQ(declined->decline_reason, "Your card was declined.");
  EXPECT_EQ(payments().intent(declined->id)->status, IntentStatus::failed);
  const auto error = decline_error(*declined);
  EXPECT_EQ(error.code, ErrorCode::payment_declined);
  EXPECT_EQ(error.detail, "Your card was declined.");
  ASSERT_EQ(error.members.size(), 2U);
  EXPECT_EQ(error.members[0].value, declined->id);
  // A processing error stores nothing.
  auto unavailable = db().write([&](store::Transaction& tx) {
    return payments().authorize_in(
        tx, {"order-2", ada, luigi, eur(2500), std::string(test_cards::processing_error)});
  });
  ASSERT_FALSE(unavailable);
  EXPECT_EQ(unavailable.error().code, ErrorCode::unavailable);
  EXPECT_EQ(count("SELECT COUNT(*) FROM payments_intents"), 1);
}

TEST_P(PaymentsServiceTest, CaptureSharesTheMoneyOutInTheLedger) {
  const auto intent = authorized("order-1");
  auto captured = payments().capture(intent.id, eur(2500), settlement_of_2500());
  ASSERT_TRUE(captured) << captured.error().detail;
  EXPECT_EQ(captured->status, IntentStatus::captured);
  EXPECT_EQ(captured->captured, eur(2500));
  EXPECT_EQ(balance(AccountKind::processor_clearing), 2500);
  EXPECT_EQ(balance(AccountKind::merchant_payable, luigi), -1900);
  EXPECT_EQ(balance(AccountKind::platform_revenue), -250);
  EXPECT_EQ(balance(AccountKind::tax_payable), -150);
  EXPECT_EQ(balance(AccountKind::tips_payable), -200);
  EXPECT_EQ(published().back().first, "payments.intent.captured");
  EXPECT_TRUE(ledger::check(db()).value().empty());
}

TEST_P(PaymentsServiceTest, RefusesABadCaptureAndMovesNothing) {
  const auto intent = authorized("order-1");
  EXPECT_EQ(payments().capture(intent.id, eur(2600), settlement_of_2500()).error().code,
            ErrorCode::validation_failed);
  auto uneven = settlement_of_2500();
  uneven.tip = eur(199);
  EXPECT_EQ(payments().capture(intent.id, eur(2500), uneven).error().code,
            ErrorCode::validation_failed);
  EXPECT_EQ(payments().capture("unknown", eur(2500), settlement_of_2500()).error().code,
            ErrorCode::not_found);
  EXPECT_EQ(payments().intent(intent.id)->status, IntentStatus::authorized);
  EXPECT_EQ(count("SELECT COUNT(*) FROM ledger_transactions"), 0);

  ASSERT_TRUE(payments().capture(intent.id, eur(2000), {eur(1600), eur(250), eur(150), eur(0)}));
  // A retry of the same capture answers the intent; another amount is refused.
  EXPECT_TRUE(payments().capture(intent.id, eur(2000), {eur(1600), eur(250), eur(150), eur(0)}));
  auto other = payments().capture(intent.id, eur(2500), settlement_of_2500());
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, ErrorCode::invalid_transition);
  EXPECT_EQ(other.error().members[0].value, "captured");
  EXPECT_EQ(balance(AccountKind::processor_clearing), 2000);
}

TEST_P(PaymentsServiceTest, ConcurrentCaptureRetriesTakeTheMoneyOnce) {
  const auto intent = authorized("order-1");
  const auto results =
      at_once([&] { return payments().capture(intent.id, eur(2500), settlement_of_2500()); });
  for (const auto& r : results) {
    ASSERT_TRUE(r) << r.error().detail;
    EXPECT_EQ(r->status, IntentStatus::captured);
  }
  EXPECT_EQ(balance(AccountKind::processor_clearing), 2500);
  EXPECT_EQ(count("SELECT COUNT(*) FROM ledger_transactions"), 1);
  EXPECT_EQ(published().size(), 2U);
}

TEST_P(PaymentsServiceTest, TheChallengeCardWaitsForThePayersCode) {
  auto pending = authorize("order-1", "4000 0027 6000 3184");
  ASSERT_TRUE(pending) << pending.error().detail;
  EXPECT_EQ(pending->status, IntentStatus::requires_action);
  EXPECT_EQ(pending->challenge_url, "/v1/payments/" + pending->id + "/challenge");
  EXPECT_EQ(payments().capture(pending->id, eur(2500), settlement_of_2500()).error().code,
            ErrorCode::invalid_transition);
  EXPECT_EQ(module->service().challenge(pending->id, {bob, false}).error().code,
            ErrorCode::not_found);
  auto challenge = module->service().challenge(pending->id, {ada, false});
  ASSERT_TRUE(challenge);
  EXPECT_EQ(challenge->code.size(), 6U);
  const auto wrong = challenge->code == "000000" ? "111111" : "000000";
  EXPECT_EQ(module->service().complete_challenge(pending->id, {ada, false}, wrong).error().code,
            ErrorCode::validation_failed);
  auto done = module->service().complete_challenge(pending->id, {ada, false}, challenge->code);
  ASSERT_TRUE(done) << done.error().detail;
  EXPECT_EQ(done->status, IntentStatus::authorized);
  EXPECT_EQ(done->challenge_url, "");
  const auto events = published();
  ASSERT_EQ(events.size(), 2U);
  EXPECT_EQ(events[0].first, "payments.intent.requires_action");
  EXPECT_EQ(events[1].first, "payments.intent.authorized");
  EXPECT_TRUE(payments().capture(pending->id, eur(2500), settlement_of_2500()));
}

TEST_P(PaymentsServiceTest, ThreeWrongCodesFailTheIntent) {
  auto pending = authorize("order-1", test_cards::challenge);
  ASSERT_TRUE(pending);
  const auto code = module->service().challenge(pending->id, {ada, false})->code;
  const auto wrong = code == "000000" ? "111111" : "000000";
  for (int i = 0; i < 2; ++i)
    EXPECT_FALSE(module->service().complete_challenge(pending->id, {ada, false}, wrong));
  auto failed = module->service().complete_challenge(pending->id, {ada, false}, wrong);
  ASSERT_TRUE(failed);
  EXPECT_EQ(failed->status, IntentStatus::failed);
  EXPECT_EQ(failed->decline_reason, "The payer failed the card's challenge.");
  EXPECT_EQ(published().back().first, "payments.intent.failed");
}

TEST_P(PaymentsServiceTest, CancelReleasesTheHoldAndAnOrderMayAuthorizeAgain) {
  const auto intent = authorized("order-1");
  auto cancelled = payments().cancel(intent.id);
  ASSERT_TRUE(cancelled);
  EXPECT_EQ(cancelled->status, IntentStatus::cancelled);
  EXPECT_TRUE(payments().cancel(intent.id));  // a retry
  EXPECT_EQ(payments().capture(intent.id, eur(2500), settlement_of_2500()).error().code,
            ErrorCode::invalid_transition);
  const auto again = authorized("order-1", 1800);
  EXPECT_EQ(again.id, intent.id);
  EXPECT_EQ(again.amount, eur(1800));
  ASSERT_TRUE(payments().capture(again.id, eur(1800), {eur(1800), eur(0), eur(0), eur(0)}));
  EXPECT_EQ(payments().cancel(again.id).error().code, ErrorCode::invalid_transition);
  EXPECT_EQ(payments().intents_of_order("order-1")->size(), 1U);
}

TEST_P(PaymentsServiceTest, AnOrderThatGrewRaisesItsHoldOnceAndMovesNoMoney) {
  const auto intent = authorized("order-1");
  const auto raised = at_once([&] { return payments().increase(intent.id, eur(3100)); });
  for (const auto& r : raised) {
    ASSERT_TRUE(r) << r.error().detail;
    EXPECT_EQ(r->amount, eur(3100));
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM payments_test_operations WHERE kind = 'increment'"), 1);
  EXPECT_EQ(count("SELECT amount_minor FROM payments_test_charges"), 3100);
  EXPECT_EQ(published().back().first, "payments.intent.authorized");
  EXPECT_EQ(published().back().second.amount, eur(3100));
  EXPECT_EQ(count("SELECT COUNT(*) FROM ledger_entries"), 0);  // a hold moves no money
  // Less than held changes nothing: the capture takes less and releases the rest.
  EXPECT_EQ(payments().increase(intent.id, eur(2500))->amount, eur(3100));
  EXPECT_EQ(payments().increase(intent.id, {3200, "USD"}).error().code,
            ErrorCode::validation_failed);
  ASSERT_TRUE(payments().capture(intent.id, eur(2500), settlement_of_2500()));
  EXPECT_EQ(balance(AccountKind::processor_clearing), 2500);
  EXPECT_EQ(payments().increase(intent.id, eur(4000)).error().code, ErrorCode::invalid_transition);
}

INSTANTIATE_TEST_SUITE_P(Engines, PaymentsServiceTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

}  // namespace
}  // namespace reskflow::payments::testing
