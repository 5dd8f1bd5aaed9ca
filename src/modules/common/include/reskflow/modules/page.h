// One page of a list, as every list of the API takes it (?cursor=&limit=), and its parsing.
#pragma once

#include <boost/json/fwd.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "reskflow/core/errors.h"

namespace reskflow::http {
struct Request;
}  // namespace reskflow::http

namespace reskflow::modules {

inline constexpr std::int64_t page_limit_max = 100;
inline constexpr std::int64_t page_limit_default = 20;
// Longer than any cursor this API gives; a longer one is refused before it reaches a query.
inline constexpr std::size_t cursor_chars_max = 256;

struct PageRequest {
  std::optional<std::string> cursor;  // opaque: the previous page's next_cursor
  std::int64_t limit = page_limit_default;
};

// ?cursor= and ?limit= (1..page_limit_max, `limit_default` when absent). A limit that is not such
// an integer, or a cursor longer than any this API gives, is a 422 naming the parameter.
Result<PageRequest> page_request(const http::Request& request,
                                 std::int64_t limit_default = page_limit_default);

// next_cursor as it is rendered: the cursor, or null on the last page.
boost::json::value cursor_json(const std::optional<std::string>& cursor);

}  // namespace reskflow::modules
