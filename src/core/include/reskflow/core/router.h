// Routes with path parameters ("/v1/orders/{id}") and method matching (404 vs 405 with Allow).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "reskflow/core/errors.h"
#include "reskflow/core/http.h"

namespace reskflow::http {

using Handler = std::function<Response(Request&)>;

// Where a handler runs: on the bounded worker pool (anything that may block: storage, crypto),
// or inline on the I/O thread (only handlers that never block, e.g. liveness).
enum class Execution : std::uint8_t { worker, io };

struct Route {
  Method method = Method::get;
  std::string pattern;  // literal segments and {name} parameters
  std::string module;   // owner, for logs and the route inventory
  Execution execution = Execution::worker;
  Handler handler;
};

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

  // Fails with conflict on a duplicate method+pattern, bad_request on a malformed pattern.
  Status add(Route route);

  // HEAD falls back to the GET route of the same path.
  Match match(Method method, std::string_view path) const;

  std::vector<const Route*> routes() const;

 private:
  struct Node;
  std::unique_ptr<Node> root_;
  std::vector<std::unique_ptr<Route>> routes_;
};

}  // namespace reskflow::http
