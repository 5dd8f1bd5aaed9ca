// ?cursor=&limit= as every list reads them: defaults, bounds, and the parameter named on error.
#include "reskflow/modules/page.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "reskflow/core/http.h"

namespace reskflow::modules {
namespace {

http::Request with_query(std::vector<std::pair<std::string, std::string>> query) {
  http::Request request;
  request.query = std::move(query);
  return request;
}

TEST(PageRequest, DefaultsWhenAbsent) {
  const auto page = page_request(with_query({}));
  ASSERT_TRUE(page);
  EXPECT_FALSE(page->cursor);
  EXPECT_EQ(page->limit, page_limit_default);
  EXPECT_EQ(page_request(with_query({}), 50)->limit, 50);
}

TEST(PageRequest, ReadsCursorAndLimit) {
  const auto page = page_request(with_query({{"cursor", "abc"}, {"limit", "100"}}));
  ASSERT_TRUE(page);
  EXPECT_EQ(page->cursor, "abc");
  EXPECT_EQ(page->limit, 100);
  EXPECT_FALSE(page_request(with_query({{"cursor", ""}}))->cursor);
}

TEST(PageRequest, RefusesALimitOutOfRangeNamingIt) {
  for (const char* bad : {"0", "101", "-1", "ten", "5x", ""}) {
    const auto page = page_request(with_query({{"limit", bad}}));
    ASSERT_FALSE(page) << bad;
    EXPECT_EQ(page.error().code, ErrorCode::validation_failed);
    ASSERT_EQ(page.error().fields.size(), 1u);
    EXPECT_EQ(page.error().fields[0].field, "limit");
  }
}

TEST(PageRequest, RefusesACursorLongerThanAnyThisApiGives) {
  const auto page = page_request(with_query({{"cursor", std::string(cursor_chars_max + 1, 'a')}}));
  ASSERT_FALSE(page);
  EXPECT_EQ(page.error().fields[0].field, "cursor");
}

TEST(PageRequest, RendersTheLastPageAsNull) {
  EXPECT_TRUE(cursor_json(std::nullopt).is_null());
  EXPECT_EQ(cursor_json(std::string("c1")).as_string(), "c1");
}

}  // namespace
}  // namespace reskflow::modules
