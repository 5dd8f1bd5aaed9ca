// Web Push in the service: the VAPID key pair, each user's device subscriptions, and one send
// per device for each notice.
#include <algorithm>

#include "reskflow/store/uuid.h"
#include "service.h"
#include "vapid_keys.h"

namespace reskflow::notifications {
namespace {

constexpr std::size_t endpoint_bytes_max = 2'048;

bool loopback_host(std::string_view authority) {
  for (const std::string_view host : {"127.0.0.1", "localhost", "[::1]"}) {
    if (authority == host ||
        (authority.starts_with(host) && authority.substr(host.size()).starts_with(':')))
      return true;
  }
  return false;
}

// "push.example.net" of "push.example.net:443"; an IPv6 literal keeps its brackets.
std::string host_of(std::string_view authority) {
  if (authority.starts_with('[')) return std::string(authority.substr(0, authority.find(']') + 1));
  return std::string(authority.substr(0, authority.find(':')));
}

// An IPv6 literal, or a host whose last label is a number (127.0.0.1, 2130706433, 0x7f.1): no
// top-level domain is numeric, so it is an address however it is written.
bool ip_literal(std::string_view host) {
  if (host.starts_with('[')) return true;
  const auto last = host.substr(host.rfind('.') + 1);
  if (last.empty()) return false;
  if (last.starts_with("0x") || last.starts_with("0X")) return true;
  return std::ranges::all_of(last, [](char c) { return c >= '0' && c <= '9'; });
}

// An https URL with a host and nothing a URL may not hold (whitespace, user info).
std::optional<std::string> endpoint_problem(std::string_view endpoint, bool allow_loopback_http) {
  if (endpoint.size() > endpoint_bytes_max) return "must be at most 2048 characters";
  for (const char c : endpoint) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7F)
      return "must be a URL without spaces or control characters";
  }
  const auto origin = web_push::origin_of(endpoint);
  const auto authority = origin.substr(origin.find("://") + 3);
  if (origin.empty() || authority.find('@') != std::string::npos) return "must be an https URL";
  if (endpoint.starts_with("https://")) {
    // Push services are named; an address or a local name would aim this server's requests at
    // its own network. (The sender also refuses names that resolve to such addresses.)
    const auto host = host_of(authority);
    if (ip_literal(host) || host == "localhost" || host.ends_with(".localhost"))
      return "must name a push service by its host name";
    return std::nullopt;
  }
  if (allow_loopback_http && endpoint.starts_with("http://") && loopback_host(authority))
    return std::nullopt;
  return "must be an https URL";
}

// Delivery news is urgent (the courier is at the door); the rest can wait for a good moment.
std::string urgency_of(Kind kind) { return kind == Kind::delivery ? "high" : "normal"; }

}  // namespace

Status Service::load_vapid_keys() {
  RF_TRY(keys, notifications::load_vapid_keys(db_, settings_, clock_()));
  const std::lock_guard lock(vapid_mutex_);
  vapid_ = std::move(*keys);
  return {};
}

Result<std::string> Service::vapid_public_key() {
  const std::lock_guard lock(vapid_mutex_);
  if (!vapid_) return fail(ErrorCode::unavailable, "Web Push is starting; try again shortly");
  return web_push::base64url(vapid_->public_key);
}

Result<repository::Upserted> Service::subscribe(std::string_view user_id,
                                                const SubscriptionRequest& request) {
  std::vector<FieldError> errors;
  if (auto problem = endpoint_problem(request.endpoint, settings_.push_allow_loopback_http))
    errors.push_back({"endpoint", std::move(*problem)});
  const auto p256dh = web_push::from_base64url(request.p256dh);
  if (!p256dh || !web_push::valid_public_key(*p256dh))
    errors.push_back({"keys.p256dh", "must be an uncompressed P-256 point (65 bytes, base64url)"});
  const auto auth = web_push::from_base64url(request.auth);
  if (!auth || auth->size() != web_push::auth_secret_bytes)
    errors.push_back({"keys.auth", "must be a 16-byte secret in base64url"});
  if (!errors.empty())
    return fail(ErrorCode::validation_failed, "the push subscription is not usable",
                std::move(errors));
  const PushSubscription subscription{
      store::new_uuid_v7(), std::string(user_id), request.endpoint, *p256dh, *auth, clock_()};
  return db_.write([&](store::Transaction& tx) -> Result<repository::Upserted> {
    RF_TRY(count, repository::subscription_count(tx, user_id));
    RF_TRY(upserted, repository::upsert_subscription(tx, subscription));
    if (upserted->created && *count >= settings_.push_subscriptions_per_user_max)
      return fail(ErrorCode::conflict,
                  "notifications are on for " + std::to_string(*count) +
                      " devices already; turn them off on one you no longer use");
    return std::move(*upserted);
  });
}

Result<std::vector<PushSubscription>> Service::push_subscriptions(std::string_view user_id) {
  return db_.read([&](store::Transaction& tx) { return repository::subscriptions(tx, user_id); });
}

Status Service::unsubscribe(std::string_view user_id, std::string_view id) {
  RF_TRY(removed, db_.write([&](store::Transaction& tx) {
    return repository::delete_subscription(tx, user_id, id);
  }));
  if (!*removed) return fail(ErrorCode::not_found, "no such push subscription");
  return {};
}

Status Service::queue_pushes(store::Transaction& tx, const std::string& event_id,
                             const Notice& notice, const Rendered& rendered,
                             std::int64_t due_at_us) {
  RF_TRY(devices, repository::subscriptions(tx, notice.user_id));
  const auto now = clock_();
  for (const auto& device : *devices) {
    const Send send{store::new_uuid_v7(),
                    notice.user_id,
                    Channel::push,
                    notice.kind,
                    event_id,
                    rendered.title,
                    rendered.text,
                    "",
                    std::nullopt,
                    std::string(status_pending),
                    0,
                    due_at_us,
                    "",
                    std::nullopt,
                    std::nullopt,
                    now,
                    now,
                    device.id};
    RF_TRY(queued, repository::insert_send(tx, send));
    if (*queued) metrics_.queued.inc();
  }
  return {};
}

Result<Outgoing> Service::push_outgoing_of(const Send& send) {
  RF_TRY(device, db_.read([&](store::Transaction& tx) {
    return repository::subscription(tx, send.subscription_id);
  }));
  if (!*device || (*device)->user_id != send.user_id)
    return fail(ErrorCode::not_found, "the device turned notifications off");
  std::optional<web_push::KeyPair> vapid;
  {
    const std::lock_guard lock(vapid_mutex_);
    vapid = vapid_;
  }
  if (!vapid) return fail(ErrorCode::unavailable, "the VAPID keys are not loaded yet");
  PushTarget target{(*device)->endpoint, (*device)->p256dh, (*device)->auth, urgency_of(send.kind),
                    std::move(*vapid)};
  return Outgoing{send.id, "", send.subject, send.text, "", std::move(target)};
}

}  // namespace reskflow::notifications
