// Cached representations: conditional requests and content negotiation.
#include "reskflow/core/representation.h"

#include <gtest/gtest.h>

#include "http/gzip.h"

namespace reskflow::http {
namespace {

Request get(HeaderList headers = {}) {
  Request r;
  r.headers = std::move(headers);
  return r;
}

std::string menu_like_body() {
  std::string body = "{\"items\":[";
  for (int i = 0; i < 200; ++i) body += "{\"name\":\"Margherita\",\"price_minor\":1150},";
  body += "{}]}";
  return body;
}

TEST(Representation, AnswersNotModifiedWhenTheClientHoldsTheSameTag) {
  const Representation menu(menu_like_body(), "application/json", "public, max-age=60");
  auto first = menu.respond(get());
  EXPECT_EQ(first.status, 200);
  EXPECT_EQ(first.payload(), menu.body());
  EXPECT_EQ(first.header("Cache-Control"), "public, max-age=60");
  auto again = menu.respond(get({{"If-None-Match", std::string(*first.header("ETag"))}}));
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.payload().empty());
  auto other = menu.respond(get({{"If-None-Match", "\"r-0000000000000000-1\""}}));
  EXPECT_EQ(other.status, 200);
}

TEST(Representation, ServesTheGzipVariantOnlyToClientsThatAcceptIt) {
  const Representation menu(menu_like_body(), "application/json", "no-cache");
  auto zipped = menu.respond(get({{"Accept-Encoding", "br, gzip"}}));
  EXPECT_EQ(zipped.header("Content-Encoding"), "gzip");
  EXPECT_LT(zipped.payload().size(), menu.body().size());
  EXPECT_NE(zipped.header("ETag"), menu.etag());
  auto revalidated = menu.respond(
      get({{"Accept-Encoding", "gzip"}, {"If-None-Match", std::string(*zipped.header("ETag"))}}));
  EXPECT_EQ(revalidated.status, 304);
  auto plain = menu.respond(get({{"Accept-Encoding", "identity"}}));
  EXPECT_FALSE(plain.header("Content-Encoding"));
  EXPECT_EQ(plain.payload(), menu.body());
}

TEST(Representation, ChangesItsTagWhenTheBodyChanges) {
  const Representation before("{\"price_minor\":1150}", "application/json", "no-cache");
  const Representation after("{\"price_minor\":1250}", "application/json", "no-cache");
  EXPECT_NE(before.etag(), after.etag());
  auto small = before.respond(get({{"Accept-Encoding", "gzip"}}));
  EXPECT_FALSE(small.header("Content-Encoding"));
}

}  // namespace
}  // namespace reskflow::http
