// The routes the request fuzzer exercises: shaped like the platform's modules (literals,
// parameters, several methods per path), with JSON-body schemas on the writing routes.
#pragma once

#include "reskflow/core/router.h"

namespace reskflow::fuzz {

// Built once per process; aborts if a route is rejected (a broken harness, not a finding).
const http::Router& fuzz_router();

}  // namespace reskflow::fuzz
