// What proofs' route files share: route registration under the module's name, and the JSON of
// a stored proof and of a compliance summary (the delivery record's parts).
#pragma once

#include <boost/json.hpp>

#include <cmath>
#include <string>

#include "reskflow/core/router.h"
#include "reskflow/modules/routes.h"
#include "reskflow/modules/utc_time.h"
#include "service.h"

namespace reskflow::proofs {

using modules::error_response;

inline http::Route route(http::Method method, std::string pattern, http::Access access,
                         http::Handler handler) {
  return modules::worker_route("proofs", method, std::move(pattern), std::move(access),
                               std::move(handler));
}

inline boost::json::value time_or_null(const std::optional<std::int64_t>& at_us) {
  return at_us ? boost::json::value(modules::iso_utc(*at_us)) : boost::json::value(nullptr);
}

inline boost::json::value number_or_null(const std::optional<double>& v) {
  return v ? boost::json::value(*v) : boost::json::value(nullptr);
}

inline boost::json::object stored_proof_json(const StoredProof& p) {
  return {{"sha256", p.sha256},
          {"content_type", p.content_type},
          {"bytes", p.bytes},
          {"uploaded_by", p.uploaded_by},
          {"uploaded_at", modules::iso_utc(p.uploaded_at_us)}};
}

inline boost::json::object compliance_json(const ComplianceSummary& s) {
  return {{"range", {{"min_c", s.range.min_c}, {"max_c", s.range.max_c}}},
          {"readings", s.readings},
          {"min_c", number_or_null(s.min_c)},
          {"max_c", number_or_null(s.max_c)},
          {"out_of_range_s", s.out_of_range_s},
          {"out_of_range_minutes", std::round(static_cast<double>(s.out_of_range_s) / 6.0) / 10.0},
          {"excursions", s.excursions},
          {"compliant", s.compliant()},
          {"first_measured_at", time_or_null(s.first_measured_at_us)},
          {"last_measured_at", time_or_null(s.last_measured_at_us)}};
}

// The HTTP binding of each area (routes_files.cc, routes_temperature.cc).
Status add_file_routes(http::Router& router, Service& service);
Status add_temperature_routes(http::Router& router, Service& service,
                              modules::Authenticator& authenticator,
                              identity::Directory& directory);

}  // namespace reskflow::proofs
