// The audit summaries of merchant and menu writes on both engines: each write hands its
// recorder one note naming the action, the merchant and what changed, inside its transaction.
#include "audit.h"
#include "test_fixture.h"

namespace reskflow::catalog::testing {
namespace {

struct Recorded {
  std::string merchant_id;
  std::string merchant_name;
  AuditNote note;
};

class AuditTrailTest : public CatalogTest {
 protected:
  Recorder recorder() {
    return [this](store::Transaction&, const Merchant& m, const AuditNote& note) -> Status {
      recorded.push_back({m.id, m.profile.name, note});
      return {};
    };
  }
  // The only note recorded since the last call.
  AuditNote only_note() {
    EXPECT_EQ(recorded.size(), 1U);
    auto note = recorded.empty() ? AuditNote{} : recorded.back().note;
    recorded.clear();
    return note;
  }
  std::string item_id(std::string_view name) {
    for (const auto& i : (*service->snapshot(merchant.id))->menu.items) {
      if (i.name == name) return i.id;
    }
    ADD_FAILURE() << "no item " << name;
    return {};
  }
  void SetUp() override {
    CatalogTest::SetUp();
    merchant = created();
    ASSERT_TRUE(
        service->replace_menu(merchant.id, menu_replacement(menu_document_sample()), recorder()));
  }

  Merchant merchant;
  std::vector<Recorded> recorded;
};

TEST_P(AuditTrailTest, AReplacedMenuRecordsItsSizeAgainstTheMerchant) {
  ASSERT_EQ(recorded.size(), 1U);
  EXPECT_EQ(recorded[0].merchant_id, merchant.id);
  EXPECT_EQ(recorded[0].merchant_name, "Luigi's Pizzeria");
  const auto note = only_note();
  EXPECT_EQ(note.action, "menu.replaced");
  EXPECT_EQ(note.summary,
            (boost::json::object{{"categories", 2}, {"items", 4}, {"modifier_groups", 2}}));
}

TEST_P(AuditTrailTest, APriceChangeRecordsTheOldAndNewPrice) {
  recorded.clear();
  const auto id = item_id("Margherita");
  ASSERT_TRUE(service->put_item(merchant.id, id, item_edit({{"price_minor", 1250}}), recorder()));
  const auto note = only_note();
  EXPECT_EQ(note.action, "menu.item_updated");
  EXPECT_EQ(note.summary.at("item_id").as_string(), id);
  EXPECT_EQ(note.summary.at("item").as_string(), "Margherita");
  EXPECT_EQ(note.summary.at("changed"), (boost::json::array{"price_minor"}));
  EXPECT_EQ(note.summary.at("price_minor"), (boost::json::object{{"from", 1150}, {"to", 1250}}));
  EXPECT_EQ(note.summary.at("currency").as_string(), "EUR");
}

TEST_P(AuditTrailTest, CreatedAndDeletedItemsRecordTheirPrice) {
  recorded.clear();
  auto croissant = item_id("Croissant");
  ASSERT_TRUE(service->delete_item(merchant.id, croissant, recorder()));
  auto note = only_note();
  EXPECT_EQ(note.action, "menu.item_deleted");
  EXPECT_EQ(note.summary.at("item").as_string(), "Croissant");
  EXPECT_EQ(note.summary.at("price_minor"), (boost::json::object{{"from", 250}, {"to", nullptr}}));
  EXPECT_FALSE(note.summary.contains("changed"));
}

TEST_P(AuditTrailTest, AStockChangeRecordsTheOldAndNewCount) {
  recorded.clear();
  ASSERT_TRUE(service->set_stock(merchant.id, item_id("Diavola"), stock_edit({{"stock_count", 10}}),
                                 recorder()));
  const auto note = only_note();
  EXPECT_EQ(note.action, "menu.stock_updated");
  EXPECT_EQ(note.summary.at("stock_count"), (boost::json::object{{"from", 3}, {"to", 10}}));
}

TEST_P(AuditTrailTest, APauseRecordsItsLengthAndReason) {
  recorded.clear();
  ASSERT_TRUE(service->pause(merchant.id, {20, "busy"}, recorder()));
  const auto note = only_note();
  EXPECT_EQ(note.action, "merchant.paused");
  EXPECT_EQ(note.summary.at("minutes").as_int64(), 20);
  EXPECT_EQ(note.summary.at("changed"), (boost::json::array{"paused_until", "pause_reason"}));
  EXPECT_EQ(note.summary.at("pause_reason"),
            (boost::json::object{{"from", nullptr}, {"to", "busy"}}));
  ASSERT_TRUE(service->resume(merchant.id, recorder()));
  EXPECT_EQ(only_note().action, "merchant.resumed");
  ASSERT_TRUE(service->resume(merchant.id, recorder()));
  EXPECT_TRUE(recorded.empty());  // not paused: nothing changed, nothing recorded
}

TEST_P(AuditTrailTest, AnHoursChangeNamesTheFieldsItChanged) {
  recorded.clear();
  const auto hours = boost::json::parse(
      R"({"opening_hours": {"weekly": [{"day": "tue", "open": "09:00", "close": "17:00"}]},
          "prep_time_minutes": 25})");
  ASSERT_TRUE(service->update_merchant(merchant.id, merchant_patch(hours.as_object()), recorder()));
  const auto note = only_note();
  EXPECT_EQ(note.action, "merchant.updated");
  EXPECT_EQ(note.summary.at("changed"), (boost::json::array{"prep_time_minutes", "opening_hours"}));
  EXPECT_EQ(note.summary.at("prep_time_minutes"), (boost::json::object{{"from", 15}, {"to", 25}}));
  EXPECT_FALSE(note.summary.contains("opening_hours"));  // long values are named, not copied
}

TEST_P(AuditTrailTest, ASuspensionRecordsTheAdminsReason) {
  recorded.clear();
  ASSERT_TRUE(service->set_status(merchant.id, status_suspended, "unpaid fees", recorder()));
  const auto note = only_note();
  EXPECT_EQ(note.action, "admin.merchant_suspended");
  EXPECT_EQ(note.summary.at("reason").as_string(), "unpaid fees");
  EXPECT_EQ(note.summary.at("status"),
            (boost::json::object{{"from", "active"}, {"to", "suspended"}}));
}

TEST_P(AuditTrailTest, AMenuChangeWhoseAuditRowFailsDoesNotHappen) {
  const auto id = item_id("Margherita");
  auto refused =
      service->put_item(merchant.id, id, item_edit({{"price_minor", 1}}),
                        [](store::Transaction&, const Merchant&, const AuditNote&) -> Status {
                          return fail(ErrorCode::unavailable, "the audit log is unavailable");
                        });
  ASSERT_FALSE(refused);
  EXPECT_EQ((*service->snapshot(merchant.id))->menu.item(id)->price_minor, 1150);
}

INSTANTIATE_TEST_SUITE_P(Engines, AuditTrailTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

}  // namespace
}  // namespace reskflow::catalog::testing
