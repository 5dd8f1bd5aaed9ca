// Routes with path parameters ("/v1/orders/{id}") and method matching (404 vs 405 with Allow).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reskflow/core/errors.h"
#include "reskflow/core/http.h"

namespace reskflow::http {

using Handler = std::function<Response(Request&)>;
using FastHandler = std::function<std::optional<Response>(Request&)>;

// Where a handler runs: on the bounded worker pool (anything that may block: storage, crypto),
// or inline on the I/O thread (only handlers that never block, e.g. liveness).
enum class Execution : std::uint8_t { worker, io };

// Who may call a route. Router::add refuses a route without one, so a new route is closed
// until its author decides who may call it.
struct Access {
  bool anonymous = false;          // anyone, without credentials
  std::vector<std::string> roles;  // authenticated callers with one of these roles (empty: any)
  // The object-level rule the handler enforces, named for the route inventory ("self",
  // "merchant_staff", "assigned_driver"; empty: none). Objects the caller may not see are 404.
  std::string ownership;
  // The scope an API key must hold to call the route ("optimize:write"), or `every_key` when
  // any key may (a key reading its own description); empty: no API key may call it. Sessions
  // of people are not scope-limited. The guard's owner refuses to start when a route its API
  // keys can reach names no scope.
  std::string scope;
  static constexpr std::string_view every_key = "*";

  static Access anyone() { return {true, {}, {}}; }
  static Access authenticated(std::string ownership_rule = {}) {
    return {false, {}, std::move(ownership_rule)};
  }
  static Access roles_in(std::vector<std::string> allowed, std::string ownership_rule = {}) {
    return {false, std::move(allowed), std::move(ownership_rule)};
  }
  // The same declaration, also naming the scope API keys need.
  Access scoped(std::string needed) && {
    scope = std::move(needed);
    return std::move(*this);
  }
};

struct Route {
  Method method = Method::get;
  std::string pattern;  // literal segments and {name} parameters
  std::string module;   // owner, for logs and the route inventory
  Execution execution = Execution::worker;
  std::optional<Access> access;
  Handler handler;
  // Optional, for anonymous worker routes: runs first on the I/O thread and must not block
  // (a cache lookup). A response is sent as is; nullopt hands the request to `handler` on a
  // worker. Cached reads thereby skip the worker hop (see representation.h for the cached
  // body, its ETag and its gzip variant).
  FastHandler fast;
  // Takes an Idempotency-Key header: the router's idempotency hook runs the handler at most
  // once per caller and key and replays its response to retries. For creating POSTs.
  bool idempotent = false;
};

// Marks a route as taking an Idempotency-Key (see Route::idempotent).
inline Route idempotent(Route route) {
  route.idempotent = true;
  return route;
}

// Runs before every handler of a non-anonymous route, on the worker pool: authenticates the
// caller (setting request.principal), checks the route's Access, applies rate limits. Returns
// the response to send instead of calling the handler (401, 403, 429), or nullopt to go on.
using Guard = std::function<std::optional<Response>(Request&, const Route&)>;

// Runs instead of the handler of an idempotent route, after the guard, on the worker pool:
// calls `handler` at most once per caller and Idempotency-Key, or answers without it (the
// stored response of an earlier request with that key, or a refusal of the key).
using IdempotencyHook = std::function<Response(Request&, const Route&, const Handler& handler)>;

enum class MatchKind : std::uint8_t { found, not_found, method_not_allowed };

struct Match {
  MatchKind kind = MatchKind::not_found;
  const Route* route = nullptr;
  std::vector<std::pair<std::string, std::string>> params;
  std::vector<Method> allowed;  // for 405 responses
};

class Router {
 public:
  Router();
  ~Router();
  Router(const Router&) = delete;
  Router& operator=(const Router&) = delete;

  // Fails with conflict on a duplicate method+pattern, bad_request on a malformed pattern, a
  // route without an Access declaration, or an inline (Execution::io) route or a route with a
  // fast handler that is not anonymous (guards may block), or an idempotent route that is
  // anonymous (a key is scoped to its caller) or inline.
  Status add(Route route);
  // Adds each route in order; stops at the first that add() refuses.
  Status add_all(std::vector<Route> routes);

  // Installs the guard (the identity module's); without one, only anonymous routes answer.
  void set_guard(Guard guard) { guard_ = std::move(guard); }
  const Guard& guard() const { return guard_; }
  // Installs the idempotency hook; without one, idempotent routes ignore Idempotency-Key.
  void set_idempotency(IdempotencyHook hook) { idempotency_ = std::move(hook); }
  const IdempotencyHook& idempotency() const { return idempotency_; }

  // HEAD falls back to the GET route of the same path.
  Match match(Method method, std::string_view path) const;

  std::vector<const Route*> routes() const;

 private:
  struct Node;
  std::unique_ptr<Node> root_;
  std::vector<std::unique_ptr<Route>> routes_;
  Guard guard_;
  IdempotencyHook idempotency_;
};

}  // namespace reskflow::http
