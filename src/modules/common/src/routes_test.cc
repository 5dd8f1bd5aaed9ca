// The shared route helpers: a module's routes are its own and run on the worker pool; failures
// answer problem+json for the request's path.
#include "reskflow/modules/routes.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace reskflow::modules {
namespace {

TEST(RouteHelpers, ErrorResponseIsAProblemForTheRequest) {
  http::Request request;
  request.path = "/v1/carts/c1";
  request.request_id = "req-1";
  const auto r =
      error_response(request, Error{ErrorCode::not_found, "no such cart", {{"cart_id", "x"}}});
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.content_type, "application/problem+json");
  const auto body = boost::json::parse(r.body).as_object();
  EXPECT_EQ(body.at("detail").as_string(), "no such cart");
  EXPECT_EQ(body.at("instance").as_string(), "/v1/carts/c1");
  EXPECT_EQ(body.at("request_id").as_string(), "req-1");
  EXPECT_EQ(body.at("errors").as_array().size(), 1u);
}

TEST(RouteHelpers, NoContentHasNoBody) {
  const auto r = no_content();
  EXPECT_EQ(r.status, 204);
  EXPECT_TRUE(r.body.empty());
}

TEST(RouteHelpers, NoStoreKeepsTheResponseAndForbidsCaching) {
  auto r = no_store(http::json(201, {{"id", "c1"}}));
  EXPECT_EQ(r.status, 201);
  EXPECT_EQ(r.header("Cache-Control"), "no-store");
}

TEST(RouteHelpers, WorkerRouteBelongsToItsModuleAndRunsOnTheWorkerPool) {
  auto declared =
      worker_route("carts", http::Method::post, "/v1/carts", http::Access::authenticated("self"),
                   [](http::Request&) { return no_content(); });
  EXPECT_EQ(declared.method, http::Method::post);
  EXPECT_EQ(declared.pattern, "/v1/carts");
  EXPECT_EQ(declared.module, "carts");
  EXPECT_EQ(declared.execution, http::Execution::worker);
  ASSERT_TRUE(declared.access);
  EXPECT_EQ(declared.access->ownership, "self");
  EXPECT_FALSE(declared.fast);
  http::Request request;
  EXPECT_EQ(declared.handler(request).status, 204);
}

}  // namespace
}  // namespace reskflow::modules
