// A member's account and their membership, on both engines: changing the card (kept for the
// next renewal, or charged at once while a renewal is unpaid) and erasure (the membership ends
// at once, no card stays in the subscriptions tables, a month charged meanwhile is refunded).
#include "capture_then.h"
#include "reskflow/identity/events.h"
#include "test_fixture.h"

namespace reskflow::subscriptions::testing {
namespace {

class AccountTest : public SubscriptionsFixture {
 protected:
  void erase(const std::string& user_id) {
    ASSERT_TRUE(module->subscribe_consumers());
    publish(identity::events::user_erased, user_id,
            modules::payload::to_payload(identity::events::UserErased{user_id}));
  }

  // Every card the subscriptions tables hold for the customer.
  std::vector<std::string> cards_of(const std::string& customer_id) {
    auto rows = db().read([&](store::Transaction& tx) {
      return tx.query(
          "SELECT payment_method FROM subscriptions_subscriptions WHERE customer_id = "
          "$1 ORDER BY created_at_us",
          {customer_id});
    });
    std::vector<std::string> out;
    for (const auto r : must(std::move(rows))) out.push_back(r.text(0));
    return out;
  }

  std::unique_ptr<payments::testing::CaptureThen> wrapped;
};

TEST_P(AccountTest, AnActiveMembersNewCardPaysTheNextRenewal) {
  const auto s = subscribed();
  const auto changed = must(service().change_payment_method(ada, std::string(declined_card)));
  EXPECT_EQ(changed.status, status_active);
  EXPECT_EQ(revenue(), eur(999));  // nothing charged now
  EXPECT_EQ(cards_of(ada), std::vector<std::string>{std::string(declined_card)});
  EXPECT_EQ(renew_at(s.period_end_us), 1);
  EXPECT_EQ(must(service().mine(ada)).status, status_past_due);  // the new card was charged
}

TEST_P(AccountTest, APastDueMembersNewCardIsChargedAtOnce) {
  const auto s = subscribed();
  use_card(s.id, declined_card);
  EXPECT_EQ(renew_at(s.period_end_us + 60), 1);
  ASSERT_EQ(must(service().mine(ada)).status, status_past_due);
  const auto paid = must(service().change_payment_method(ada, std::string(good_card)));
  EXPECT_EQ(paid.status, status_active);
  EXPECT_EQ(paid.renewal_failures, 0);
  EXPECT_EQ(paid.period_number, 1);
  EXPECT_EQ(paid.period_start_us, s.period_end_us);  // the same calendar month, not shifted
  EXPECT_EQ(cards_of(ada), std::vector<std::string>{std::string(good_card)});  // kept as it paid
  EXPECT_EQ(revenue(), eur(2 * 999));
  EXPECT_EQ(published_types().back(), events::subscription_renewed);
  EXPECT_TRUE(must(service().benefits_of(ada)));
  // The retry that was planned finds the period paid: nothing is charged again.
  EXPECT_EQ(renew_at(s.period_end_us + day_us), 0);
  EXPECT_EQ(revenue(), eur(2 * 999));
  EXPECT_TRUE(payments::check(db()).value().empty());
  EXPECT_TRUE(ledger::check(db()).value().empty());
}

TEST_P(AccountTest, ADeclinedNewCardChangesNothing) {
  const auto s = subscribed();
  use_card(s.id, declined_card);
  EXPECT_EQ(renew_at(s.period_end_us), 1);
  const auto before = must(service().mine(ada));
  const auto refused = service().change_payment_method(ada, "4000000000009995");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::payment_declined);
  EXPECT_EQ(refused.error().detail, "Your card has insufficient funds.");
  const auto after = must(service().mine(ada));
  EXPECT_EQ(after.status, status_past_due);
  EXPECT_EQ(after.renewal_failures, before.renewal_failures);
  EXPECT_EQ(after.next_renewal_at_us, before.next_renewal_at_us);
  EXPECT_EQ(cards_of(ada), std::vector<std::string>{std::string(declined_card)});
  EXPECT_EQ(revenue(), eur(999));
}

TEST_P(AccountTest, WithoutAMembershipThereIsNoCardToChange) {
  const auto refused = service().change_payment_method(bob, std::string(good_card));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::not_found);
}

TEST_P(AccountTest, ErasureEndsTheMembershipAtOnceAndForgetsEveryCard) {
  const auto first = subscribed();
  ASSERT_TRUE(service().cancel(ada));
  EXPECT_EQ(renew_at(first.period_end_us), 1);  // ended at the period's end
  const auto second = subscribed();
  const auto theirs = subscribed(bob);
  erase(ada);

  const auto now = must(service().mine(ada));
  EXPECT_EQ(now.id, second.id);
  EXPECT_EQ(now.status, status_ended);
  EXPECT_EQ(now.ended_at_us, clock.now_us());
  EXPECT_EQ(now.ended_reason, "the account was erased");
  EXPECT_FALSE(must(service().benefits_of(ada)));
  EXPECT_EQ(cards_of(ada), (std::vector<std::string>{"", ""}));
  EXPECT_EQ(published_types().back(), events::subscription_ended);
  // No renewal, and the month paid stays paid: nothing is charged or refunded.
  EXPECT_EQ(renew_at(second.period_end_us + 10 * day_us), 1);  // bob's renewal alone
  EXPECT_EQ(revenue(), eur(4 * 999));
  EXPECT_EQ(must(service().mine(bob)).status, status_active);
  EXPECT_EQ(cards_of(bob), std::vector<std::string>{std::string(good_card)});
  EXPECT_EQ(theirs.customer_id, bob);
  EXPECT_TRUE(ledger::check(db()).value().empty());
}

TEST_P(AccountTest, AMonthChargedWhileTheMemberIsErasedIsRefunded) {
  const auto s = subscribed();
  // The erasure lands between the renewal's capture and the subscription's write.
  wrapped = std::make_unique<payments::testing::CaptureThen>(payments_module->payments(),
                                                             [&] { erase(ada); });
  module.reset();
  module = std::make_unique<SubscriptionsModuleImpl>(platform(), Deps{*wrapped}, settings,
                                                     clock.clock());
  EXPECT_EQ(renew_at(s.period_end_us), 1);
  EXPECT_EQ(must(service().mine(ada)).status, status_ended);
  // The first month stays paid; the second is given back from the platform's share.
  const auto given_back =
      must(ledger_module->ledger().balance({ledger::AccountKind::refunds, ""}, "EUR")).amount_minor;
  EXPECT_EQ(given_back, 999);
  EXPECT_EQ(revenue().amount_minor - given_back, 999);
  EXPECT_NE(must(service().periods(s.id)).back().status, period_paid);
  const auto intents =
      must(payments_module->payments().intents_of_order(payment_reference(s.id, 1)));
  ASSERT_EQ(intents.size(), 1U);
  EXPECT_EQ(intents[0].status, payments::IntentStatus::refunded);
  EXPECT_TRUE(payments::check(db()).value().empty());
  EXPECT_TRUE(ledger::check(db()).value().empty());
}

TEST_P(AccountTest, ErasingSomeoneWithoutAMembershipChangesNothing) {
  erase(bob);
  EXPECT_EQ(service().mine(bob).error().code, ErrorCode::not_found);
  EXPECT_TRUE(published_types().empty());
}

INSTANTIATE_TEST_SUITE_P(Engines, AccountTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

}  // namespace
}  // namespace reskflow::subscriptions::testing
