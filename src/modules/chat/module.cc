// The chat module's construction, routes, event consumers and WebSocket topics.
#include "module.h"

#include <boost/json.hpp>

#include "document.h"
#include "reskflow/bus/outbox.h"
#include "reskflow/core/json_text.h"
#include "reskflow/core/log.h"
#include "reskflow/deliveries/events.h"
#include "reskflow/identity/events.h"
#include "reskflow/identity/identity.h"
#include "reskflow/modules/payload.h"
#include "reskflow/modules/settings.h"
#include "reskflow/modules/topics.h"
#include "reskflow/modules/uuid_text.h"
#include "routes_common.h"

std::span<const reskflow::store::EmbeddedFile> reskflow_migrations_chat();

namespace reskflow::chat {
namespace {

// Typing indicators come in short bursts while someone writes.
constexpr std::int64_t typing_burst = 10;

// A limiter of the shared buckets when the cluster has them, else of this node.
std::unique_ptr<modules::RateLimiter> make_limiter(modules::RateLimiters* shared,
                                                   std::string_view name,
                                                   modules::RateLimit limit) {
  if (shared != nullptr) return shared->make(name, limit);
  return std::make_unique<modules::TokenBucketLimiter>(limit);
}

}  // namespace

ChatModuleImpl::ChatModuleImpl(const modules::Platform& platform, Deps deps,
                               const ChatSettings& settings, modules::Clock clock)
    : platform_(platform),
      authenticator_(deps.authenticator),
      metrics_(platform.metrics),
      message_limiter_(make_limiter(deps.rate_limiters, "chat.messages",
                                    {settings.messages_burst, settings.messages_per_minute})),
      typing_limiter_(make_limiter(deps.rate_limiters, "chat.typing",
                                   {typing_burst, settings.typing_per_minute})),
      service_(platform.database, deps.orders, deps.directory, settings, metrics_,
               std::move(clock)) {
  service_.set_live_feed(this);
}

std::span<const store::EmbeddedFile> ChatModuleImpl::migrations() const {
  return reskflow_migrations_chat();
}

Status ChatModuleImpl::add_routes(http::Router& router) {
  const RouteDeps deps{service_, *message_limiter_, metrics_};
  if (auto ok = add_conversation_routes(router, deps); !ok) return ok;
  return add_support_routes(router, deps);
}

Status ChatModuleImpl::start() {
  if (auto ok = platform_.events.subscribe(
          std::string(consumer_deliveries), "deliveries.delivery.*",
          [this](const bus::Envelope& e) { return on_delivery_changed(e); });
      !ok)
    return ok;
  if (auto ok = platform_.events.subscribe(
          std::string(consumer_erasures), std::string(identity::events::user_erased),
          [this](const bus::Envelope& e) { return on_user_erased(e); });
      !ok)
    return ok;
  if (auto ok = modules::add_topic_families(platform_.hub, {topic_family}, *this,
                                            &ChatModuleImpl::authorize_topic);
      !ok)
    return ok;
  if (auto ok = platform_.hub.add_topic_family(
          std::string(inbox_family),
          [this](const http::Request& upgrade, std::string_view topic) {
            return authorize_inbox(upgrade, topic);
          });
      !ok)
    return ok;
  return platform_.hub.add_message_handler(
      std::string(typing_message),
      [this](const http::Request& upgrade, const boost::json::object& message) {
        return on_typing(upgrade, message);
      });
}

Status ChatModuleImpl::on_delivery_changed(const bus::Envelope& event) {
  const auto changed = modules::payload::from_payload<deliveries::events::DeliveryChanged>(
      event.type, event.payload_json);
  if (!changed) {
    metrics_.events_malformed.inc();
    log::warn("chat_delivery_event_malformed", {{"event_id", event.event_id}});
    return {};
  }
  const DeliveryChange change{changed->delivery_id, changed->order_id, changed->customer_id,
                              changed->driver_id, changed->status};
  std::optional<Conversation> touched;
  auto done = bus::handle_once(platform_.database, consumer_deliveries, event,
                               [&](store::Transaction& tx) -> Status {
                                 RF_TRY(c, service_.apply_delivery_change(tx, change));
                                 touched = std::move(*c);
                                 return {};
                               });
  if (!done) return done;
  if (touched) conversation_changed(*touched);
  return {};
}

Status ChatModuleImpl::on_user_erased(const bus::Envelope& event) {
  const auto erased = modules::payload::from_payload<identity::events::UserErased>(
      identity::events::user_erased, event.payload_json);
  if (!erased) {
    metrics_.events_malformed.inc();
    log::warn("chat_erasure_malformed", {{"event_id", event.event_id}});
    return {};
  }
  return bus::handle_once(platform_.database, consumer_erasures, event,
                          [&](store::Transaction& tx) -> Status {
                            RF_TRY(n, service_.erase_user(tx, erased->user_id));
                            return {};
                          });
}

Result<http::Principal> ChatModuleImpl::caller_of(const http::Request& upgrade) {
  if (upgrade.principal) return *upgrade.principal;
  return authenticator_.required(upgrade);
}

// "conversation.<id>": whoever may read the conversation; anyone else is told it does not exist.
Status ChatModuleImpl::authorize_topic(const http::Request& upgrade, std::string_view topic) {
  const auto prefix = std::string(topic_family) + ".";
  if (!topic.starts_with(prefix)) return fail(ErrorCode::not_found, "no such topic");
  RF_TRY(caller, caller_of(upgrade));
  const auto id = topic.substr(prefix.size());
  if (!modules::uuid_shaped(id)) return fail(ErrorCode::not_found, "no such topic");
  auto allowed = service_.may_follow(*caller, id);
  if (!allowed && allowed.error().code == ErrorCode::not_found)
    return fail(ErrorCode::not_found, "no such topic");
  return allowed;
}

// "support.inbox": admins only, as the inbox's route.
Status ChatModuleImpl::authorize_inbox(const http::Request& upgrade, std::string_view topic) {
  RF_TRY(caller, caller_of(upgrade));
  if (topic != inbox_topic) return fail(ErrorCode::not_found, "no such topic");
  if (caller->role != identity::role_admin)
    return fail(ErrorCode::forbidden, "only support (admins) follows the support inbox");
  return {};
}

Result<boost::json::object> ChatModuleImpl::on_typing(const http::Request& upgrade,
                                                      const boost::json::object& message) {
  RF_TRY(caller, caller_of(upgrade));
  const auto* id = message.if_contains("conversation_id");
  if (id == nullptr || !id->is_string() || !modules::uuid_shaped(id->as_string()))
    return fail(ErrorCode::validation_failed, "invalid typing message",
                {{"conversation_id", "must be a conversation id"}});
  if (!typing_limiter_->take(caller->subject).allowed)
    return fail(ErrorCode::rate_limited, "too many typing indicators; slow down");
  const std::string conversation_id(id->as_string());
  RF_TRY(sent, service_.typing(*caller, conversation_id));
  return boost::json::object{{"type", "typing.sent"}, {"conversation_id", conversation_id}};
}

void ChatModuleImpl::publish(const std::string& conversation_id, const boost::json::object& data) {
  platform_.hub.publish(std::string(topic_family) + "." + conversation_id, json::serialize(data));
}

void ChatModuleImpl::message_stored(const Message& message) {
  publish(message.conversation_id, {{"type", "message"}, {"message", message_json(message)}});
}

void ChatModuleImpl::read_moved(const std::string& conversation_id, const std::string& user_id,
                                std::int64_t seq) {
  publish(
      conversation_id,
      {{"type", "read"}, {"conversation_id", conversation_id}, {"user_id", user_id}, {"seq", seq}});
}

void ChatModuleImpl::typing(const std::string& conversation_id, const std::string& user_id,
                            const std::string& role) {
  publish(conversation_id, {{"type", "typing"},
                            {"conversation_id", conversation_id},
                            {"user_id", user_id},
                            {"role", role}});
}

void ChatModuleImpl::conversation_changed(const Conversation& conversation) {
  auto shared = conversation;
  shared.unread = 0;  // the topic has many readers: unread counts are per reader
  const boost::json::object data{{"type", "conversation"},
                                 {"conversation", conversation_json(shared)}};
  publish(conversation.id, data);
  if (conversation.kind == kind_support) platform_.hub.publish(inbox_topic, json::serialize(data));
}

Result<std::unique_ptr<ChatModule>> make_module(const modules::Platform& platform, Deps deps) {
  auto settings = load_settings(modules::Settings::process_environment());
  if (!settings) return std::unexpected(settings.error());
  return std::make_unique<ChatModuleImpl>(platform, deps, *settings, modules::system_clock());
}

}  // namespace reskflow::chat
