// Helpers the notifications route files share: route declaration, paging and cursors.
#pragma once

#include <boost/json.hpp>

#include <charconv>
#include <optional>
#include <string>

#include "reskflow/core/router.h"
#include "reskflow/identity/identity.h"
#include "reskflow/modules/routes.h"
#include "service.h"

namespace reskflow::notifications {

using modules::error_response;
using modules::no_store;

inline http::Route route(http::Method method, std::string pattern, http::Access access,
                         http::Handler handler) {
  return modules::worker_route("notifications", method, std::move(pattern), std::move(access),
                               std::move(handler));
}

inline std::string param(const http::Request& r, std::string_view name) {
  return std::string(r.param(name).value_or(""));
}

// ?cursor=&limit= (1..100, default 20); a bad limit is a 422 naming "limit".
inline Result<PageRequest> page_of(const http::Request& request) {
  PageRequest page;
  if (auto c = request.query_param("cursor"); c && !c->empty()) page.cursor = std::string(*c);
  if (auto l = request.query_param("limit")) {
    std::int64_t n = 0;
    const auto [end, ec] = std::from_chars(l->data(), l->data() + l->size(), n);
    if (ec != std::errc{} || end != l->data() + l->size() || n < 1 || n > page_limit_max)
      return fail(ErrorCode::validation_failed, "the page size is out of range",
                  {{"limit", "must be an integer from 1 to " + std::to_string(page_limit_max)}});
    page.limit = n;
  }
  return page;
}

inline boost::json::value cursor_json(const std::optional<std::string>& cursor) {
  return cursor ? boost::json::value(*cursor) : boost::json::value(nullptr);
}

}  // namespace reskflow::notifications
