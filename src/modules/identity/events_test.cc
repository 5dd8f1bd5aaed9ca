// identity's event payloads: what a publisher writes reads back the same, with the field names
// consumers rely on, and a malformed payload is refused.
#include "reskflow/identity/events.h"

#include <gtest/gtest.h>

#include "reskflow/modules/payload.h"

namespace reskflow::identity::events {
namespace {

using modules::payload::from_payload;
using modules::payload::to_payload;

TEST(IdentityEventsTest, PayloadsReadBackWithTheirFieldNames) {
  const auto registered = to_payload(UserRegistered{"u-1", "customer"});
  EXPECT_EQ(registered, R"({"user_id":"u-1","role":"customer"})");
  auto r = from_payload<UserRegistered>(user_registered, registered);
  ASSERT_TRUE(r) << r.error().detail;
  EXPECT_EQ(r->role, "customer");
  const auto erased = to_payload(UserErased{"u-2"});
  EXPECT_EQ(erased, R"({"user_id":"u-2"})");
  EXPECT_EQ(from_payload<UserErased>(user_erased, erased)->user_id, "u-2");
  const auto mail = to_payload(EmailRequested{"u-3", "v1.k1.sealed"});
  auto m = from_payload<EmailRequested>(email_requested, mail);
  ASSERT_TRUE(m) << m.error().detail;
  EXPECT_EQ(m->user_id, "u-3");
  EXPECT_EQ(m->message_enc, "v1.k1.sealed");
}

TEST(IdentityEventsTest, RefusesMalformedPayloads) {
  EXPECT_FALSE(from_payload<UserErased>(user_erased, "not json"));
  EXPECT_FALSE(from_payload<UserErased>(user_erased, "[]"));
  EXPECT_FALSE(from_payload<UserErased>(user_erased, R"({"user_id":7})"));
  auto missing = from_payload<EmailRequested>(email_requested, R"({"user_id":"u"})");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::validation_failed);
}

}  // namespace
}  // namespace reskflow::identity::events
