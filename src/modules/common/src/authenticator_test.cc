// The scope rule of API keys: sessions pass, keys pass only with the route's scope, and the
// refusal is a 403 problem naming the missing scope.
#include "reskflow/modules/authenticator.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "reskflow/core/router.h"

namespace reskflow::modules {
namespace {

http::Principal key_with(std::vector<std::string> scopes) {
  return {"key-1", "partner", std::move(scopes), {}, http::Credential::api_key};
}

TEST(RequireScope, AKeyPassesOnlyWithTheScopeTheRouteNeeds) {
  EXPECT_TRUE(Authenticator::require_scope(key_with({"optimize:write"}), "optimize:write"));
  EXPECT_TRUE(
      Authenticator::require_scope(key_with({"quotes:read", "optimize:write"}), "optimize:write"));
  const auto refused = Authenticator::require_scope(key_with({"quotes:read"}), "optimize:write");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::insufficient_scope);
  EXPECT_NE(refused.error().detail.find("optimize:write"), std::string::npos);
  EXPECT_FALSE(Authenticator::require_scope(key_with({}), "optimize:write"));
  // A scope is a whole word: a prefix or a longer scope is not it.
  EXPECT_FALSE(Authenticator::require_scope(key_with({"optimize"}), "optimize:write"));
  EXPECT_FALSE(Authenticator::require_scope(key_with({"optimize:write2"}), "optimize:write"));
}

TEST(RequireScope, EveryKeyPassesARouteForEveryKeyAndNoKeyOneWithoutAScope) {
  EXPECT_TRUE(Authenticator::require_scope(key_with({}), http::Access::every_key));
  const auto closed = Authenticator::require_scope(key_with({"optimize:write"}), "");
  ASSERT_FALSE(closed);
  EXPECT_EQ(closed.error().code, ErrorCode::forbidden);
}

TEST(RequireScope, SessionsOfPeopleAreNotScopeLimited) {
  const http::Principal partner_person{"user-1", "partner", {}, "session-1"};
  EXPECT_TRUE(Authenticator::require_scope(partner_person, "optimize:write"));
  const http::Principal admin{"user-2", "admin", {}, "session-2"};
  EXPECT_TRUE(Authenticator::require_scope(admin, "optimize:write"));
}

TEST(RequireScope, TheRefusalIsAProblemNamingTheMissingScope) {
  const auto refused = Authenticator::require_scope(key_with({}), "optimize:write");
  ASSERT_FALSE(refused);
  const auto response = http::problem(refused.error(), "req-1", "/v1/optimize/routes");
  EXPECT_EQ(response.status, 403);
  EXPECT_EQ(response.content_type, "application/problem+json");
  const auto body = boost::json::parse(response.body).as_object();
  EXPECT_EQ(body.at("type").as_string(), "urn:reskflow:problem:insufficient-scope");
  EXPECT_EQ(body.at("required_scope").as_string(), "optimize:write");
  EXPECT_EQ(body.at("code").as_int64(), 21);
}

}  // namespace
}  // namespace reskflow::modules
