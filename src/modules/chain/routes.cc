// HTTP binding of the chain module: admins list batches; a delivery's parties get its proof of
// record, everything needed to check its milestones against the registry contract.
#include <boost/json.hpp>

#include <charconv>

#include "document.h"
#include "module.h"
#include "reskflow/core/json_text.h"
#include "reskflow/modules/routes.h"
#include "reskflow/modules/utc_time.h"

namespace reskflow::chain {
namespace {

namespace bj = boost::json;
using modules::error_response;
using modules::no_store;

http::Route route(http::Method method, std::string pattern, http::Access access,
                  http::Handler handler) {
  return modules::worker_route("chain", method, std::move(pattern), std::move(access),
                               std::move(handler));
}

Result<std::int64_t> integer_param(const http::Request& request, std::string_view name,
                                   std::int64_t fallback, std::int64_t min, std::int64_t max) {
  const auto text = request.query_param(name);
  if (!text || text->empty()) return fallback;
  std::int64_t n = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), n);
  if (ec != std::errc{} || end != text->data() + text->size() || n < min || n > max)
    return fail(ErrorCode::validation_failed, "a query parameter is out of range",
                {{std::string(name), "must be an integer from " + std::to_string(min) + " to " +
                                         std::to_string(max)}});
  return n;
}

http::Response list_batches(Service& service, http::Request& request) {
  const std::string state(request.query_param("state").value_or(""));
  if (!state.empty() && state != "sealed" && state != "sent" && state != "confirmed" &&
      state != "failed")
    return error_response(request, Error{ErrorCode::validation_failed,
                                         "unknown batch state",
                                         {{"state", "must be sealed, sent, confirmed or failed"}},
                                         {}});
  auto after = integer_param(request, "after", 0, 0, INT64_MAX);
  if (!after) return error_response(request, after.error());
  auto limit = integer_param(request, "limit", 20, 1, batches_page_max);
  if (!limit) return error_response(request, limit.error());
  auto found = service.batches(state, *after, *limit + 1);
  if (!found) return error_response(request, found.error());
  const bool more = static_cast<std::int64_t>(found->size()) > *limit;
  if (more) found->pop_back();
  bj::array data;
  for (const auto& b : *found) data.push_back(batch_json(b));
  const bj::value next = more ? bj::value(found->back().id) : bj::value(nullptr);
  return no_store(http::json(200, {{"data", std::move(data)}, {"next_after", next}}));
}

http::Response proof_of_record(Service& service, http::Request& request) {
  const std::string delivery_id(request.param("delivery_id").value_or(""));
  auto found = service.proof_of_record(*request.principal, delivery_id);
  if (!found) return error_response(request, found.error());
  return no_store(http::json(200, proof_of_record_json(*found)));
}

}  // namespace

std::vector<http::Route> chain_routes(Service& service) {
  using http::Access;
  using http::Method;
  const std::vector<std::string> admins{std::string(identity::role_admin)};
  const std::vector<std::string> parties{
      std::string(identity::role_customer), std::string(identity::role_driver),
      std::string(identity::role_merchant), std::string(identity::role_admin)};
  return {
      route(Method::get, "/v1/admin/chain/batches", Access::roles_in(admins),
            [&service](http::Request& r) { return list_batches(service, r); }),
      route(Method::get, "/v1/deliveries/{delivery_id}/verification",
            Access::roles_in(parties, "delivery_party"),
            [&service](http::Request& r) { return proof_of_record(service, r); }),
  };
}

}  // namespace reskflow::chain
