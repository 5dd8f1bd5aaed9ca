// The metrics token and operator networks check of the system module's operator routes.
#include "operator_access.h"

namespace reskflow::system {
namespace {

// Compares in time that depends only on the lengths, so a caller cannot find the token byte by
// byte from response times.
bool same_secret(std::string_view given, std::string_view expected) {
  if (given.size() != expected.size()) return false;
  unsigned char difference = 0;
  for (std::size_t i = 0; i < given.size(); ++i)
    difference |= static_cast<unsigned char>(given[i] ^ expected[i]);
  return difference == 0;
}

std::optional<std::string_view> bearer_token(const http::Request& request) {
  const auto authorization = request.header("Authorization");
  constexpr std::string_view scheme = "Bearer ";
  if (!authorization || authorization->size() <= scheme.size() ||
      !http::iequals(authorization->substr(0, scheme.size()), scheme))
    return std::nullopt;
  return authorization->substr(scheme.size());
}

}  // namespace

Result<OperatorAccess> OperatorAccess::from(const Config& config) {
  RF_TRY(networks, http::Networks::parse(operator_networks(config), "metrics_networks"));
  OperatorAccess out;
  out.token_ = config.metrics_token;
  out.networks_ = std::move(*networks);
  return out;
}

std::optional<Error> OperatorAccess::refusal(const http::Request& request) const {
  if (networks_.contains(request.client_ip)) return std::nullopt;
  const auto token = bearer_token(request);
  if (token && !token_.empty() && same_secret(*token, token_)) return std::nullopt;
  if (token_.empty()) {
    return Error{ErrorCode::forbidden,
                 "metrics and status are readable only from the networks in "
                 "RESKFLOW_METRICS_NETWORKS, or with RESKFLOW_METRICS_TOKEN once it is set",
                 {}};
  }
  if (token) return Error{ErrorCode::unauthenticated, "the metrics token is not valid", {}};
  return Error{ErrorCode::unauthenticated,
               "send the metrics token as Authorization: Bearer <RESKFLOW_METRICS_TOKEN>",
               {}};
}

http::Response refusal_response(const Error& refusal, const http::Request& request) {
  auto r = http::problem(refusal, request.request_id, request.path);
  if (refusal.code == ErrorCode::unauthenticated)
    r.set_header("WWW-Authenticate", R"(Bearer realm="metrics")");
  r.set_header("Cache-Control", "no-store");
  return r;
}

}  // namespace reskflow::system
