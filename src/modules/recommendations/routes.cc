// HTTP binding of recommendations: a customer's "order again", "popular near you" at a point
// (anyone), and the items "often ordered together" with a menu item (anyone).
#include <boost/json.hpp>

#include <charconv>
#include <cmath>

#include "module.h"
#include "reskflow/identity/identity.h"
#include "reskflow/modules/routes.h"
#include "reskflow/modules/utc_time.h"
#include "shelf.h"

namespace reskflow::recommendations {
namespace {

using modules::error_response;
using modules::no_store;

http::Route route(http::Method method, std::string pattern, http::Access access,
                  http::Handler handler) {
  return modules::worker_route("recommendations", method, std::move(pattern), std::move(access),
                               std::move(handler));
}

// A 422 naming the query parameter, with the same words as its field error ("lat is required").
std::unexpected<Error> invalid(std::string_view name, const std::string& message) {
  return fail(ErrorCode::validation_failed, std::string(name) + " " + message,
              {{std::string(name), message}});
}

// A query parameter as a number within [min, max] (`range` says it to the user); `fallback` when
// absent (nullopt: required).
Result<double> number_param(const http::Request& request, std::string_view name, double min,
                            double max, std::string_view range, std::optional<double> fallback) {
  const auto text = request.query_param(name);
  if (!text) {
    if (fallback) return *fallback;
    return invalid(name, "is required");
  }
  double value = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc{} || end != text->data() + text->size() || !std::isfinite(value) ||
      value < min || value > max) {
    return invalid(name, "must be a number from " + std::string(range));
  }
  return value;
}

Result<std::int64_t> limit_param(const http::Request& request) {
  const auto range = "1 to " + std::to_string(answer_items_max);
  RF_TRY(limit, number_param(request, "limit", 1, answer_items_max, range,
                             static_cast<double>(answer_items_default)));
  if (*limit != std::floor(*limit)) return invalid("limit", "must be an integer from " + range);
  return static_cast<std::int64_t>(*limit);
}

boost::json::object item_json(const Recommendation& r) {
  boost::json::object o{{"item_id", r.candidate.item_id},
                        {"name", r.name},
                        {"merchant_id", r.candidate.merchant_id},
                        {"merchant_name", r.merchant_name},
                        {"merchant_slug", r.merchant_slug},
                        {"price_minor", nullptr},
                        {"currency", nullptr}};
  if (r.price) {
    o["price_minor"] = r.price->amount_minor;
    o["currency"] = r.price->currency;
  }
  return o;
}

// "order again" also says how often and when the customer last had it.
boost::json::object history_json(boost::json::object o, const Recommendation& r) {
  o["orders"] = r.candidate.orders;
  o["last_ordered_at"] = modules::iso_utc(r.candidate.last_ordered_at_us);
  return o;
}

boost::json::object merchant_json(const Recommendation& r) {
  return history_json({{"merchant_id", r.candidate.merchant_id},
                       {"name", r.merchant_name},
                       {"slug", r.merchant_slug}},
                      r);
}

http::Response items_response(const std::vector<Recommendation>& items) {
  boost::json::array data;
  for (const auto& r : items) data.push_back(item_json(r));
  return no_store(http::json(200, {{"items", std::move(data)}}));
}

http::Response order_again(Service& service, catalog::Catalog& catalog,
                           RecommendationsMetrics& metrics, http::Request& request) {
  auto limit = limit_param(request);
  if (!limit) return error_response(request, limit.error());
  const auto& customer_id = request.principal->subject;
  auto items = service.order_again_items(customer_id);
  if (!items) return error_response(request, items.error());
  auto merchants = service.order_again_merchants(customer_id);
  if (!merchants) return error_response(request, merchants.error());
  Shelf shelf(catalog, metrics, service.now_us());
  auto available_items = shelf.available(*items, *limit);
  if (!available_items) return error_response(request, available_items.error());
  auto available_merchants = shelf.available(*merchants, *limit);
  if (!available_merchants) return error_response(request, available_merchants.error());
  boost::json::array item_data;
  for (const auto& r : *available_items) item_data.push_back(history_json(item_json(r), r));
  boost::json::array merchant_data;
  for (const auto& r : *available_merchants) merchant_data.push_back(merchant_json(r));
  return no_store(
      http::json(200, {{"items", std::move(item_data)}, {"merchants", std::move(merchant_data)}}));
}

http::Response popular(Service& service, catalog::Catalog& catalog, RecommendationsMetrics& metrics,
                       http::Request& request) {
  auto lat = number_param(request, "lat", -90, 90, "-90 to 90", std::nullopt);
  if (!lat) return error_response(request, lat.error());
  auto lng = number_param(request, "lng", -180, 180, "-180 to 180", std::nullopt);
  if (!lng) return error_response(request, lng.error());
  auto limit = limit_param(request);
  if (!limit) return error_response(request, limit.error());
  const modules::geo::Point at{*lat, *lng};
  auto candidates = service.popular_near(at);
  if (!candidates) return error_response(request, candidates.error());
  Shelf shelf(catalog, metrics, service.now_us(), at);
  auto items = shelf.available(*candidates, *limit);
  if (!items) return error_response(request, items.error());
  return items_response(*items);
}

// 404 when the merchant or the item is not in the catalog, as the menu would answer.
http::Response ordered_with(Service& service, catalog::Catalog& catalog,
                            RecommendationsMetrics& metrics, http::Request& request) {
  const std::string merchant_id(request.param("merchant_id").value_or(""));
  const std::string item_id(request.param("item_id").value_or(""));
  auto limit = limit_param(request);
  if (!limit) return error_response(request, limit.error());
  auto handling = catalog.item_handling(merchant_id, {item_id});
  if (!handling) return error_response(request, handling.error());
  if (handling->empty())
    return error_response(request, Error{ErrorCode::not_found, "no such item on this menu"});
  auto candidates = service.ordered_with(merchant_id, item_id);
  if (!candidates) return error_response(request, candidates.error());
  Shelf shelf(catalog, metrics, service.now_us());
  auto items = shelf.available(*candidates, *limit);
  if (!items) return error_response(request, items.error());
  return items_response(*items);
}

}  // namespace

std::vector<http::Route> recommendation_routes(Service& service, catalog::Catalog& catalog,
                                               RecommendationsMetrics& metrics) {
  using http::Access;
  using http::Method;
  const std::vector<std::string> customers{std::string(identity::role_customer)};
  return {
      route(Method::get, "/v1/me/recommendations/order-again", Access::roles_in(customers, "self"),
            [&service, &catalog, &metrics](http::Request& r) {
              return order_again(service, catalog, metrics, r);
            }),
      route(Method::get, "/v1/recommendations/popular", Access::anyone(),
            [&service, &catalog, &metrics](http::Request& r) {
              return popular(service, catalog, metrics, r);
            }),
      route(Method::get, "/v1/merchants/{merchant_id}/menu/items/{item_id}/often-ordered-with",
            Access::anyone(),
            [&service, &catalog, &metrics](http::Request& r) {
              return ordered_with(service, catalog, metrics, r);
            }),
  };
}

}  // namespace reskflow::recommendations
