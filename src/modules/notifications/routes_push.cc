// HTTP binding of Web Push: the server's VAPID public key, and each user's device subscriptions.
#include "module.h"
#include "reskflow/core/json_body.h"
#include "reskflow/modules/utc_time.h"
#include "routes_common.h"
#include "web_push.h"

namespace reskflow::notifications {
namespace {

boost::json::object subscription_json(const PushSubscription& s) {
  return {
      {"id", s.id},
      {"endpoint", s.endpoint},
      {"keys", {{"p256dh", web_push::base64url(s.p256dh)}, {"auth", web_push::base64url(s.auth)}}},
      {"created_at", modules::iso_utc(s.created_at_us)}};
}

http::Response vapid_public_key(Service& service, http::Request& request) {
  auto key = service.vapid_public_key();
  if (!key) return error_response(request, key.error());
  return http::json(200, {{"public_key", *key}});
}

// {"endpoint": "...", "keys": {"p256dh": "...", "auth": "..."}}, as PushSubscription.toJSON()
// gives it (its expirationTime is accepted and not kept: the push service's 410 says when).
http::Response subscribe(Service& service, http::Request& request) {
  auto body = json::parse_object(request);
  if (!body) return error_response(request, body.error());
  json::ObjectReader in(*body);
  SubscriptionRequest wanted;
  wanted.endpoint = in.string("endpoint", {true, 1, 2'048}).value_or("");
  in.number("expirationTime", {false});
  if (const auto* keys = in.object("keys")) {
    json::ObjectReader key_reader(*keys, "keys");
    wanted.p256dh = key_reader.string("p256dh", {true, 1, 128}).value_or("");
    wanted.auth = key_reader.string("auth", {true, 1, 64}).value_or("");
    in.absorb(key_reader);
  }
  if (auto ok = in.finish(); !ok) return error_response(request, ok.error());
  auto stored = service.subscribe(request.principal->subject, wanted);
  if (!stored) return error_response(request, stored.error());
  return no_store(http::json(stored->created ? 201 : 200, subscription_json(stored->subscription)));
}

http::Response list_subscriptions(Service& service, http::Request& request) {
  auto found = service.push_subscriptions(request.principal->subject);
  if (!found) return error_response(request, found.error());
  boost::json::array data;
  for (const auto& s : *found) data.push_back(subscription_json(s));
  return no_store(http::json(200, {{"data", std::move(data)}}));
}

http::Response unsubscribe(Service& service, http::Request& request) {
  if (auto ok = service.unsubscribe(request.principal->subject, param(request, "id")); !ok)
    return error_response(request, ok.error());
  return modules::no_content();
}

}  // namespace

std::vector<http::Route> push_routes(Service& service) {
  using http::Access;
  using http::Method;
  const auto self = Access::authenticated("self");
  return {
      route(Method::get, "/v1/notifications/vapid-public-key", Access::anyone(),
            [&service](http::Request& r) { return vapid_public_key(service, r); }),
      route(Method::post, "/v1/me/push-subscriptions", self,
            [&service](http::Request& r) { return subscribe(service, r); }),
      route(Method::get, "/v1/me/push-subscriptions", self,
            [&service](http::Request& r) { return list_subscriptions(service, r); }),
      route(Method::delete_, "/v1/me/push-subscriptions/{id}", self,
            [&service](http::Request& r) { return unsubscribe(service, r); }),
  };
}

}  // namespace reskflow::notifications
