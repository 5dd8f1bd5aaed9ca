// Helpers the promotions route file shares: route declaration and the caller.
#pragma once

#include <string>

#include "reskflow/core/router.h"
#include "reskflow/identity/identity.h"
#include "reskflow/modules/page.h"
#include "reskflow/modules/routes.h"
#include "service.h"

namespace reskflow::promotions {

using modules::cursor_json;
using modules::error_response;
using modules::no_store;

inline http::Route route(http::Method method, std::string pattern, http::Access access,
                         http::Handler handler) {
  return modules::worker_route("promotions", method, std::move(pattern), std::move(access),
                               std::move(handler));
}

inline std::string param(const http::Request& r, std::string_view name) {
  return std::string(r.param(name).value_or(""));
}

}  // namespace reskflow::promotions
