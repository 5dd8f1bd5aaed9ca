// Who is calling, for code the router's guard does not cover, and what an API key may do: the
// one interface every module uses to learn its caller (identity implements it).
#pragma once

#include <optional>
#include <string_view>

#include "reskflow/core/errors.h"
#include "reskflow/core/http.h"

namespace reskflow::modules {

// The router's guard authenticates the callers of non-anonymous routes and sets
// request.principal; use this interface where a module needs the caller elsewhere. Every
// method may read the database: call it from the worker pool.
class Authenticator {
 public:
  virtual ~Authenticator() = default;

  // The caller of a request the guard did not see (a WebSocket upgrade in a topic authorizer):
  // unauthenticated when the request carries no valid credentials, forbidden for an admin
  // session without a second factor.
  virtual Result<http::Principal> required(const http::Request& request) = 0;

  // The caller of an anonymous route whose answer depends on who asks (a suspended merchant
  // stays visible to its staff): nullopt when required() would fail, so the request is
  // answered as for anyone.
  virtual std::optional<http::Principal> optional(const http::Request& request) = 0;

  // Whether `caller` may use `scope` (what a route declares in http::Access::scope): a
  // person's session always may (sessions are not scope-limited); an API key may when it
  // holds the scope, or when the scope is http::Access::every_key. Otherwise
  // insufficient_scope (403) naming the scope, with the problem member `required_scope`; for
  // an empty scope (no API key may call), forbidden. The same rule for every implementation.
  static Status require_scope(const http::Principal& caller, std::string_view scope);
};

}  // namespace reskflow::modules
