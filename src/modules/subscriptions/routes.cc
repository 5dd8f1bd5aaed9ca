// HTTP binding of subscriptions: plans on sale for everyone, plans for admins, and the
// customer's own subscription (subscribe, read, change the card, cancel at the period's end,
// resume).
#include <boost/json.hpp>

#include "module.h"
#include "reskflow/core/json_body.h"
#include "reskflow/identity/identity.h"
#include "reskflow/modules/page.h"
#include "reskflow/modules/routes.h"
#include "reskflow/modules/utc_time.h"
#include "reskflow/modules/uuid_text.h"

namespace reskflow::subscriptions {
namespace {

using modules::error_response;

constexpr json::IntegerRule amount_rule{true, 0, 1'000'000'000};
constexpr json::IntegerRule fee_rule{true, 0, 10'000};

http::Route route(http::Method method, std::string pattern, http::Access access,
                  http::Handler handler) {
  return modules::worker_route("subscriptions", method, std::move(pattern), std::move(access),
                               std::move(handler));
}

boost::json::value time_json(const std::optional<std::int64_t>& at_us) {
  return at_us ? boost::json::value(modules::iso_utc(*at_us)) : boost::json::value(nullptr);
}

boost::json::object plan_json(const Plan& p) {
  return {{"id", p.id},
          {"name", p.name},
          {"price_minor", p.price.amount_minor},
          {"currency", p.price.currency},
          {"free_delivery_threshold_minor", p.free_delivery_threshold.amount_minor},
          {"service_fee_bp", p.service_fee_bp},
          {"active", p.active}};
}

boost::json::object subscription_json(const Subscription& s) {
  const bool live = s.status == status_active || s.status == status_past_due;
  // The next charge: the renewal when it renews, nothing once it is set to end.
  const auto next_billing = live && !s.cancel_at_period_end
                                ? std::optional<std::int64_t>(s.next_renewal_at_us)
                                : std::nullopt;
  return {{"id", s.id},
          {"plan", plan_json(s.plan)},
          {"status", s.status},
          {"started_at", modules::iso_utc(s.anchor_at_us)},
          {"current_period",
           {{"number", s.period_number + 1},
            {"start", modules::iso_utc(s.period_start_us)},
            {"end", modules::iso_utc(s.period_end_us)}}},
          {"cancel_at_period_end", s.cancel_at_period_end},
          {"next_billing_at", time_json(next_billing)},
          {"renewal_failures", s.renewal_failures},
          {"ended_at", time_json(s.ended_at_us)},
          {"ended_reason", s.ended_reason.empty() ? boost::json::value(nullptr)
                                                  : boost::json::value(s.ended_reason)}};
}

http::Response render(const http::Request& request, const Result<Subscription>& s,
                      int status = 200) {
  if (!s) return error_response(request, s.error());
  return modules::no_store(http::json(status, subscription_json(*s)));
}

http::Response plans_response(const http::Request& request,
                              const Result<std::vector<Plan>>& plans) {
  if (!plans) return error_response(request, plans.error());
  boost::json::array data;
  for (const auto& p : *plans) data.push_back(plan_json(p));
  return http::json(200, {{"data", std::move(data)}});
}

http::Response create_plan(Service& service, http::Request& request) {
  auto body = json::parse_object(request);
  if (!body) return error_response(request, body.error());
  json::ObjectReader in(*body);
  NewPlan plan;
  plan.name = in.string("name", {true, 1, 100}).value_or("");
  plan.price = {in.integer("price_minor", {true, 1, 1'000'000'000}).value_or(0),
                in.string("currency", {true, 3, 3}).value_or("")};
  plan.free_delivery_threshold = {
      in.integer("free_delivery_threshold_minor", amount_rule).value_or(0), plan.price.currency};
  plan.service_fee_bp = in.integer("service_fee_bp", fee_rule).value_or(0);
  plan.active = in.boolean("active", false).value_or(true);
  if (auto ok = in.finish(); !ok) return error_response(request, ok.error());
  auto created = service.create_plan(plan);
  if (!created) return error_response(request, created.error());
  auto out = modules::no_store(http::json(201, plan_json(*created)));
  out.set_header("Location", "/v1/admin/subscription-plans/" + created->id);
  return out;
}

http::Response update_plan(Service& service, http::Request& request) {
  auto body = json::parse_object(request);
  if (!body) return error_response(request, body.error());
  json::ObjectReader in(*body);
  PlanChange change;
  change.name = in.string("name", {false, 1, 100});
  change.price_minor = in.integer("price_minor", {false, 1, 1'000'000'000});
  change.free_delivery_threshold_minor =
      in.integer("free_delivery_threshold_minor", {false, 0, 1'000'000'000});
  change.service_fee_bp = in.integer("service_fee_bp", {false, 0, 10'000});
  change.active = in.boolean("active", false);
  if (auto ok = in.finish(); !ok) return error_response(request, ok.error());
  auto updated = service.update_plan(request.param("plan_id").value_or(""), change);
  if (!updated) return error_response(request, updated.error());
  return modules::no_store(http::json(200, plan_json(*updated)));
}

// GET /v1/admin/subscriptions?status=&plan_id=&cursor=&limit=, newest first.
http::Response list(Service& service, http::Request& request) {
  auto page = modules::page_request(request);
  if (!page) return error_response(request, page.error());
  const SubscriptionFilter filter{std::string(request.query_param("status").value_or("")),
                                  std::string(request.query_param("plan_id").value_or(""))};
  if (page->cursor && !modules::uuid_shaped(*page->cursor))
    return error_response(request, fail(ErrorCode::validation_failed, "unknown cursor",
                                        {{"cursor", "must be a next_cursor of this list"}})
                                       .error());
  if (!filter.plan_id.empty() && !modules::uuid_shaped(filter.plan_id))
    return error_response(request, fail(ErrorCode::validation_failed, "unknown plan",
                                        {{"plan_id", "must be the id of a plan"}})
                                       .error());
  auto found = service.list(filter, *page);
  if (!found) return error_response(request, found.error());
  boost::json::array data;
  for (const auto& s : found->items) {
    auto item = subscription_json(s);
    item["customer_id"] = s.customer_id;
    data.push_back(std::move(item));
  }
  return modules::no_store(
      http::json(200, {{"data", std::move(data)},
                       {"has_more", found->next_cursor.has_value()},
                       {"next_cursor", modules::cursor_json(found->next_cursor)}}));
}

// A request that may charge the card must carry an Idempotency-Key, so that a retry reaches
// the first answer instead of charging again.
std::optional<http::Response> without_key(const http::Request& request, std::string_view what) {
  if (request.header("Idempotency-Key")) return std::nullopt;
  return error_response(
      request, Error{ErrorCode::bad_request,
                     std::string(what) + " charges your card: send an Idempotency-Key header "
                                         "so that a retry cannot charge twice",
                     {},
                     {}});
}

// POST /v1/me/subscription charges the first month.
http::Response subscribe(Service& service, http::Request& request) {
  if (auto refused = without_key(request, "subscribing")) return std::move(*refused);
  auto body = json::parse_object(request);
  if (!body) return error_response(request, body.error());
  json::ObjectReader in(*body);
  const auto plan_id = in.string("plan_id", {true, 1, 100}).value_or("");
  const auto method = in.string("payment_method", {true, 1, 100}).value_or("");
  if (auto ok = in.finish(); !ok) return error_response(request, ok.error());
  auto out = render(request, service.subscribe(request.principal->subject, plan_id, method), 201);
  if (out.status == 201) out.set_header("Location", "/v1/me/subscription");
  return out;
}

// PUT /v1/me/subscription/payment-method charges the new card at once while a renewal is unpaid.
http::Response change_card(Service& service, http::Request& request) {
  if (auto refused = without_key(request, "changing the card of an unpaid membership"))
    return std::move(*refused);
  auto body = json::parse_object(request);
  if (!body) return error_response(request, body.error());
  json::ObjectReader in(*body);
  const auto method = in.string("payment_method", {true, 1, 100}).value_or("");
  if (auto ok = in.finish(); !ok) return error_response(request, ok.error());
  return render(request, service.change_payment_method(request.principal->subject, method));
}

}  // namespace

std::vector<http::Route> subscription_routes(Service& service) {
  using http::Access;
  using http::Method;
  const std::vector<std::string> admins{std::string(identity::role_admin)};
  const std::vector<std::string> customers{std::string(identity::role_customer)};
  return {
      route(Method::get, "/v1/subscription-plans", Access::anyone(),
            [&service](http::Request& r) { return plans_response(r, service.plans(false)); }),
      route(Method::get, "/v1/admin/subscriptions", Access::roles_in(admins),
            [&service](http::Request& r) { return list(service, r); }),
      route(Method::get, "/v1/admin/subscription-plans", Access::roles_in(admins),
            [&service](http::Request& r) {
              return modules::no_store(plans_response(r, service.plans(true)));
            }),
      http::idempotent(route(Method::post, "/v1/admin/subscription-plans", Access::roles_in(admins),
                             [&service](http::Request& r) { return create_plan(service, r); })),
      route(Method::patch, "/v1/admin/subscription-plans/{plan_id}", Access::roles_in(admins),
            [&service](http::Request& r) { return update_plan(service, r); }),
      route(Method::get, "/v1/me/subscription", Access::roles_in(customers, "self"),
            [&service](http::Request& r) { return render(r, service.mine(r.principal->subject)); }),
      http::idempotent(route(Method::post, "/v1/me/subscription",
                             Access::roles_in(customers, "self"),
                             [&service](http::Request& r) { return subscribe(service, r); })),
      route(
          Method::delete_, "/v1/me/subscription", Access::roles_in(customers, "self"),
          [&service](http::Request& r) { return render(r, service.cancel(r.principal->subject)); }),
      http::idempotent(route(Method::put, "/v1/me/subscription/payment-method",
                             Access::roles_in(customers, "self"),
                             [&service](http::Request& r) { return change_card(service, r); })),
      route(
          Method::post, "/v1/me/subscription/resume", Access::roles_in(customers, "self"),
          [&service](http::Request& r) { return render(r, service.resume(r.principal->subject)); }),
  };
}

}  // namespace reskflow::subscriptions
