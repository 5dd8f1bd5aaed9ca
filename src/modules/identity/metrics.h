// Every metric the identity module exports, declared in one place.
#pragma once

#include "reskflow/core/metrics.h"

namespace reskflow::identity {

struct IdentityMetrics {
  explicit IdentityMetrics(metrics::Registry& r)
      : logins_succeeded(
            r.counter("identity_logins_total", "Login attempts", {{"outcome", "success"}})),
        logins_failed(
            r.counter("identity_logins_total", "Login attempts", {{"outcome", "failure"}})),
        logins_locked(
            r.counter("identity_logins_total", "Login attempts", {{"outcome", "locked"}})),
        refresh_reuse(r.counter("identity_refresh_token_reuse_total",
                                "Rotated refresh tokens presented again (family revoked)")),
        guard_unauthenticated(r.counter("identity_guard_denied_total", "Requests the guard refused",
                                        {{"status", "401"}})),
        guard_forbidden(r.counter("identity_guard_denied_total", "Requests the guard refused",
                                  {{"status", "403"}})),
        rate_limited(r.counter("rate_limit_exceeded_total", "Requests answered 429",
                               {{"module", "identity"}})) {}

  metrics::Counter& logins_succeeded;
  metrics::Counter& logins_failed;
  metrics::Counter& logins_locked;
  metrics::Counter& refresh_reuse;
  metrics::Counter& guard_unauthenticated;
  metrics::Counter& guard_forbidden;
  metrics::Counter& rate_limited;
};

}  // namespace reskflow::identity
