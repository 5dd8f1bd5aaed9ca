// The route helpers every module's HTTP binding uses.
#include "reskflow/modules/routes.h"

#include <utility>

namespace reskflow::modules {

http::Response error_response(const http::Request& request, const Error& error) {
  return http::problem(error, request.request_id, request.path);
}

http::Response no_content() {
  http::Response r;
  r.status = 204;
  return r;
}

http::Response no_store(http::Response response) {
  response.set_header("Cache-Control", "no-store");
  return response;
}

http::Route worker_route(std::string_view module, http::Method method, std::string pattern,
                         http::Access access, http::Handler handler) {
  return {method,
          std::move(pattern),
          std::string(module),
          http::Execution::worker,
          std::move(access),
          std::move(handler),
          {}};
}

}  // namespace reskflow::modules
