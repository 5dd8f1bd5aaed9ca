// HTTP binding of promotions: a merchant's managers and owners run its campaigns under
// /v1/merchants/{merchant_id}/promotions, admins the platform's under /v1/admin/promotions: list,
// create (idempotent), read, pause, resume, end; each with its redemptions and budget spent.
#include <boost/json.hpp>

#include "module.h"
#include "reskflow/core/json_body.h"
#include "reskflow/modules/utc_time.h"
#include "routes_common.h"

namespace reskflow::promotions {
namespace {

boost::json::value optional_json(const std::optional<std::int64_t>& v) {
  return v ? boost::json::value(*v) : boost::json::value(nullptr);
}

boost::json::value text_or_null(const std::string& s) {
  return s.empty() ? boost::json::value(nullptr) : boost::json::value(s);
}

// validation_failed when the budget and what was spent are not amounts of one currency.
Result<boost::json::object> promotion_json(const Promotion& p) {
  boost::json::array merchants;
  for (const auto& m : p.merchant_ids) merchants.emplace_back(m);
  std::optional<std::int64_t> budget;
  std::optional<std::int64_t> left;
  if (p.budget) {
    budget = p.budget->amount_minor;
    // spent never passes the budget (one conditional UPDATE takes from it).
    RF_TRY(rest, modules::subtract(*p.budget, p.spent));
    left = rest->amount_minor;
  }
  return boost::json::object{
      {"id", p.id},
      {"name", p.name},
      {"code", text_or_null(p.code)},
      {"kind", p.kind},
      {"percent", p.percent},
      {"amount_minor", p.amount.amount_minor},
      {"currency", p.amount.currency},
      {"funder", p.merchant_id.empty() ? "platform" : "merchant"},
      {"merchant_id", text_or_null(p.merchant_id)},
      {"merchant_ids", std::move(merchants)},
      {"first_order_only", p.first_order_only},
      {"minimum_basket_minor", p.minimum_basket.amount_minor},
      {"starts_at", modules::iso_utc(p.starts_at_us)},
      {"ends_at", p.ends_at_us ? boost::json::value(modules::iso_utc(*p.ends_at_us))
                               : boost::json::value(nullptr)},
      {"per_user_limit", optional_json(p.per_user_limit)},
      {"budget_minor", optional_json(budget)},
      {"redemptions_max", optional_json(p.redemptions_max)},
      {"redemptions", p.redemptions},
      {"spent_minor", p.spent.amount_minor},
      {"budget_left_minor", optional_json(left)},
      {"status", p.status},
      {"created_at", modules::iso_utc(p.created_at_us)}};
}

std::optional<std::int64_t> read_time(json::ObjectReader& in, std::string_view key) {
  auto text = in.string(key, {false, 1, 40});
  if (!text) return std::nullopt;
  auto at = modules::parse_iso_utc(*text);
  if (!at) in.add_error(key, "must be an ISO 8601 UTC time such as 2026-12-01T00:00:00Z");
  return at;
}

std::vector<std::string> read_merchants(json::ObjectReader& in, bool platform) {
  std::vector<std::string> out;
  const auto* list = in.array("merchant_ids", 1000, false);
  if (list == nullptr) return out;
  if (!platform) in.add_error("merchant_ids", "are only for the platform's campaigns");
  for (const auto& v : *list) {
    if (!v.is_string() || v.as_string().empty() || v.as_string().size() > 100)
      in.add_error("merchant_ids", "must be merchant ids");
    else
      out.emplace_back(v.as_string());
  }
  return out;
}

Result<Promotion> read_draft(const boost::json::object& body, const std::string& merchant_id,
                             std::int64_t now_us) {
  json::ObjectReader in(body);
  Promotion p;
  p.merchant_id = merchant_id;
  p.name = in.string("name", {true, 1, name_chars_max}).value_or("");
  p.code = in.string("code", {false, 1, code_chars_max}).value_or("");
  p.kind = in.one_of("kind", {std::string(kind_percentage), std::string(kind_fixed_amount),
                              std::string(kind_free_delivery)})
               .value_or("");
  p.percent = in.integer("percent", {false, 0, 100}).value_or(0);
  const auto currency = in.string("currency", {true, 3, 3}).value_or("");
  if (!currency.empty() && !modules::valid_currency(currency))
    in.add_error("currency", "must be an ISO 4217 code such as EUR");
  p.amount = {in.integer("amount_minor", {false, 0, 100'000'000}).value_or(0), currency};
  p.first_order_only = in.boolean("first_order_only", false).value_or(false);
  p.minimum_basket = {in.integer("minimum_basket_minor", {false, 0, 100'000'000}).value_or(0),
                      currency};
  p.starts_at_us = read_time(in, "starts_at").value_or(now_us);
  p.ends_at_us = read_time(in, "ends_at");
  p.per_user_limit = in.integer("per_user_limit", {false, 1, 1000});
  if (const auto budget = in.integer("budget_minor", {false, 1, 1'000'000'000'000}))
    p.budget = modules::Money{*budget, currency};
  p.redemptions_max = in.integer("redemptions_max", {false, 1, 100'000'000});
  p.merchant_ids = read_merchants(in, merchant_id.empty());
  if (auto ok = in.finish(); !ok) return std::unexpected(ok.error());
  return p;
}

http::Response page_json(const http::Request& request, const PromotionPage& page) {
  boost::json::array data;
  for (const auto& p : page.promotions) {
    auto rendered = promotion_json(p);
    if (!rendered) return error_response(request, rendered.error());
    data.emplace_back(std::move(*rendered));
  }
  return no_store(http::json(200, {{"data", std::move(data)},
                                   {"has_more", page.next_cursor.has_value()},
                                   {"next_cursor", cursor_json(page.next_cursor)}}));
}

// The promotion as JSON with `status`, or the problem that kept it from being rendered.
http::Response promotion_response(const http::Request& request, int status, const Promotion& p) {
  auto body = promotion_json(p);
  if (!body) return error_response(request, body.error());
  return no_store(http::json(status, std::move(*body)));
}

// The merchant the path names, once the caller is its manager or owner; "" for admin routes.
Result<std::string> owner_of(identity::Directory& directory, const http::Request& request) {
  auto merchant_id = param(request, "merchant_id");
  if (merchant_id.empty()) return merchant_id;
  RF_TRY(staff, directory.require_merchant_staff(*request.principal, merchant_id,
                                                 identity::MerchantLevel::manager));
  return merchant_id;
}

http::Response list(Service& service, identity::Directory& directory, http::Request& request) {
  auto owner = owner_of(directory, request);
  if (!owner) return error_response(request, owner.error());
  auto page = modules::page_request(request);
  if (!page) return error_response(request, page.error());
  auto found = service.list(*owner, *page);
  if (!found) return error_response(request, found.error());
  return page_json(request, *found);
}

http::Response create(Service& service, identity::Directory& directory, modules::Clock& clock,
                      http::Request& request) {
  auto owner = owner_of(directory, request);
  if (!owner) return error_response(request, owner.error());
  auto body = json::parse_object(request);
  if (!body) return error_response(request, body.error());
  auto draft = read_draft(*body, *owner, clock());
  if (!draft) return error_response(request, draft.error());
  auto created = service.create(request.principal->subject, std::move(*draft));
  if (!created) return error_response(request, created.error());
  auto response = promotion_response(request, 201, *created);
  const auto base = owner->empty() ? std::string("/v1/admin") : "/v1/merchants/" + *owner;
  response.set_header("Location", base + "/promotions/" + created->id);
  return response;
}

http::Response one(Service& service, identity::Directory& directory, http::Request& request) {
  auto owner = owner_of(directory, request);
  if (!owner) return error_response(request, owner.error());
  auto found = service.get(*owner, param(request, "promotion_id"));
  if (!found) return error_response(request, found.error());
  return promotion_response(request, 200, *found);
}

http::Response act(Service& service, identity::Directory& directory, StatusAction action,
                   http::Request& request) {
  auto owner = owner_of(directory, request);
  if (!owner) return error_response(request, owner.error());
  auto changed = service.change_status(*owner, param(request, "promotion_id"), action);
  if (!changed) return error_response(request, changed.error());
  return promotion_response(request, 200, *changed);
}

}  // namespace

std::vector<http::Route> promotion_routes(Service& service, identity::Directory& directory,
                                          modules::Clock& clock) {
  using http::Access;
  using http::Method;
  const auto admins = Access::roles_in({std::string(identity::role_admin)});
  const auto managers =
      Access::roles_in({std::string(identity::role_merchant), std::string(identity::role_admin)},
                       "merchant_managers");
  std::vector<http::Route> out;
  for (const auto& [base, access] :
       {std::pair{std::string("/v1/merchants/{merchant_id}/promotions"), managers},
        std::pair{std::string("/v1/admin/promotions"), admins}}) {
    out.push_back(route(Method::get, base, access, [&service, &directory](http::Request& r) {
      return list(service, directory, r);
    }));
    out.push_back(http::idempotent(
        route(Method::post, base, access, [&service, &directory, &clock](http::Request& r) {
          return create(service, directory, clock, r);
        })));
    out.push_back(
        route(Method::get, base + "/{promotion_id}", access,
              [&service, &directory](http::Request& r) { return one(service, directory, r); }));
    for (const auto& [verb, action] :
         {std::pair{"pause", StatusAction::pause}, std::pair{"resume", StatusAction::resume},
          std::pair{"end", StatusAction::end}}) {
      out.push_back(route(Method::post, base + "/{promotion_id}/" + verb, access,
                          [&service, &directory, action](http::Request& r) {
                            return act(service, directory, action, r);
                          }));
    }
  }
  return out;
}

}  // namespace reskflow::promotions
