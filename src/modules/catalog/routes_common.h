// Helpers every catalog route file shares: route declaration, error rendering, and the
// object-level rules (staff of a merchant, who may see a suspended one).
#pragma once

#include <boost/json.hpp>

#include "module.h"
#include "reskflow/core/json_body.h"
#include "reskflow/modules/routes.h"

namespace reskflow::catalog {

using modules::error_response;
using modules::no_content;

inline http::Route route(http::Method method, std::string pattern, http::Access access,
                         http::Handler handler) {
  return modules::worker_route("catalog", method, std::move(pattern), std::move(access),
                               std::move(handler));
}

// Merchant accounts and admins; the handler checks the staff level ("merchant_staff").
inline http::Access staff_access() {
  return http::Access::roles_in(
      {std::string(identity::role_merchant), std::string(identity::role_admin)}, "merchant_staff");
}

inline std::string merchant_param(const http::Request& r) {
  return std::string(r.param("merchant_id").value_or(""));
}

// The merchant of the path when the caller is its staff with at least `min` (a brand's staff
// are its kitchen's) or an admin; not_found otherwise, as for a merchant that does not exist.
inline Result<Merchant> staff_merchant(CatalogModuleImpl& m, const http::Request& r,
                                       identity::MerchantLevel min) {
  auto merchant = m.service().merchant(merchant_param(r));
  if (!merchant) return std::unexpected(merchant.error());
  auto allowed =
      m.directory().require_merchant_staff(*r.principal, merchant->staff_merchant_id(), min);
  if (!allowed) return std::unexpected(allowed.error());
  return merchant;
}

// Audits a staff or admin write in its transaction: the caller is the actor, the merchant (by
// id and name at the time) the target, the change's summary the detail.
inline Recorder audited(CatalogModuleImpl& m, const http::Request& r) {
  return [&m, &r](store::Transaction& tx, const Merchant& merchant, const AuditNote& note) {
    return m.directory().append_audit(
        tx, r, {note.action, "merchant", merchant.id, merchant.profile.name, note.summary});
  };
}

// Active merchants are public; a suspended one only to its staff and admins (404 to others).
inline bool visible(CatalogModuleImpl& m, http::Request& r, const Merchant& merchant) {
  if (merchant.active()) return true;
  const auto caller = m.authenticator().optional(r);
  if (!caller) return false;
  return m.directory()
      .require_merchant_staff(*caller, merchant.staff_merchant_id(), identity::MerchantLevel::staff)
      .has_value();
}

inline Status not_visible() { return fail(ErrorCode::not_found, "no such merchant"); }

// Reads the JSON object body, or answers the problem.
inline Result<boost::json::object> body_of(const http::Request& r) { return json::parse_object(r); }

}  // namespace reskflow::catalog
