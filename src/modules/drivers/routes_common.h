// What only the drivers module's route files share: declaring a route of the module.
#pragma once

#include <string>

#include "reskflow/core/router.h"
#include "reskflow/modules/routes.h"

namespace reskflow::drivers {

inline http::Route route(http::Method method, std::string pattern, http::Access access,
                         http::Handler handler) {
  return modules::worker_route("drivers", method, std::move(pattern), std::move(access),
                               std::move(handler));
}

}  // namespace reskflow::drivers
