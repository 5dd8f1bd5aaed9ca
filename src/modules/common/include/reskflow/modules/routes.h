// What every module's route files share: declaring the module's routes, and the plain answers
// (problem+json for an expected failure, 204, no-store).
#pragma once

#include <string>
#include <string_view>

#include "reskflow/core/errors.h"
#include "reskflow/core/http.h"
#include "reskflow/core/router.h"

namespace reskflow::modules {

// The RFC 9457 problem+json answer to `request` for an expected failure.
http::Response error_response(const http::Request& request, const Error& error);

// 204 No Content.
http::Response no_content();

// `response` with Cache-Control: no-store (an answer about one caller).
http::Response no_store(http::Response response);

// A route of `module` (for logs and the route inventory) run on the worker pool, where every
// handler that may block belongs. A module's routes_common.h binds its name once:
//   inline http::Route route(http::Method m, std::string p, http::Access a, http::Handler h) {
//     return modules::worker_route("carts", m, std::move(p), std::move(a), std::move(h));
//   }
http::Route worker_route(std::string_view module, http::Method method, std::string pattern,
                         http::Access access, http::Handler handler);

}  // namespace reskflow::modules
