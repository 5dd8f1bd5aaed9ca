// HTTP binding of discovery: GET /v1/merchants (listing near a point) and GET /v1/search, for
// anyone, on the worker pool (they read the database).
#include <boost/json.hpp>

#include "module.h"
#include "query_params.h"
#include "reskflow/modules/utc_time.h"
#include "reskflow/store/uuid.h"
#include "text.h"

namespace reskflow::discovery {
namespace {

constexpr std::size_t query_bytes_max = query_chars_max * 4;  // UTF-8
constexpr std::size_t cursor_bytes_max = 1000;
constexpr std::size_t cuisines_max = 20;
constexpr std::size_t cuisine_chars_max = 40;
constexpr std::int64_t delivery_minutes_max = std::int64_t{24} * 60;

const std::vector<std::string>& dietary_tags() {
  static const std::vector<std::string> tags{"vegetarian", "vegan",  "gluten_free", "dairy_free",
                                             "halal",      "kosher", "nut_free",    "spicy"};
  return tags;
}

bool plausible_cuisine(const std::string& c) {
  return !c.empty() && c.size() <= cuisine_chars_max &&
         std::all_of(c.begin(), c.end(), [](char ch) {
           return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_';
         });
}

boost::json::value optional_json(const std::optional<std::string>& s) {
  return s ? boost::json::value(*s) : boost::json::value(nullptr);
}

boost::json::value optional_json(const std::optional<std::int64_t>& n) {
  return n ? boost::json::value(*n) : boost::json::value(nullptr);
}

boost::json::object card_json(const MerchantCard& c) {
  boost::json::array cuisines;
  for (const auto& cuisine : c.cuisines) cuisines.emplace_back(cuisine);
  boost::json::value rating = nullptr;
  if (c.rating)
    rating = boost::json::object{{"average", c.rating->average}, {"count", c.rating->count}};
  return {{"id", c.id},
          {"name", c.name},
          {"slug", c.slug},
          {"cuisines", std::move(cuisines)},
          {"price_level", c.price_level},
          {"photo_url", optional_json(c.photo_url)},
          {"rating", std::move(rating)},
          {"distance_m", optional_json(c.distance_m)},
          {"delivery_minutes", optional_json(c.delivery_minutes)},
          {"open_now", c.open_now},
          {"paused_until",
           c.paused_until_us ? boost::json::value(modules::iso_utc(*c.paused_until_us)) : nullptr},
          {"minimum_order_minor", c.minimum_order.amount_minor},
          {"currency", c.minimum_order.currency},
          {"kitchen_id", optional_json(c.kitchen_id)}};
}

boost::json::object item_json(const ItemHit& i) {
  boost::json::array dietary;
  for (const auto& d : i.dietary) dietary.emplace_back(d);
  return {{"item_id", i.item_id},
          {"merchant_id", i.merchant_id},
          {"merchant_name", i.merchant_name},
          {"name", i.name},
          {"description", optional_json(i.description)},
          {"price_minor", i.price.amount_minor},
          {"currency", i.price.currency},
          {"dietary", std::move(dietary)},
          {"photo_url", optional_json(i.photo_url)},
          {"score", i.score}};
}

http::Response answer(const boost::json::value& body) {
  auto response = http::json(200, body);
  // A shared cache (CDN, proxy) may keep an answer 30 s; a browser asks again every time, so a
  // customer who reloads sees a merchant's new zone, pause or hours as soon as they are indexed.
  response.set_header("Cache-Control", "public, max-age=0, s-maxage=30");
  return response;
}

std::optional<Sort> sort_of(const std::optional<std::string>& name) {
  if (name == "relevance") return Sort::relevance;
  if (name == "rating") return Sort::rating;
  if (name == "delivery_time") return Sort::delivery_time;
  if (name == "distance") return Sort::distance;
  return std::nullopt;
}

void read_filters(QueryParams& in, ListingQuery& q) {
  q.cuisines = in.list("cuisine", cuisines_max);
  for (const auto& c : q.cuisines) {
    if (!plausible_cuisine(c)) in.add_error("cuisine", "'" + c + "' is not a cuisine name");
  }
  q.dietary = in.list("dietary", dietary_tags().size());
  for (const auto& d : q.dietary) {
    if (std::find(dietary_tags().begin(), dietary_tags().end(), d) == dietary_tags().end())
      in.add_error("dietary", "'" + d + "' is not a dietary tag");
  }
  for (const auto& p : in.list("price", 4)) {
    if (p.size() == 1 && p[0] >= '1' && p[0] <= '4') {
      q.price_levels.push_back(p[0] - '0');
    } else {
      in.add_error("price", "must be price levels from 1 to 4");
    }
  }
  q.open_now = in.boolean("open_now").value_or(false);
  q.max_delivery_minutes = in.integer("max_delivery_minutes", 1, delivery_minutes_max);
  q.min_rating = in.number("min_rating", 0, 5, false);
}

http::Response list_merchants(const http::Request& request, Discovery& discovery) {
  QueryParams in(request);
  ListingQuery q;
  const auto lat = in.number("lat", -90, 90, true);
  const auto lng = in.number("lng", -180, 180, true);
  q.q = in.text("q", query_bytes_max).value_or("");
  read_filters(in, q);
  q.sort = sort_of(in.one_of("sort", {"relevance", "distance", "rating", "delivery_time"}));
  q.cursor = in.text("cursor", cursor_bytes_max).value_or("");
  q.limit = static_cast<std::size_t>(
      in.integer("limit", 1, page_merchants_max).value_or(page_merchants_default));
  if (auto ok = in.finish(); !ok)
    return http::problem(ok.error(), request.request_id, request.path);
  q.at = {*lat, *lng};
  auto page = discovery.list_merchants(q, store::unix_now_us());
  if (!page) return http::problem(page.error(), request.request_id, request.path);
  boost::json::array data;
  for (const auto& card : page->data) data.push_back(card_json(card));
  return answer({{"data", std::move(data)},
                 {"has_more", page->has_more},
                 {"next_cursor", page->has_more ? boost::json::value(page->next_cursor)
                                                : boost::json::value(nullptr)}});
}

http::Response search(const http::Request& request, Discovery& discovery) {
  QueryParams in(request);
  SearchQuery q;
  const auto text = in.text("q", query_bytes_max);
  if (!text) in.add_error("q", "is required");
  const auto lat = in.number("lat", -90, 90, false);
  const auto lng = in.number("lng", -180, 180, false);
  if (lat.has_value() != lng.has_value())
    in.add_error(lat ? "lng" : "lat", "lat and lng go together");
  q.limit = static_cast<std::size_t>(
      in.integer("limit", 1, search_results_max).value_or(search_results_default));
  if (auto ok = in.finish(); !ok)
    return http::problem(ok.error(), request.request_id, request.path);
  q.q = *text;
  if (lat && lng) q.at = geo::Point{*lat, *lng};
  auto results = discovery.search(q, store::unix_now_us());
  if (!results) return http::problem(results.error(), request.request_id, request.path);
  boost::json::array merchants;
  for (const auto& card : results->merchants) {
    auto json = card_json(card);
    json["score"] = card.score;
    merchants.push_back(std::move(json));
  }
  boost::json::array items;
  for (const auto& item : results->items) items.push_back(item_json(item));
  return answer({{"merchants", std::move(merchants)}, {"items", std::move(items)}});
}

}  // namespace

Status add_discovery_routes(http::Router& router, Discovery& discovery) {
  std::vector<http::Route> routes{
      {http::Method::get, "/v1/merchants", "discovery", http::Execution::worker,
       http::Access::anyone(),
       [&discovery](http::Request& r) { return list_merchants(r, discovery); }},
      {http::Method::get, "/v1/search", "discovery", http::Execution::worker,
       http::Access::anyone(), [&discovery](http::Request& r) { return search(r, discovery); }},
  };
  return router.add_all(std::move(routes));
}

}  // namespace reskflow::discovery
