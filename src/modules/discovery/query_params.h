// Reading a GET request's query parameters with field-level errors, as json::ObjectReader does
// for bodies: every problem is named, and parameters the route does not know are refused.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "reskflow/core/errors.h"
#include "reskflow/core/http.h"

namespace reskflow::discovery {

class QueryParams {
 public:
  explicit QueryParams(const http::Request& request) : request_(request) {}

  std::optional<double> number(std::string_view key, double min, double max, bool required);
  std::optional<std::int64_t> integer(std::string_view key, std::int64_t min, std::int64_t max);
  // Bounded in bytes (callers check characters and content).
  std::optional<std::string> text(std::string_view key, std::size_t bytes_max);
  std::optional<bool> boolean(std::string_view key);
  std::optional<std::string> one_of(std::string_view key, const std::vector<std::string>& allowed);
  // Repeated (?cuisine=a&cuisine=b) or comma-separated (?cuisine=a,b) values, de-duplicated.
  std::vector<std::string> list(std::string_view key, std::size_t items_max);

  void add_error(std::string_view key, std::string message);
  // validation_failed with every problem, unknown parameters included.
  Status finish();

 private:
  // The parameter's only value; an error when it is repeated.
  std::optional<std::string_view> single(std::string_view key);

  const http::Request& request_;
  std::set<std::string, std::less<>> seen_;
  std::vector<FieldError> errors_;
};

}  // namespace reskflow::discovery
