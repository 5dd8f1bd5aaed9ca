// The shared FakeDirectory keeps identity's rules: only active merchant accounts become staff,
// the staff check answers not_found outside the merchant or below the level, audit rows need a
// caller.
#include "fake_directory.h"

#include <gtest/gtest.h>

#include "reskflow/store/database.h"

namespace reskflow::identity::testing {
namespace {

TEST(FakeDirectoryTest, KeepsIdentitysMembershipRules) {
  auto db = store::Database::open("sqlite::memory:");
  ASSERT_TRUE(db);
  FakeDirectory directory;
  directory.add_user("ann", role_merchant);
  directory.add_user("bob", role_customer);
  auto put = (*db)->write([&](store::Transaction& tx) -> Status {
    RF_TRY(owner, directory.put_merchant_member(tx, "m1", "ann", MerchantLevel::owner));
    EXPECT_EQ(directory.put_merchant_member(tx, "m1", "bob", MerchantLevel::staff).error().code,
              ErrorCode::validation_failed);
    EXPECT_EQ(directory.put_merchant_member(tx, "m1", "nobody", MerchantLevel::staff).error().code,
              ErrorCode::not_found);
    return {};
  });
  ASSERT_TRUE(put) << put.error().detail;
  EXPECT_EQ(directory.merchant_level("m1", "ann").value(), MerchantLevel::owner);
  EXPECT_FALSE(directory.merchant_level("m2", "ann").value());
  const http::Principal ann{"ann", std::string(role_merchant), {}, "s1"};
  EXPECT_TRUE(directory.require_merchant_staff(ann, "m1", MerchantLevel::owner));
  EXPECT_EQ(directory.require_merchant_staff(ann, "m2", MerchantLevel::staff).error().code,
            ErrorCode::not_found);
  const http::Principal admin{"root", std::string(role_admin), {}, "s2"};
  EXPECT_TRUE(directory.require_merchant_staff(admin, "m2", MerchantLevel::owner));
  ASSERT_EQ(directory.merchants_of("ann")->size(), 1U);
  directory.add_user("ann", role_merchant, false);  // suspended: no longer staff
  EXPECT_FALSE(directory.merchant_level("m1", "ann").value());
  EXPECT_FALSE(directory.age_verified("bob").value());
  directory.verify_age("bob");
  EXPECT_TRUE(directory.age_verified("bob").value());
}

TEST(FakeDirectoryTest, AuditsOnlyRequestsWithACaller) {
  auto db = store::Database::open("sqlite::memory:");
  ASSERT_TRUE(db);
  FakeDirectory directory;
  http::Request request;
  auto written = (*db)->write([&](store::Transaction& tx) -> Status {
    EXPECT_FALSE(directory.append_audit(tx, request, {"menu.item_updated", "item", "i1", "", {}}));
    request.principal = http::Principal{"ann", std::string(role_merchant), {}, "s1"};
    return directory.append_audit(tx, request, {"menu.item_updated", "item", "i1", "", {}});
  });
  ASSERT_TRUE(written);
  ASSERT_EQ(directory.audit_records().size(), 1U);
  EXPECT_EQ(directory.audit_records().front().action, "menu.item_updated");
}

}  // namespace
}  // namespace reskflow::identity::testing
