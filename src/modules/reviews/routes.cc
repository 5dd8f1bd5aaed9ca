// HTTP binding of the reviews module: post and delete a review, a merchant's reviews with its
// rating summary, and the caller's orders awaiting a review.
#include <boost/json.hpp>

#include "module.h"
#include "reskflow/core/json_body.h"
#include "reskflow/identity/identity.h"
#include "reskflow/modules/page.h"
#include "reskflow/modules/routes.h"
#include "reskflow/modules/utc_time.h"
#include "reskflow/reviews/events.h"

namespace reskflow::reviews {
namespace {

using modules::cursor_json;
using modules::error_response;
using modules::no_content;
using modules::no_store;

boost::json::object review_json(const Review& r) {
  boost::json::array items;
  for (const auto& i : r.item_ratings)
    items.push_back({{"item_id", i.item_id}, {"rating", i.rating}});
  return {{"id", r.id},
          {"rating", r.rating},
          {"comment", r.comment},
          {"author_name", r.author_name},
          {"created_at", modules::iso_utc(r.created_at_us)},
          {"item_ratings", std::move(items)}};
}

boost::json::object summary_json(const RatingSummary& s) {
  boost::json::object distribution;
  for (std::size_t i = 0; i < s.stars.size(); ++i) distribution[std::to_string(i + 1)] = s.stars[i];
  return {{"average", s.average()}, {"count", s.count}, {"distribution", std::move(distribution)}};
}

std::vector<ItemRating> read_item_ratings(json::ObjectReader& in) {
  std::vector<ItemRating> out;
  const auto* items = in.array("item_ratings", item_ratings_max, false);
  if (items == nullptr) return out;
  for (std::size_t i = 0; i < items->size(); ++i) {
    const auto prefix = "item_ratings[" + std::to_string(i) + "]";
    if (!(*items)[i].is_object()) {
      in.add_error(prefix, "must be an object");
      continue;
    }
    json::ObjectReader item((*items)[i].as_object(), prefix);
    auto id = item.string("item_id", {true, 1, 100});
    auto rating = item.integer("rating", {true, 1, 5});
    if (auto ok = item.finish(); !ok) {
      for (auto& f : ok.error().fields) in.add_error(f.field, std::move(f.message));
    } else {
      out.push_back({std::move(*id), *rating});
    }
  }
  return out;
}

boost::json::object courier_json(const CourierRating& c) {
  boost::json::array tags;
  for (const auto& tag : c.tags) tags.emplace_back(tag);
  return {{"rating", c.rating}, {"tags", std::move(tags)}};
}

std::optional<CourierRating> read_courier(json::ObjectReader& in) {
  const auto* courier = in.object("courier", false);
  if (courier == nullptr) return std::nullopt;
  json::ObjectReader reader(*courier, "courier");
  CourierRating out;
  out.rating = reader.integer("rating", {true, 1, 5}).value_or(0);
  if (const auto* tags = reader.array("tags", events::courier_tags.size(), false)) {
    for (std::size_t i = 0; i < tags->size(); ++i) {
      if (const auto* tag = (*tags)[i].if_string())
        out.tags.emplace_back(*tag);
      else
        reader.add_error("tags[" + std::to_string(i) + "]", "must be a string");
    }
  }
  if (auto ok = reader.finish(); !ok) {
    for (auto& f : ok.error().fields) in.add_error(f.field, std::move(f.message));
  }
  return out;
}

http::Response post_review(Service& service, http::Request& request) {
  auto body = json::parse_object(request);
  if (!body) return error_response(request, body.error());
  json::ObjectReader in(*body);
  NewReview review;
  review.order_id = in.string("order_id", {true, 1, 100}).value_or("");
  review.rating = in.integer("rating", {true, 1, 5}).value_or(0);
  review.comment =
      in.string("comment", {false, 0, comment_chars_max, /*multiline=*/true}).value_or("");
  review.author_name = in.string("author_name", {false, 0, 100}).value_or("");
  review.item_ratings = read_item_ratings(in);
  review.courier = read_courier(in);
  if (auto ok = in.finish(); !ok) return error_response(request, ok.error());
  const auto merchant_id = request.param("merchant_id").value_or("");
  auto created = service.create(request.principal->subject, merchant_id, review);
  if (!created) return error_response(request, created.error());
  auto out = review_json(*created);
  out["merchant_id"] = created->merchant_id;
  out["order_id"] = created->order_id;
  if (created->courier) out["courier"] = courier_json(*created->courier);
  auto response = no_store(http::json(201, out));
  response.set_header("Location", "/v1/merchants/" + created->merchant_id + "/reviews");
  return response;
}

http::Response list_reviews(Service& service, http::Request& request) {
  auto page = modules::page_request(request);
  if (!page) return error_response(request, page.error());
  auto found = service.merchant_reviews(request.param("merchant_id").value_or(""), *page);
  if (!found) return error_response(request, found.error());
  boost::json::array data;
  for (const auto& r : found->reviews) data.push_back(review_json(r));
  return http::json(200, {{"summary", summary_json(found->summary)},
                          {"data", std::move(data)},
                          {"has_more", found->next_cursor.has_value()},
                          {"next_cursor", cursor_json(found->next_cursor)}});
}

http::Response reviewable_orders(Service& service, http::Request& request) {
  auto page = modules::page_request(request);
  if (!page) return error_response(request, page.error());
  auto found = service.reviewable_orders(request.principal->subject, *page);
  if (!found) return error_response(request, found.error());
  boost::json::array data;
  for (const auto& o : found->orders) {
    data.push_back({{"order_id", o.delivery.order_id},
                    {"merchant_id", o.delivery.merchant_id},
                    {"merchant_name", o.merchant_name},
                    {"delivered_at", modules::iso_utc(o.delivery.delivered_at_us)},
                    {"review_before", modules::iso_utc(o.review_before_us)},
                    {"courier_to_rate", o.courier_to_rate}});
  }
  return no_store(http::json(200, {{"data", std::move(data)},
                                   {"has_more", found->next_cursor.has_value()},
                                   {"next_cursor", cursor_json(found->next_cursor)}}));
}

http::Response delete_review(Service& service, http::Request& request) {
  const Caller caller{request.principal->subject, request.principal->role == identity::role_admin};
  auto done = service.remove(caller, request.param("review_id").value_or(""));
  if (!done) return error_response(request, done.error());
  return no_content();
}

http::Route route(http::Method method, std::string pattern, http::Access access,
                  http::Response (*handler)(Service&, http::Request&), Service& service) {
  return modules::worker_route(
      "reviews", method, std::move(pattern), std::move(access),
      [handler, &service](http::Request& r) { return handler(service, r); });
}

}  // namespace

Status add_review_routes(http::Router& router, Service& service) {
  const std::string customer(identity::role_customer), admin(identity::role_admin);
  std::vector<http::Route> routes{
      http::idempotent(route(http::Method::post, "/v1/merchants/{merchant_id}/reviews",
                             http::Access::roles_in({customer}, "own_delivered_order"), post_review,
                             service)),
      route(http::Method::get, "/v1/merchants/{merchant_id}/reviews", http::Access::anyone(),
            list_reviews, service),
      route(http::Method::get, "/v1/me/reviewable-orders",
            http::Access::roles_in({customer}, "self"), reviewable_orders, service),
      route(http::Method::delete_, "/v1/reviews/{review_id}",
            http::Access::roles_in({customer, admin}, "review_author"), delete_review, service),
  };
  return router.add_all(std::move(routes));
}

}  // namespace reskflow::reviews
