// Parsing of ?cursor=&limit= for every list of the API.
#include "reskflow/modules/page.h"

#include <boost/json.hpp>

#include <charconv>

#include "reskflow/core/http.h"

namespace reskflow::modules {

Result<PageRequest> page_request(const http::Request& request, std::int64_t limit_default) {
  PageRequest page{.cursor = std::nullopt, .limit = limit_default};
  if (auto text = request.query_param("cursor"); text && !text->empty()) {
    if (text->size() > cursor_chars_max)
      return fail(ErrorCode::validation_failed, "the cursor is not one this API gave",
                  {{"cursor", "is not a cursor this API gave; use the next_cursor of a page"}});
    page.cursor = std::string(*text);
  }
  if (auto text = request.query_param("limit")) {
    std::int64_t n = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), n);
    if (ec != std::errc{} || end != text->data() + text->size() || n < 1 || n > page_limit_max)
      return fail(ErrorCode::validation_failed, "the page size is out of range",
                  {{"limit", "must be an integer from 1 to " + std::to_string(page_limit_max)}});
    page.limit = n;
  }
  return page;
}

boost::json::value cursor_json(const std::optional<std::string>& cursor) {
  return cursor ? boost::json::value(*cursor) : boost::json::value(nullptr);
}

}  // namespace reskflow::modules
