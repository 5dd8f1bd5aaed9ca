// Group carts on both engines: the invite, joining (idempotent, bounded), shares, who may
// change which lines, locking, leaving and removal, and GDPR erasure of a participant or host.
#include "cart_limits.h"
#include "test_fixture.h"

namespace reskflow::carts::testing {
namespace {

class CartGroupTest : public CartsServiceTest {
 protected:
  // Ada hosts a group cart Bob joined: returns the cart after Bob joined.
  PricedCart group_with_bob() {
    const auto cart = open(ada);
    invitation = must(service->make_group(ada, cart.id, "Ada", std::nullopt));
    return must(service->join(bob, invitation.token, "Bob")).cart;
  }
  Invitation invitation;
};

TEST_P(CartGroupTest, GuestsJoinByTokenAndEachShareAddsUp) {
  const auto cart = open(ada);
  must(add(ada, cart.id, "pizza", 1, {"large"}));
  invitation = must(service->make_group(ada, cart.id, "Ada", std::nullopt));
  EXPECT_EQ(invitation.token.size(), 43U);
  EXPECT_TRUE(invitation.cart.group);
  const auto preview = must(service->preview_invite(bob, invitation.token));
  EXPECT_EQ(preview.cart_id, cart.id);
  EXPECT_EQ(preview.merchant_name, "Luigi's");
  EXPECT_EQ(preview.host_display_name, "Ada");
  EXPECT_EQ(preview.participant_count, 1);
  EXPECT_EQ(preview.status, "open");
  EXPECT_FALSE(preview.joined);
  const auto joined = must(service->join(bob, invitation.token, "Bob"));
  EXPECT_TRUE(joined.created);
  const auto again = must(service->join(bob, invitation.token, "Robert"));
  EXPECT_FALSE(again.created);  // idempotent: no second seat, no new version
  EXPECT_EQ(again.cart.version, joined.cart.version);
  must(add(bob, cart.id, "soda", 2));
  const auto shared = must(service->get(bob, cart.id));
  ASSERT_EQ(shared.participants.size(), 2U);
  EXPECT_TRUE(shared.participants[0].host);
  EXPECT_EQ(shared.participants[0].display_name, "Ada");
  EXPECT_EQ(shared.participants[0].subtotal.amount_minor, 1300);
  EXPECT_EQ(shared.participants[1].display_name, "Bob");
  EXPECT_EQ(shared.participants[1].subtotal.amount_minor, 500);
  EXPECT_EQ(shared.participants[1].item_count, 2);
  EXPECT_EQ(shared.subtotal.amount_minor, 1800);
  EXPECT_EQ(service->get(eve, cart.id).error().code, ErrorCode::not_found);
  EXPECT_EQ(service->preview_invite(eve, "not-a-token").error().code, ErrorCode::not_found);
  // A new link replaces the old one; those who joined stay.
  const auto second = must(service->make_group(ada, cart.id, "Ada", std::nullopt));
  EXPECT_EQ(service->join(eve, invitation.token, "Eve").error().code, ErrorCode::not_found);
  EXPECT_TRUE(service->join(eve, second.token, "Eve"));
}

TEST_P(CartGroupTest, ParticipantsChangeTheirOwnLinesAndTheHostMayRemoveAny) {
  const auto cart = group_with_bob();
  const auto host_line = must(add(ada, cart.id, "soda", 1)).lines.back().id;
  const auto guest_line = must(add(bob, cart.id, "soda", 3, {}, "cold")).lines.back().id;
  LineChange two;
  two.quantity = 2;
  EXPECT_EQ(service->change_line(bob, cart.id, host_line, two, std::nullopt).error().code,
            ErrorCode::forbidden);
  EXPECT_EQ(service->remove_line(bob, cart.id, host_line, std::nullopt).error().code,
            ErrorCode::forbidden);
  EXPECT_EQ(service->change_line(ada, cart.id, guest_line, two, std::nullopt).error().code,
            ErrorCode::forbidden);
  EXPECT_EQ(
      must(service->change_line(bob, cart.id, guest_line, two, std::nullopt)).lines.back().quantity,
      2);
  EXPECT_EQ(must(service->remove_line(ada, cart.id, guest_line, std::nullopt)).lines.size(), 1U);
  EXPECT_EQ(service->make_group(bob, cart.id, "Bob", std::nullopt).error().code,
            ErrorCode::forbidden);
  EXPECT_EQ(service->abandon(bob, cart.id, std::nullopt).error().code, ErrorCode::forbidden);
  EXPECT_EQ(service->set_delivery_point(bob, cart.id, {48.86, 2.34}, std::nullopt).error().code,
            ErrorCode::forbidden);  // where it goes is the host's to say
}

TEST_P(CartGroupTest, LockedCartsRefuseEditsAndNewcomers) {
  const auto cart = group_with_bob();
  const auto line = must(add(bob, cart.id, "soda", 1)).lines.back().id;
  EXPECT_EQ(service->set_locked(bob, cart.id, true, std::nullopt).error().code,
            ErrorCode::forbidden);
  EXPECT_EQ(must(service->set_locked(ada, cart.id, true, std::nullopt)).status, "locked");
  auto refused = add(bob, cart.id, "soda", 1);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::invalid_transition);
  EXPECT_NE(refused.error().detail.find("host locked the cart"), std::string::npos);
  LineChange two;
  two.quantity = 2;
  EXPECT_EQ(service->change_line(bob, cart.id, line, two, std::nullopt).error().code,
            ErrorCode::invalid_transition);
  EXPECT_EQ(service->remove_line(bob, cart.id, line, std::nullopt).error().code,
            ErrorCode::invalid_transition);
  EXPECT_EQ(service->remove_participant(bob, cart.id, bob.user_id, std::nullopt).error().code,
            ErrorCode::invalid_transition);
  auto late = service->join(eve, invitation.token, "Eve");
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code, ErrorCode::invalid_transition);
  EXPECT_EQ(must(service->preview_invite(eve, invitation.token)).status, "locked");
  EXPECT_EQ(must(service->set_locked(ada, cart.id, false, std::nullopt)).status, "open");
  EXPECT_TRUE(add(bob, cart.id, "soda", 1));
  must(service->abandon(ada, cart.id, std::nullopt));
  EXPECT_EQ(service->join(eve, invitation.token, "Eve").error().code,
            ErrorCode::invalid_transition);
  EXPECT_EQ(service->set_locked(ada, cart.id, true, std::nullopt).error().code,
            ErrorCode::invalid_transition);
}

TEST_P(CartGroupTest, TheHostOfALockedCartRemovesALineThePreviewSaysCannotBeOrdered) {
  const auto cart = group_with_bob();
  const auto line = must(add(bob, cart.id, "soda", 1)).lines.back().id;
  must(add(ada, cart.id, "pizza", 1, {"small"}));
  must(service->set_locked(ada, cart.id, true, std::nullopt));
  catalog.set_sold_out("soda", true);
  const auto flagged = must(service->get(ada, cart.id));
  ASSERT_EQ(flagged.lines.size(), 2U);
  EXPECT_FALSE(flagged.lines[0].available);
  EXPECT_NE(flagged.lines[0].problem.find("sold out"), std::string::npos);
  const auto after = must(service->remove_line(ada, cart.id, line, std::nullopt));
  EXPECT_EQ(after.status, "locked");  // still locked: nobody else may change it meanwhile
  ASSERT_EQ(after.lines.size(), 1U);
  EXPECT_TRUE(after.lines[0].available);
}

TEST_P(CartGroupTest, TheHostSeesTheSameInviteLinkAgainUntilMakingANewOne) {
  const auto solo = open(ada, "m2");
  EXPECT_EQ(service->show_invite(ada, solo.id).error().code, ErrorCode::not_found);
  const auto cart = group_with_bob();
  const auto shown = must(service->show_invite(ada, cart.id));
  EXPECT_EQ(shown.token, invitation.token);
  EXPECT_EQ(shown.cart.version, must(service->get(ada, cart.id)).version);  // nothing changed
  EXPECT_EQ(service->show_invite(bob, cart.id).error().code, ErrorCode::forbidden);
  EXPECT_EQ(service->show_invite(eve, cart.id).error().code, ErrorCode::not_found);
  EXPECT_TRUE(service->join(eve, shown.token, "Eve"));
  const auto renewed = must(service->make_group(ada, cart.id, "Ada", std::nullopt));
  EXPECT_NE(renewed.token, invitation.token);
  EXPECT_EQ(must(service->show_invite(ada, cart.id)).token, renewed.token);
  // Under another server secret the stored link cannot be derived again: make a new one.
  Service rekeyed(db(), catalog, directory, metrics, clock.clock(), invite_key("another secret"));
  EXPECT_EQ(rekeyed.show_invite(ada, cart.id).error().code, ErrorCode::conflict);
}

TEST_P(CartGroupTest, ParticipantsLeaveOrAreRemovedWithTheirLines) {
  const auto cart = group_with_bob();
  must(service->join(eve, invitation.token, "Eve"));
  must(add(bob, cart.id, "soda", 1));
  must(add(eve, cart.id, "soda", 2, {}, "eve"));
  EXPECT_EQ(service->remove_participant(bob, cart.id, eve.user_id, std::nullopt).error().code,
            ErrorCode::forbidden);
  EXPECT_EQ(service->remove_participant(ada, cart.id, ada.user_id, std::nullopt).error().code,
            ErrorCode::invalid_transition);  // the host abandons instead
  must(service->remove_participant(bob, cart.id, bob.user_id, std::nullopt));
  EXPECT_EQ(service->get(bob, cart.id).error().code, ErrorCode::not_found);
  must(service->remove_participant(ada, cart.id, eve.user_id, std::nullopt));
  const auto left = must(service->get(ada, cart.id));
  EXPECT_EQ(left.participants.size(), 1U);
  EXPECT_TRUE(left.lines.empty());
  EXPECT_EQ(service->remove_participant(ada, cart.id, eve.user_id, std::nullopt).error().code,
            ErrorCode::not_found);
}

TEST_P(CartGroupTest, AGroupHoldsAtMostTwentyPeople) {
  const auto cart = open(ada);
  invitation = must(service->make_group(ada, cart.id, "Ada", std::nullopt));
  for (std::size_t i = 1; i < cart_participants_max; ++i) {
    const Caller guest{"guest-" + std::to_string(i), false};
    ASSERT_TRUE(service->join(guest, invitation.token, "G"));
  }
  auto full = service->join(eve, invitation.token, "Eve");
  ASSERT_FALSE(full);
  EXPECT_EQ(full.error().code, ErrorCode::conflict);
  EXPECT_NE(full.error().detail.find("full"), std::string::npos);
}

TEST_P(CartGroupTest, ErasureDeletesHostedCartsAndLeavesJoinedOnes) {
  const auto cart = group_with_bob();
  must(add(bob, cart.id, "soda", 2));
  must(add(ada, cart.id, "soda", 1));
  const auto bob_own = open(bob, "m3");
  const auto erased = must(
      db().write([&](store::Transaction& tx) { return service->erase_user(tx, bob.user_id); }));
  ASSERT_EQ(erased.size(), 2U);
  EXPECT_EQ(erased[0].cart_id, bob_own.id);
  EXPECT_EQ(erased[0].status, "deleted");
  EXPECT_EQ(service->get(Caller{{}, true}, bob_own.id).error().code, ErrorCode::not_found);
  const auto remaining = must(service->get(ada, cart.id));
  EXPECT_EQ(remaining.participants.size(), 1U);
  ASSERT_EQ(remaining.lines.size(), 1U);
  EXPECT_EQ(remaining.lines[0].participant_id, ada.user_id);
  EXPECT_EQ(events(bob_own.id).back().at("status").as_string(), "deleted");
  EXPECT_EQ(events(cart.id).back().at("item_count").as_int64(), 1);
  EXPECT_TRUE(must(service->list(bob, "", 10)).carts.empty());
}

INSTANTIATE_TEST_SUITE_P(Engines, CartGroupTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

}  // namespace
}  // namespace reskflow::carts::testing
