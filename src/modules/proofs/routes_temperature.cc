// HTTP binding of the cold chain: readings from the courier's app (a session) or a sensor
// (Authorization: Device <key>), the compliance report, and the admins' device keys.
#include <algorithm>
#include <cctype>

#include "reskflow/core/json_body.h"
#include "reskflow/identity/identity.h"
#include "routes_common.h"

namespace reskflow::proofs {
namespace {

constexpr std::string_view device_scheme = "device ";

// The key of "Authorization: Device <key>" (the scheme is case-insensitive), or nullopt.
std::optional<std::string_view> device_key_of(const http::Request& request) {
  const auto authorization = request.header("Authorization");
  if (!authorization || authorization->size() <= device_scheme.size()) return std::nullopt;
  const auto scheme = authorization->substr(0, device_scheme.size());
  const bool device = std::ranges::equal(scheme, device_scheme, [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) == b;
  });
  if (!device) return std::nullopt;
  return authorization->substr(device_scheme.size());
}

// The route is anonymous to the guard, which knows no device keys: the sensor's key or the
// courier's session is checked here.
Result<ReadingSource> reading_source(Service& service, modules::Authenticator& authenticator,
                                     const http::Request& request) {
  if (const auto key = device_key_of(request)) {
    RF_TRY(device, service.device_of_key(*key));
    return ReadingSource{device->driver_id, "device:" + device->id};
  }
  RF_TRY(caller, authenticator.required(request));
  if (caller->role != identity::role_driver || caller->credential != http::Credential::session)
    return fail(ErrorCode::forbidden,
                "readings come from the delivery's courier or a sensor device bound to them");
  return ReadingSource{caller->subject, "courier"};
}

Result<std::vector<Reading>> readings_of(const http::Request& request) {
  RF_TRY(body, json::parse_object(request));
  json::ObjectReader in(*body);
  std::vector<Reading> out;
  const auto* items = in.array("readings", readings_per_request_max);
  for (std::size_t i = 0; items != nullptr && i < items->size(); ++i) {
    const auto at = "readings[" + std::to_string(i) + "]";
    if (!(*items)[i].is_object()) {
      in.add_error(at, "must be an object");
      continue;
    }
    json::ObjectReader item((*items)[i].as_object(), at);
    const auto celsius = item.number("celsius");
    const auto measured_at = item.string("measured_at", {true, 1, 40});
    const auto measured_at_us = measured_at ? modules::parse_iso_utc(*measured_at) : std::nullopt;
    if (measured_at && !measured_at_us)
      item.add_error("measured_at", "must be a UTC time such as 2026-11-28T09:10:00Z");
    if (auto ok = item.finish(); !ok) {
      for (auto& f : ok.error().fields) in.add_error(f.field, std::move(f.message));
    } else if (celsius && measured_at_us) {
      out.push_back({*measured_at_us, *celsius});
    }
  }
  if (items != nullptr && items->empty())
    in.add_error("readings", "must hold at least one reading");
  RF_TRY(valid, in.finish());
  return out;
}

http::Response post_readings(Service& service, modules::Authenticator& authenticator,
                             http::Request& request) {
  auto from = reading_source(service, authenticator, request);
  if (!from) return error_response(request, from.error());
  auto readings = readings_of(request);
  if (!readings) return error_response(request, readings.error());
  auto outcome = service.add_readings(*from, request.param("delivery_id").value_or(""), *readings);
  if (!outcome) return error_response(request, outcome.error());
  return modules::no_store(http::json(200, {{"accepted", outcome->accepted},
                                            {"duplicates", outcome->duplicates},
                                            {"excursions_started", std::ssize(outcome->alerted)},
                                            {"compliance", compliance_json(outcome->summary)}}));
}

http::Response get_temperature(Service& service, http::Request& request) {
  auto report = service.temperature(*request.principal, request.param("delivery_id").value_or(""));
  if (!report) return error_response(request, report.error());
  boost::json::array excursions;
  for (const auto& e : report->excursions) {
    excursions.push_back({{"started_at", modules::iso_utc(e.started_at_us)},
                          {"ended_at", modules::iso_utc(e.ended_at_us)},
                          {"celsius", e.celsius}});
  }
  auto body = compliance_json(report->summary);
  body["excursion_runs"] = std::move(excursions);
  return modules::no_store(http::json(200, body));
}

boost::json::object device_json(const Device& d) {
  return {{"id", d.id},
          {"driver_id", d.driver_id},
          {"name", d.name},
          {"created_at", modules::iso_utc(d.created_at_us)}};
}

DeviceAudit audit_of(identity::Directory& directory, const http::Request& request) {
  return [&directory, &request](store::Transaction& tx, std::string_view action, const Device& d) {
    return directory.append_audit(
        tx, request, {std::string(action), "device", d.id, d.name, {{"driver_id", d.driver_id}}});
  };
}

http::Response issue_device(Service& service, identity::Directory& directory,
                            http::Request& request) {
  auto body = json::parse_object(request);
  if (!body) return error_response(request, body.error());
  json::ObjectReader in(*body);
  const auto driver_id = in.string("driver_id", {true, 1, 100});
  const auto name = in.string("name", {true, 1, 100});
  if (auto ok = in.finish(); !ok) return error_response(request, ok.error());
  auto issued = service.issue_device(*driver_id, *name, audit_of(directory, request));
  if (!issued) return error_response(request, issued.error());
  auto out = device_json(issued->device);
  out["key"] = issued->key;
  return modules::no_store(http::json(201, out));
}

http::Response revoke_device(Service& service, identity::Directory& directory,
                             http::Request& request) {
  auto done =
      service.revoke_device(request.param("device_id").value_or(""), audit_of(directory, request));
  if (!done) return error_response(request, done.error());
  return modules::no_content();
}

}  // namespace

Status add_temperature_routes(http::Router& router, Service& service,
                              modules::Authenticator& authenticator,
                              identity::Directory& directory) {
  using http::Access;
  using http::Method;
  const std::string admin(identity::role_admin);
  const std::vector<std::string> readers{std::string(identity::role_customer),
                                         std::string(identity::role_merchant),
                                         std::string(identity::role_driver), admin};
  Access courier_or_device = Access::anyone();
  courier_or_device.ownership = "assigned_driver_or_their_device";
  std::vector<http::Route> routes{
      route(Method::post, "/v1/deliveries/{delivery_id}/temperature", courier_or_device,
            [&service, &authenticator](http::Request& r) {
              return post_readings(service, authenticator, r);
            }),
      route(Method::get, "/v1/deliveries/{delivery_id}/temperature",
            Access::roles_in(readers, "delivery_party"),
            [&service](http::Request& r) { return get_temperature(service, r); }),
      // No Idempotency-Key: a stored answer would keep the key, which is kept only hashed.
      route(
          Method::post, "/v1/admin/devices", Access::roles_in({admin}),
          [&service, &directory](http::Request& r) { return issue_device(service, directory, r); }),
      route(Method::delete_, "/v1/admin/devices/{device_id}", Access::roles_in({admin}),
            [&service, &directory](http::Request& r) {
              return revoke_device(service, directory, r);
            }),
  };
  return router.add_all(std::move(routes));
}

}  // namespace reskflow::proofs
