// HTTP binding of the administrators' merchant routes: search, suspend (with a reason) and
// reinstate; both decisions are counted and audited in identity's log with the change.
#include <algorithm>
#include <iterator>

#include "render.h"
#include "reskflow/modules/page.h"
#include "routes_common.h"
#include "text.h"

namespace reskflow::catalog {
namespace {

// Reads q, status, cursor and limit; field errors name the bad parameter.
Result<repository::MerchantFilter> read_filter(const http::Request& r) {
  repository::MerchantFilter f;
  std::vector<FieldError> errors;
  const auto q = r.query_param("q").value_or("");
  if (q.size() > name_chars_max) errors.push_back({"q", "must be at most 120 characters"});
  f.name_folded = fold(q);
  f.status = std::string(r.query_param("status").value_or(""));
  if (!f.status.empty() && f.status != status_active && f.status != status_suspended)
    errors.push_back({"status", "must be active or suspended"});
  if (auto page = modules::page_request(r)) {
    f.after_id = page->cursor.value_or("");
    f.limit = page->limit;
  } else {
    std::ranges::move(page.error().fields, std::back_inserter(errors));
  }
  if (!errors.empty())
    return fail(ErrorCode::validation_failed, "some parameters are invalid", std::move(errors));
  return f;
}

http::Response search(CatalogModuleImpl& m, http::Request& r) {
  auto filter = read_filter(r);
  if (!filter) return error_response(r, filter.error());
  auto page = *filter;
  page.limit += 1;  // one more tells whether there is a next page
  auto found = m.service().search(page);
  if (!found) return error_response(r, found.error());
  const bool more = static_cast<std::int64_t>(found->size()) > filter->limit;
  if (more) found->pop_back();
  boost::json::array data;
  const auto now = m.service().now();
  for (const auto& merchant : *found) data.push_back(merchant_document(merchant, now));
  boost::json::value cursor = nullptr;
  if (more && !found->empty()) cursor = found->back().id;
  return http::json(200, {{"data", std::move(data)}, {"has_more", more}, {"next_cursor", cursor}});
}

// Suspension needs the admin's reason, kept in the audit row; reinstatement takes no body.
http::Response set_status(CatalogModuleImpl& m, http::Request& r, std::string_view status) {
  std::string reason;
  const bool suspend = status == status_suspended;
  if (suspend) {
    auto body = body_of(r);
    if (!body) return error_response(r, body.error());
    auto read = read_suspension(*body);
    if (!read) return error_response(r, read.error());
    reason = std::move(*read);
  }
  auto merchant = m.service().set_status(merchant_param(r), status, reason, audited(m, r));
  if (!merchant) return error_response(r, merchant.error());
  (suspend ? m.metrics().suspensions : m.metrics().reinstatements).inc();
  auto response = http::json(200, merchant_document(*merchant, m.service().now()));
  response.set_header("Cache-Control", "no-store");
  return response;
}

}  // namespace

Status add_admin_routes(http::Router& router, CatalogModuleImpl& m) {
  using http::Method;
  const auto admins = http::Access::roles_in({std::string(identity::role_admin)});
  return router.add_all(
      {route(Method::get, "/v1/admin/merchants", admins,
             [&m](http::Request& r) { return search(m, r); }),
       route(Method::post, "/v1/admin/merchants/{merchant_id}/suspend", admins,
             [&m](http::Request& r) { return set_status(m, r, status_suspended); }),
       route(Method::post, "/v1/admin/merchants/{merchant_id}/reinstate", admins,
             [&m](http::Request& r) { return set_status(m, r, status_active); })});
}

}  // namespace reskflow::catalog
