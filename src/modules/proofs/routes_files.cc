// HTTP binding of photos and signatures: the upload (the raw image as the body), the files
// read back with their digest, and the delivery's proof record.
#include "reskflow/identity/identity.h"
#include "routes_common.h"

namespace reskflow::proofs {
namespace {

http::Response put_file(Service& service, ProofKind kind, http::Request& request) {
  const auto declared = request.header("Content-Type").value_or("");
  auto stored =
      service.put_file(request.principal->subject, request.param("delivery_id").value_or(""), kind,
                       declared, request.body);
  if (!stored) return error_response(request, stored.error());
  auto response = modules::no_store(http::json(201, stored_proof_json(*stored)));
  response.set_header("Location", "/v1/deliveries/" + std::string(*request.param("delivery_id")) +
                                      (kind == ProofKind::photo ? "/proof/photo" : "/signature"));
  return response;
}

http::Response get_file(Service& service, ProofKind kind, http::Request& request) {
  auto file = service.file(*request.principal, request.param("delivery_id").value_or(""), kind);
  if (!file) return error_response(request, file.error());
  http::Response response{200, file->proof.content_type, {}, std::move(file->bytes), {}};
  response.set_header("ETag", "\"" + file->proof.sha256 + "\"");
  response.set_header("Repr-Digest", repr_digest(file->proof.sha256));
  response.set_header("Cache-Control", "private, no-store");
  return response;
}

http::Response get_record(Service& service, http::Request& request) {
  auto record = service.record_for(*request.principal, request.param("delivery_id").value_or(""));
  if (!record) return error_response(request, record.error());
  const auto part = [](const std::optional<StoredProof>& p) {
    return p ? boost::json::value(stored_proof_json(*p)) : boost::json::value(nullptr);
  };
  return modules::no_store(http::json(
      200, {{"delivery_id", record->delivery_id},
            {"photo", part(record->photo)},
            {"signature", part(record->signature)},
            {"temperature", record->temperature
                                ? boost::json::value(compliance_json(*record->temperature))
                                : boost::json::value(nullptr)}}));
}

}  // namespace

Status add_file_routes(http::Router& router, Service& service) {
  using http::Access;
  using http::Method;
  const std::string driver(identity::role_driver);
  const std::vector<std::string> readers{std::string(identity::role_customer),
                                         std::string(identity::role_merchant), driver,
                                         std::string(identity::role_admin)};
  const auto bind = [&service](ProofKind kind, auto handler) {
    return [&service, kind, handler](http::Request& r) { return handler(service, kind, r); };
  };
  std::vector<http::Route> routes{
      http::idempotent(route(Method::post, "/v1/deliveries/{delivery_id}/proof",
                             Access::roles_in({driver}, "assigned_driver"),
                             bind(ProofKind::photo, put_file))),
      route(Method::get, "/v1/deliveries/{delivery_id}/proof",
            Access::roles_in(readers, "delivery_party"),
            [&service](http::Request& r) { return get_record(service, r); }),
      route(Method::get, "/v1/deliveries/{delivery_id}/proof/photo",
            Access::roles_in(readers, "delivery_party"), bind(ProofKind::photo, get_file)),
      http::idempotent(route(Method::post, "/v1/deliveries/{delivery_id}/signature",
                             Access::roles_in({driver}, "assigned_driver"),
                             bind(ProofKind::signature, put_file))),
      route(Method::get, "/v1/deliveries/{delivery_id}/signature",
            Access::roles_in(readers, "delivery_party"), bind(ProofKind::signature, get_file)),
  };
  return router.add_all(std::move(routes));
}

}  // namespace reskflow::proofs
