// Helpers the quality route files share: route declaration, the caller, rates.
#pragma once

#include <boost/json.hpp>

#include <optional>
#include <string>

#include "reskflow/core/router.h"
#include "reskflow/identity/identity.h"
#include "reskflow/modules/page.h"
#include "reskflow/modules/routes.h"
#include "service.h"

namespace reskflow::quality {

using modules::cursor_json;
using modules::error_response;
using modules::no_store;

inline http::Route route(http::Method method, std::string pattern, http::Access access,
                         http::Handler handler) {
  return modules::worker_route("quality", method, std::move(pattern), std::move(access),
                               std::move(handler));
}

inline std::vector<std::string> roles(std::initializer_list<std::string_view> names) {
  return {names.begin(), names.end()};
}

inline bool is_admin(const http::Request& r) { return r.principal->role == identity::role_admin; }

inline std::string param(const http::Request& r, std::string_view name) {
  return std::string(r.param(name).value_or(""));
}

inline boost::json::value rate_json(const std::optional<double>& rate) {
  return rate ? boost::json::value(*rate) : boost::json::value(nullptr);
}

}  // namespace reskflow::quality
