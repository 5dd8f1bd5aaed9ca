// The cart rules on both engines: one active cart per customer and merchant (also under
// concurrent requests), lines validated and priced by the catalog, merging, the re-priced
// preview, optimistic concurrency, limits, checkout, the idle sweep and events.
#include <thread>

#include "cart_limits.h"
#include "document.h"
#include "test_fixture.h"

namespace reskflow::carts::testing {
namespace {

TEST_P(CartsServiceTest, OpensOneActiveCartPerCustomerAndMerchant) {
  const auto first = must(service->open_cart(ada, "luigi"));
  EXPECT_TRUE(first.created);
  EXPECT_EQ(first.cart.status, "open");
  EXPECT_EQ(first.cart.currency, "EUR");
  EXPECT_EQ(first.cart.merchant_name, "Luigi's");
  EXPECT_EQ(first.cart.version, 1);
  const auto again = must(service->open_cart(ada, "luigi"));
  EXPECT_FALSE(again.created);
  EXPECT_EQ(again.cart.id, first.cart.id);
  EXPECT_NE(open(bob).id, first.cart.id);        // another customer
  EXPECT_NE(open(ada, "m1").id, first.cart.id);  // another merchant
  EXPECT_EQ(service->open_cart(ada, "nobody").error().code, ErrorCode::not_found);
  catalog.set_active("m2", false);
  EXPECT_EQ(service->open_cart(ada, "m2").error().code, ErrorCode::not_found);
  // Once abandoned, the next request starts a new cart.
  must(service->abandon(ada, first.cart.id, std::nullopt));
  const auto fresh = must(service->open_cart(ada, "luigi"));
  EXPECT_TRUE(fresh.created);
  EXPECT_NE(fresh.cart.id, first.cart.id);
}

TEST_P(CartsServiceTest, ConcurrentOpensOfTheSameCartCreateOne) {
  constexpr std::size_t threads_count = 6;
  std::vector<std::string> ids(threads_count);
  std::vector<std::string> errors(threads_count);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < threads_count; ++i) {
    threads.emplace_back([&, i] {
      auto opened = service->open_cart(ada, "luigi");
      if (opened)
        ids[i] = opened->cart.id;
      else
        errors[i] = opened.error().detail;
    });
  }
  for (auto& t : threads) t.join();
  for (std::size_t i = 0; i < threads_count; ++i) {
    EXPECT_EQ(errors[i], "");
    EXPECT_EQ(ids[i], ids[0]);
  }
  EXPECT_EQ(metrics.carts_created.value(), 1.0);
}

TEST_P(CartsServiceTest, RefusesLinesTheMenuDoesNotAllowWithFieldErrors) {
  const auto cart = open(ada);
  auto no_size = add(ada, cart.id, "pizza", 1);
  ASSERT_FALSE(no_size);
  EXPECT_EQ(no_size.error().code, ErrorCode::validation_failed);
  EXPECT_NE(fields_of(no_size.error()).find("option_ids: needs 1 to 1 choices in Size"),
            std::string::npos)
      << fields_of(no_size.error());
  auto toppings = add(ada, cart.id, "pizza", 1, {"small", "olive", "ham", "basil", "cheese"});
  ASSERT_FALSE(toppings);
  EXPECT_NE(fields_of(toppings.error()).find("Toppings"), std::string::npos);
  auto sold_out = add(ada, cart.id, "calzone", 1);
  ASSERT_FALSE(sold_out);
  EXPECT_EQ(fields_of(sold_out.error()), "item_id: is sold out; ");
  auto unknown = add(ada, cart.id, "sushi", 1);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::validation_failed);
  EXPECT_EQ(fields_of(unknown.error()), "item_id: is not on this merchant's menu; ");
  auto beer = add(ada, cart.id, "beer", 1);
  ASSERT_FALSE(beer);
  EXPECT_NE(beer.error().detail.find("ID verification is needed"), std::string::npos);
  directory.verify_age(ada.user_id);
  EXPECT_TRUE(add(ada, cart.id, "beer", 1));
  EXPECT_EQ(add(ada, cart.id, "soda", 0).error().code, ErrorCode::validation_failed);
  // Nothing refused was stored.
  EXPECT_EQ(must(service->get(ada, cart.id)).lines.size(), 1U);
}

TEST_P(CartsServiceTest, PricesModifiersAndMergesIdenticalChoices) {
  const auto cart = open(ada);
  auto first = must(add(ada, cart.id, "pizza", 2, {"ham", "large"}));
  ASSERT_EQ(first.lines.size(), 1U);
  EXPECT_EQ(first.lines[0].unit_price.amount_minor, 1000 + 300 + 150);
  EXPECT_EQ(first.lines[0].total.amount_minor, 2 * 1450);
  EXPECT_EQ(first.lines[0].options.size(), 2U);
  EXPECT_TRUE(first.meets_minimum);  // 29.00 EUR against a 15.00 EUR minimum
  // The same choice in another order merges; a note makes another line.
  auto merged = must(add(ada, cart.id, "pizza", 1, {"large", "ham"}));
  ASSERT_EQ(merged.lines.size(), 1U);
  EXPECT_EQ(merged.lines[0].quantity, 3);
  auto noted = must(add(ada, cart.id, "pizza", 1, {"large", "ham"}, "well done"));
  ASSERT_EQ(noted.lines.size(), 2U);
  EXPECT_EQ(noted.lines[1].note, "well done");
  EXPECT_EQ(noted.subtotal.amount_minor, 4 * 1450);
  EXPECT_EQ(noted.item_count, 4);
  EXPECT_TRUE(noted.meets_minimum);
  EXPECT_EQ(noted.minimum_order.amount_minor, 1500);
  auto too_many = add(ada, cart.id, "pizza", 97, {"large", "ham"});
  ASSERT_FALSE(too_many);
  EXPECT_EQ(too_many.error().fields.at(0).field, "quantity");
}

TEST_P(CartsServiceTest, PreviewRepricesAndTellsWhatCannotBeOrderedNow) {
  const auto cart = open(ada);
  must(add(ada, cart.id, "pizza", 1, {"small"}));
  must(add(ada, cart.id, "soda", 2));
  catalog.set_price("pizza", 1100);
  catalog.set_sold_out("soda", true);
  auto preview = must(service->get(ada, cart.id));
  ASSERT_EQ(preview.lines.size(), 2U);
  const auto& pizza = preview.lines[0];
  EXPECT_TRUE(pizza.available);
  EXPECT_EQ(pizza.unit_price.amount_minor, 1100);
  EXPECT_EQ(pizza.previous_unit_price, (modules::Money{1000, "EUR"}));
  EXPECT_EQ(pizza.problem, "The price changed from 10.00 EUR to 11.00 EUR since this was added.");
  const auto& soda = preview.lines[1];
  EXPECT_FALSE(soda.available);
  EXPECT_EQ(soda.problem, "This item is sold out.");
  EXPECT_EQ(preview.subtotal.amount_minor, 1100);  // the sold-out soda counts in nothing
  EXPECT_EQ(preview.item_count, 1);
  // Changing the line takes the new price; an item gone from the menu says so.
  auto acknowledged = must(service->change_line(ada, cart.id, pizza.id, {}, std::nullopt));
  EXPECT_EQ(acknowledged.lines[0].problem, "");
  catalog.remove_item("pizza");
  EXPECT_EQ(must(service->get(ada, cart.id)).lines[0].problem,
            "This item is no longer on the menu.");
  catalog.set_active("luigi", false);
  auto suspended = must(service->get(ada, cart.id));
  EXPECT_FALSE(suspended.merchant_open);
  EXPECT_EQ(suspended.lines[1].problem, "The merchant is not taking orders.");
  EXPECT_EQ(suspended.subtotal.amount_minor, 0);
}

// Adding a line reads the cart once before pricing (cart, participants, lines) and writes it
// in one transaction that reads nothing back (version check and move, the line, the event);
// the merchant is read once and each line priced once. It used to take 14 statements and two
// merchant reads.
TEST_P(CartsServiceTest, PreviewSaysWhenTheMerchantDoesNotDeliverToTheCartsPoint) {
  // Luigi's delivers 3 km around the centre of Paris (48.8566, 2.3522).
  const modules::geo::Point louvre{48.8606, 2.3376}, versailles{48.8049, 2.1204};
  const auto unknown = open(ada);
  EXPECT_FALSE(unknown.delivery_point);
  EXPECT_FALSE(unknown.delivers_to_point);  // no point chosen: nothing to say
  const auto near = must(service->open_cart(ada, "luigi", louvre)).cart;
  EXPECT_EQ(near.id, unknown.id);  // the same cart, now with its point
  EXPECT_EQ(near.version, unknown.version + 1);
  EXPECT_EQ(near.delivers_to_point, true);
  EXPECT_TRUE(near.delivery_problem.empty());
  const auto far = must(service->set_delivery_point(ada, near.id, versailles, near.version));
  EXPECT_EQ(far.delivers_to_point, false);
  EXPECT_EQ(far.delivery_problem,
            "Luigi's does not deliver to the chosen address. Choose another address, or a "
            "merchant that delivers there.");
  EXPECT_EQ(must(service->get(ada, near.id)).delivery_point->lat, versailles.lat);
  // The same point again changes nothing; a stale version is refused.
  EXPECT_EQ(must(service->set_delivery_point(ada, near.id, versailles, std::nullopt)).version,
            far.version);
  EXPECT_EQ(service->set_delivery_point(ada, near.id, louvre, near.version).error().code,
            ErrorCode::precondition_failed);
  // A new cart starts with the point it was opened for.
  const auto other = must(service->open_cart(ada, "m1", versailles));
  EXPECT_TRUE(other.created);
  EXPECT_EQ(other.cart.delivers_to_point, false);
}

TEST_P(CartsServiceTest, AddingALineReadsEachRowOnce) {
  const auto cart = open(ada);
  must(add(ada, cart.id, "soda", 1));
  const auto before = db().stats();
  const auto merchant_reads = catalog.merchant_reads();
  const auto lines_priced = catalog.lines_priced();
  const auto added = must(add(ada, cart.id, "pizza", 1, {"small"}));
  const auto after = db().stats();
  EXPECT_EQ(after.transactions_committed - before.transactions_committed, 2U);
  EXPECT_EQ(after.statements - before.statements, 6U);
  EXPECT_EQ(catalog.merchant_reads() - merchant_reads, 1);
  // The new line, then both lines for the preview.
  EXPECT_EQ(catalog.lines_priced() - lines_priced, 3);
  // What it answers is what a fresh read answers.
  const auto reread = must(service->get(ada, cart.id));
  EXPECT_EQ(boost::json::serialize(cart_document(added)),
            boost::json::serialize(cart_document(reread)));
}

TEST_P(CartsServiceTest, RefusesWritesAgainstAnOldVersion) {
  const auto cart = open(ada);
  auto one = must(service->add_line(ada, cart.id, {"soda", 1, {}, {}}, cart.version));
  EXPECT_EQ(one.version, cart.version + 1);
  auto stale = service->add_line(ada, cart.id, {"soda", 1, {}, {}}, cart.version);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::precondition_failed);
  EXPECT_EQ(service->remove_line(ada, cart.id, one.lines[0].id, cart.version).error().code,
            ErrorCode::precondition_failed);
  EXPECT_EQ(service->set_locked(ada, cart.id, true, cart.version).error().code,
            ErrorCode::precondition_failed);
  auto removed = must(service->remove_line(ada, cart.id, one.lines[0].id, one.version));
  EXPECT_TRUE(removed.lines.empty());
  EXPECT_EQ(removed.version, one.version + 1);
  EXPECT_EQ(metrics.precondition_failures.value(), 3.0);
}

TEST_P(CartsServiceTest, LimitsLinesAndActiveCarts) {
  const auto cart = open(ada);
  for (std::size_t i = 0; i < cart_lines_max; ++i)
    ASSERT_TRUE(add(ada, cart.id, "soda", 1, {}, "n" + std::to_string(i))) << i;
  auto full = add(ada, cart.id, "soda", 1, {}, "one more");
  ASSERT_FALSE(full);
  EXPECT_EQ(full.error().code, ErrorCode::conflict);
  EXPECT_TRUE(add(ada, cart.id, "soda", 1, {}, "n7"));  // merging needs no new line
  for (std::size_t i = 1; i < active_carts_per_customer_max; ++i)
    open(ada, "m" + std::to_string(i));
  auto too_many = service->open_cart(ada, "m0");
  ASSERT_FALSE(too_many);
  EXPECT_EQ(too_many.error().code, ErrorCode::conflict);
  EXPECT_TRUE(service->open_cart(ada, "m1"));  // an existing one is still found
}

TEST_P(CartsServiceTest, ChecksOutOnlyTheVersionTheOrderSaw) {
  const auto cart = open(ada);
  const auto priced = must(add(ada, cart.id, "soda", 2));
  auto check_out = [&](std::int64_t version) {
    return db().write(
        [&](store::Transaction& tx) { return service->mark_checked_out(tx, cart.id, version); });
  };
  EXPECT_EQ(check_out(cart.version).error().code, ErrorCode::precondition_failed);
  ASSERT_TRUE(check_out(priced.version));
  EXPECT_EQ(must(service->get(ada, cart.id)).status, "checked_out");
  EXPECT_EQ(check_out(priced.version + 1).error().code, ErrorCode::invalid_transition);
  EXPECT_EQ(add(ada, cart.id, "soda", 1).error().code, ErrorCode::invalid_transition);
  EXPECT_TRUE(must(service->open_cart(ada, "luigi")).created);
  // The event tells the cart as stored, without reading it back after the move.
  const auto event = events(cart.id).back();
  EXPECT_EQ(event.at("status").as_string(), "checked_out");
  EXPECT_EQ(event.at("version").as_int64(), must(service->get(ada, cart.id)).version);
  EXPECT_EQ(event.at("version").as_int64(), priced.version + 1);
  EXPECT_EQ(event.at("item_count").as_int64(), 2);
}

TEST_P(CartsServiceTest, AbandonsCartsIdleForTheConfiguredTime) {
  const auto old_cart = open(ada);
  must(add(ada, old_cart.id, "soda", 1));
  clock.advance(std::chrono::microseconds(20 * day_us));
  const auto recent = open(bob);
  clock.advance(std::chrono::microseconds(11 * day_us));
  const auto ids = must(service->abandon_idle(30 * day_us, 100));
  ASSERT_EQ(ids.size(), 1U);
  EXPECT_EQ(ids[0], old_cart.id);
  EXPECT_EQ(must(service->get(ada, old_cart.id)).status, "abandoned");
  EXPECT_EQ(must(service->get(bob, recent.id)).status, "open");
  EXPECT_TRUE(must(service->abandon_idle(30 * day_us, 100)).empty());
  EXPECT_EQ(add(ada, old_cart.id, "soda", 1).error().code, ErrorCode::invalid_transition);
  EXPECT_TRUE(must(service->open_cart(ada, "luigi")).created);
}

TEST_P(CartsServiceTest, BoundsEachSweepToItsBatch) {
  for (int i = 0; i < 5; ++i) open(ada, "m" + std::to_string(i));
  clock.advance(std::chrono::microseconds(31 * day_us));
  EXPECT_EQ(must(service->abandon_idle(30 * day_us, 2)).size(), 2U);
  EXPECT_EQ(must(service->abandon_idle(30 * day_us, 2)).size(), 2U);
  EXPECT_EQ(must(service->abandon_idle(30 * day_us, 2)).size(), 1U);
  EXPECT_EQ(metrics.abandoned_idle.value(), 5.0);
}

TEST_P(CartsServiceTest, PublishesEveryChangeWithStoredTotals) {
  const auto cart = open(ada);
  const auto added = must(add(ada, cart.id, "pizza", 2, {"large"}));
  must(service->set_locked(ada, cart.id, true, std::nullopt));
  must(service->set_locked(ada, cart.id, true, std::nullopt));  // no change, no event
  const auto published = events(cart.id);
  ASSERT_EQ(published.size(), 3U);
  EXPECT_EQ(published[0].at("version").as_int64(), 1);
  EXPECT_EQ(published[0].at("item_count").as_int64(), 0);
  const auto& last = published[2];
  EXPECT_EQ(last.at("cart_id").as_string(), cart.id);
  EXPECT_EQ(last.at("customer_id").as_string(), ada.user_id);
  EXPECT_EQ(last.at("merchant_id").as_string(), "luigi");
  EXPECT_EQ(last.at("status").as_string(), "locked");
  EXPECT_EQ(last.at("version").as_int64(), added.version + 1);
  EXPECT_EQ(last.at("item_count").as_int64(), 2);
  EXPECT_EQ(last.at("subtotal_minor").as_int64(), 2600);
  EXPECT_EQ(last.at("currency").as_string(), "EUR");
}

TEST_P(CartsServiceTest, ListsTheCallersActiveCartsPageByPage) {
  std::vector<std::string> opened;
  for (int i = 0; i < 3; ++i) opened.push_back(open(ada, "m" + std::to_string(i)).id);
  open(bob);
  auto first = must(service->list(ada, "", 2));
  ASSERT_EQ(first.carts.size(), 2U);
  EXPECT_EQ(first.carts[0].cart.id, opened[2]);  // newest first
  ASSERT_FALSE(first.next_cursor.empty());
  auto second = must(service->list(ada, first.next_cursor, 2));
  ASSERT_EQ(second.carts.size(), 1U);
  EXPECT_EQ(second.carts[0].cart.id, opened[0]);
  EXPECT_TRUE(second.next_cursor.empty());
  must(service->abandon(ada, opened[1], std::nullopt));
  EXPECT_EQ(must(service->list(ada, "", 10)).carts.size(), 2U);
}

INSTANTIATE_TEST_SUITE_P(Engines, CartsServiceTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

}  // namespace
}  // namespace reskflow::carts::testing
