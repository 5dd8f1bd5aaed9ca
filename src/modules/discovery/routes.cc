// HTTP binding of discovery: GET /v1/merchants (listing near a point) and GET /v1/search, for
// anyone: on the I/O thread when the in-memory index is loaded and the query is small, else on
// the worker pool (a load reads the database).
#include <expected>

#include "card_text.h"
#include "module.h"
#include "query_params.h"
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

http::Response answer(std::string body) {
  http::Response response;
  response.content_type = "application/json";
  response.body = std::move(body);
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

// The listing's query, or the problem naming every bad parameter.
std::expected<ListingQuery, http::Response> listing_query(const http::Request& request) {
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
    return std::unexpected(http::problem(ok.error(), request.request_id, request.path));
  q.at = {*lat, *lng};
  return q;
}

std::expected<SearchQuery, http::Response> search_query(const http::Request& request) {
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
    return std::unexpected(http::problem(ok.error(), request.request_id, request.path));
  q.q = *text;
  if (lat && lng) q.at = geo::Point{*lat, *lng};
  return q;
}

template <class Found, class Render>
http::Response respond(const http::Request& request, const Result<Found>& found, Render render) {
  if (!found) return http::problem(found.error(), request.request_id, request.path);
  return answer(render(*found));
}

http::Response list_merchants(const http::Request& request, Service& discovery) {
  auto query = listing_query(request);
  if (!query) return std::move(query.error());
  return respond(request, discovery.find_merchants(*query, store::unix_now_us()), listing_text);
}

// On the I/O thread: answered there when the index is loaded and the query small, else nullopt
// (the worker runs list_merchants).
std::optional<http::Response> list_merchants_inline(const http::Request& request,
                                                    Service& discovery) {
  auto query = listing_query(request);
  if (!query) return std::move(query.error());
  auto found = discovery.find_merchants_inline(*query, store::unix_now_us());
  if (!found) return std::nullopt;
  return respond(request, *found, listing_text);
}

http::Response search(const http::Request& request, Service& discovery) {
  auto query = search_query(request);
  if (!query) return std::move(query.error());
  return respond(request, discovery.find(*query, store::unix_now_us()), search_text);
}

std::optional<http::Response> search_inline(const http::Request& request, Service& discovery) {
  auto query = search_query(request);
  if (!query) return std::move(query.error());
  auto found = discovery.find_inline(*query, store::unix_now_us());
  if (!found) return std::nullopt;
  return respond(request, *found, search_text);
}

}  // namespace

Status add_discovery_routes(http::Router& router, Service& discovery) {
  std::vector<http::Route> routes{
      {http::Method::get, "/v1/merchants", "discovery", http::Execution::worker,
       http::Access::anyone(),
       [&discovery](http::Request& r) { return list_merchants(r, discovery); },
       [&discovery](http::Request& r) { return list_merchants_inline(r, discovery); }},
      {http::Method::get, "/v1/search", "discovery", http::Execution::worker,
       http::Access::anyone(), [&discovery](http::Request& r) { return search(r, discovery); },
       [&discovery](http::Request& r) { return search_inline(r, discovery); }},
  };
  return router.add_all(std::move(routes));
}

}  // namespace reskflow::discovery
