// The scope rule of API keys, shared by the router's guard and every module that checks a
// scope itself.
#include "reskflow/modules/authenticator.h"

#include <algorithm>
#include <string>

#include "reskflow/core/router.h"

namespace reskflow::modules {

Status Authenticator::require_scope(const http::Principal& caller, std::string_view scope) {
  if (caller.credential == http::Credential::session) return {};
  if (scope.empty()) return fail(ErrorCode::forbidden, "API keys may not call this route");
  if (scope == http::Access::every_key) return {};
  if (std::ranges::find(caller.scopes, scope) != caller.scopes.end()) return {};
  return std::unexpected(
      Error{ErrorCode::insufficient_scope,
            "this API key lacks the scope " + std::string(scope) + " that this route needs",
            {},
            {{"required_scope", std::string(scope)}}});
}

}  // namespace reskflow::modules
