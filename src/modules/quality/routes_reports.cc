// HTTP binding of problem reports: a customer reports and reads their reports; admins list the
// queue and resolve with or without a refund.
#include "module.h"
#include "reskflow/core/json_body.h"
#include "reskflow/modules/utc_time.h"
#include "routes_common.h"

namespace reskflow::quality {
namespace {

boost::json::object report_json(const Report& r) {
  boost::json::array lines;
  for (const auto& l : r.lines) lines.push_back({{"item_id", l.item_id}, {"quantity", l.quantity}});
  boost::json::object out{{"id", r.id},
                          {"order_id", r.order_id},
                          {"merchant_id", r.merchant_id},
                          {"kind", r.kind},
                          {"status", r.status},
                          {"lines", std::move(lines)},
                          {"comment", r.comment},
                          {"created_at", modules::iso_utc(r.created_at_us)},
                          {"resolution", nullptr}};
  if (r.resolution) {
    const auto& s = *r.resolution;
    out["resolution"] = {
        {"decision", s.decision},
        {"refund", {{"amount_minor", s.refund.amount_minor}, {"currency", s.refund.currency}}},
        {"reason", s.reason},
        {"resolved_at",
         s.resolved_at_us ? boost::json::value(modules::iso_utc(s.resolved_at_us)) : nullptr}};
  }
  return out;
}

http::Response page_json(const ReportPage& page) {
  boost::json::array data;
  for (const auto& r : page.reports) data.push_back(report_json(r));
  return no_store(http::json(200, {{"data", std::move(data)},
                                   {"has_more", page.next_cursor.has_value()},
                                   {"next_cursor", cursor_json(page.next_cursor)}}));
}

std::vector<ReportedLine> read_lines(json::ObjectReader& in) {
  std::vector<ReportedLine> out;
  const auto* lines = in.array("lines", report_lines_max, false);
  if (lines == nullptr) return out;
  for (std::size_t i = 0; i < lines->size(); ++i) {
    const auto prefix = "lines[" + std::to_string(i) + "]";
    if (!(*lines)[i].is_object()) {
      in.add_error(prefix, "must be an object");
      continue;
    }
    json::ObjectReader line((*lines)[i].as_object(), prefix);
    auto id = line.string("item_id", {true, 1, 100});
    auto quantity = line.integer("quantity", {true, 1, line_quantity_max});
    if (auto ok = line.finish(); !ok) {
      for (auto& f : ok.error().fields) in.add_error(f.field, std::move(f.message));
    } else {
      out.push_back({std::move(*id), *quantity});
    }
  }
  return out;
}

http::Response post_report(Service& service, http::Request& request) {
  auto body = json::parse_object(request);
  if (!body) return error_response(request, body.error());
  json::ObjectReader in(*body);
  NewReport report;
  report.kind = in.string("kind", {true, 1, 40}).value_or("");
  report.lines = read_lines(in);
  report.comment =
      in.string("comment", {false, 0, comment_chars_max, /*multiline=*/true}).value_or("");
  if (auto ok = in.finish(); !ok) return error_response(request, ok.error());
  const auto order_id = param(request, "order_id");
  auto opened = service.open_report(request.principal->subject, order_id, report);
  if (!opened) return error_response(request, opened.error());
  auto response = no_store(http::json(201, report_json(*opened)));
  response.set_header("Location", "/v1/orders/" + order_id + "/reports");
  return response;
}

http::Response order_reports(Service& service, http::Request& request) {
  auto found = service.order_reports(request.principal->subject, is_admin(request),
                                     param(request, "order_id"));
  if (!found) return error_response(request, found.error());
  boost::json::array data;
  for (const auto& r : *found) data.push_back(report_json(r));
  return no_store(http::json(200, {{"data", std::move(data)}}));
}

http::Response my_reports(Service& service, http::Request& request) {
  auto page = modules::page_request(request);
  if (!page) return error_response(request, page.error());
  auto found = service.customer_reports(request.principal->subject, *page);
  if (!found) return error_response(request, found.error());
  return page_json(*found);
}

http::Response admin_reports(Service& service, http::Request& request) {
  auto page = modules::page_request(request);
  if (!page) return error_response(request, page.error());
  const auto status = request.query_param("status").value_or(status_open);
  if (status != status_open && status != status_resolved)
    return error_response(request, Error{ErrorCode::validation_failed,
                                         "unknown report status",
                                         {{"status", "must be open or resolved"}}});
  auto found = service.admin_reports(status == status_resolved, *page);
  if (!found) return error_response(request, found.error());
  return page_json(*found);
}

// {"decision":"refund","amount_minor":500,"reason":"..."} or {"decision":"no_refund",...}.
http::Response resolve(Service& service, http::Request& request) {
  auto body = json::parse_object(request);
  if (!body) return error_response(request, body.error());
  json::ObjectReader in(*body);
  const auto decision =
      in.one_of("decision", {std::string(decision_refund), std::string(decision_no_refund)});
  Decision d;
  d.refund = decision == decision_refund;
  d.amount_minor = in.integer("amount_minor", {d.refund}).value_or(0);
  d.reason = in.string("reason", {!d.refund, 1, reason_chars_max, true}).value_or("");
  if (auto ok = in.finish(); !ok) return error_response(request, ok.error());
  if (!d.refund && body->contains("amount_minor"))
    return error_response(request, Error{ErrorCode::validation_failed,
                                         "no refund has no amount",
                                         {{"amount_minor", "must be absent without a refund"}}});
  auto resolved = service.resolve(param(request, "report_id"), request.principal->subject, d);
  if (!resolved) return error_response(request, resolved.error());
  return no_store(http::json(200, report_json(*resolved)));
}

http::Route bound(http::Method method, std::string pattern, http::Access access,
                  http::Response (*handler)(Service&, http::Request&), Service& service) {
  return route(method, std::move(pattern), std::move(access),
               [handler, &service](http::Request& r) { return handler(service, r); });
}

}  // namespace

std::vector<http::Route> report_routes(Service& service) {
  using http::Access;
  using http::Method;
  const auto customers = roles({identity::role_customer});
  const auto admins = roles({identity::role_admin});
  return {
      // Reports may lead to money: a retry with the same Idempotency-Key gets the first answer.
      http::idempotent(bound(Method::post, "/v1/orders/{order_id}/reports",
                             Access::roles_in(customers, "own_delivered_order"), post_report,
                             service)),
      bound(Method::get, "/v1/orders/{order_id}/reports",
            Access::roles_in(roles({identity::role_customer, identity::role_admin}),
                             "own_delivered_order"),
            order_reports, service),
      bound(Method::get, "/v1/me/reports", Access::roles_in(customers, "self"), my_reports,
            service),
      bound(Method::get, "/v1/admin/reports", Access::roles_in(admins), admin_reports, service),
      http::idempotent(bound(Method::post, "/v1/admin/reports/{report_id}/resolve",
                             Access::roles_in(admins), resolve, service)),
  };
}

}  // namespace reskflow::quality
