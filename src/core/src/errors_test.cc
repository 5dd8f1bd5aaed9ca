// Every stable error code has exactly one HTTP mapping and a problem type.
#include "reskflow/core/errors.h"

#include <gtest/gtest.h>

#include <set>

namespace reskflow {
namespace {

TEST(ErrorTable, EveryCodeUpToTheMaxHasAMapping) {
  std::set<std::string> slugs;
  for (int i = 1; i <= static_cast<int>(error_code_max); ++i) {
    const auto code = static_cast<ErrorCode>(i);
    const auto& info = error_info(code);
    EXPECT_EQ(info.code, code) << "code " << i;
    EXPECT_GE(info.http_status, 400) << "code " << i;
    EXPECT_LE(info.http_status, 599) << "code " << i;
    EXPECT_FALSE(info.title.empty()) << "code " << i;
    EXPECT_TRUE(slugs.insert(std::string(info.slug)).second) << "duplicate slug for " << i;
  }
}

TEST(ErrorTable, KeepsStableNumbersAndStatuses) {
  EXPECT_EQ(static_cast<int>(ErrorCode::not_found), 3);
  EXPECT_EQ(error_info(ErrorCode::not_found).http_status, 404);
  EXPECT_EQ(error_info(ErrorCode::validation_failed).http_status, 422);
  EXPECT_EQ(error_info(ErrorCode::rate_limited).http_status, 429);
  EXPECT_EQ(problem_type(ErrorCode::payload_too_large), "urn:reskflow:problem:payload-too-large");
}

}  // namespace
}  // namespace reskflow
