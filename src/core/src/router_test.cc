// Routing: literals, parameters, 404 versus 405 with the allowed methods, HEAD fallback.
#include "reskflow/core/router.h"

#include <gtest/gtest.h>

namespace reskflow::http {
namespace {

Route route(Method m, std::string pattern) {
  return Route{m, std::move(pattern), "test", Execution::io, Access::anyone(), [](Request&) {
                 return Response{};
               }};
}

TEST(Router, MatchesLiteralsBeforeParametersAndCapturesParameters) {
  Router r;
  ASSERT_TRUE(r.add(route(Method::get, "/v1/orders/{id}")));
  ASSERT_TRUE(r.add(route(Method::get, "/v1/orders/export")));
  ASSERT_TRUE(r.add(route(Method::post, "/v1/orders/{id}/items/{item}")));

  auto m = r.match(Method::get, "/v1/orders/export");
  ASSERT_EQ(m.kind, MatchKind::found);
  EXPECT_EQ(m.route->pattern, "/v1/orders/export");

  m = r.match(Method::get, "/v1/orders/42");
  ASSERT_EQ(m.kind, MatchKind::found);
  EXPECT_EQ(m.route->pattern, "/v1/orders/{id}");
  ASSERT_EQ(m.params.size(), 1u);
  EXPECT_EQ(m.params[0].second, "42");

  m = r.match(Method::post, "/v1/orders/7/items/9");
  ASSERT_EQ(m.kind, MatchKind::found);
  EXPECT_EQ(m.params[1], (std::pair<std::string, std::string>{"item", "9"}));
}

TEST(Router, DistinguishesUnknownPathFromWrongMethod) {
  Router r;
  ASSERT_TRUE(r.add(route(Method::get, "/v1/things")));
  ASSERT_TRUE(r.add(route(Method::post, "/v1/things")));
  EXPECT_EQ(r.match(Method::get, "/v1/nothing").kind, MatchKind::not_found);
  const auto m = r.match(Method::delete_, "/v1/things");
  ASSERT_EQ(m.kind, MatchKind::method_not_allowed);
  EXPECT_EQ(m.allowed, (std::vector<Method>{Method::get, Method::post}));
}

TEST(Router, HeadFallsBackToGet) {
  Router r;
  ASSERT_TRUE(r.add(route(Method::get, "/health")));
  EXPECT_EQ(r.match(Method::head, "/health").kind, MatchKind::found);
}

TEST(Router, RejectsDuplicatesAndClashingParameterNames) {
  Router r;
  ASSERT_TRUE(r.add(route(Method::get, "/v1/a/{id}")));
  EXPECT_EQ(r.add(route(Method::get, "/v1/a/{id}")).error().code, ErrorCode::conflict);
  EXPECT_EQ(r.add(route(Method::put, "/v1/a/{other}")).error().code, ErrorCode::conflict);
  EXPECT_EQ(r.add(route(Method::get, "no-slash")).error().code, ErrorCode::bad_request);
}

TEST(Router, RefusesRoutesThatDeclareNoAccessRule) {
  Router r;
  auto undeclared = route(Method::get, "/v1/secret");
  undeclared.access.reset();
  EXPECT_EQ(r.add(undeclared).error().code, ErrorCode::bad_request);
  EXPECT_EQ(r.match(Method::get, "/v1/secret").kind, MatchKind::not_found);
}

TEST(Router, RefusesInlineRoutesThatNeedAuthentication) {
  Router r;
  auto inline_private = route(Method::get, "/v1/mine");
  inline_private.access = Access::authenticated("self");
  EXPECT_EQ(r.add(inline_private).error().code, ErrorCode::bad_request);
  inline_private.execution = Execution::worker;
  EXPECT_TRUE(r.add(inline_private));
}

TEST(Router, RefusesFastHandlersOnRoutesThatNeedAuthentication) {
  Router r;
  auto cached_private = route(Method::get, "/v1/mine");
  cached_private.execution = Execution::worker;
  cached_private.access = Access::authenticated("self");
  cached_private.fast = [](Request&) -> std::optional<Response> { return std::nullopt; };
  EXPECT_EQ(r.add(cached_private).error().code, ErrorCode::bad_request);
  cached_private.access = Access::anyone();
  EXPECT_TRUE(r.add(cached_private));
}

TEST(Router, TrailingAndRepeatedSlashesMatchTheSameRoute) {
  Router r;
  ASSERT_TRUE(r.add(route(Method::get, "/v1/things")));
  EXPECT_EQ(r.match(Method::get, "/v1/things/").kind, MatchKind::found);
  EXPECT_EQ(r.match(Method::get, "//v1//things").kind, MatchKind::found);
}

TEST(Router, RefusesIdempotentRoutesWithoutCallersOrOnTheIoThread) {
  Router r;
  const auto anonymous = idempotent(route(Method::post, "/v1/anyone"));
  EXPECT_FALSE(r.add(anonymous));
  auto inline_route = idempotent(route(Method::post, "/v1/inline"));
  inline_route.access = Access::authenticated();
  EXPECT_FALSE(r.add(inline_route));
  auto worker_route = inline_route;
  worker_route.execution = Execution::worker;
  ASSERT_TRUE(r.add(worker_route));
  EXPECT_TRUE(r.match(Method::post, "/v1/inline").route->idempotent);
}

}  // namespace
}  // namespace reskflow::http
