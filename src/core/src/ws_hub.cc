// Topic subscriptions and fan-out; holds peers weakly so a closed socket never leaks.
#include "reskflow/core/ws_hub.h"

#include "reskflow/core/ws_fanout.h"

#include <algorithm>
#include <boost/container/small_vector.hpp>
#include <vector>

namespace reskflow::ws {
namespace {

std::string_view family_of(std::string_view topic) {
  const auto dot = topic.find('.');
  return dot == std::string_view::npos ? topic : topic.substr(0, dot);
}

bool valid_topic(std::string_view topic) {
  if (topic.empty() || topic.size() > 200) return false;
  for (char c : topic) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '-' || c == '_' || c == ':';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

Hub::Hub(metrics::Registry& registry)
    : published_(registry.counter("ws_messages_published_total",
                                  "Messages published to WebSocket topics")),
      delivered_(registry.counter("ws_messages_delivered_total",
                                  "Messages queued to WebSocket subscribers")) {
  registry.gauge_callback("ws_connections", "Open WebSocket connections",
                          [this] { return static_cast<double>(connection_count()); });
}

Status Hub::add_topic_family(std::string family, TopicAuthorizer authorize) {
  std::lock_guard lock(mutex_);
  if (families_.contains(family))
    return fail(ErrorCode::conflict, "topic family already registered: " + family);
  families_.emplace(std::move(family), std::move(authorize));
  return {};
}

void Hub::set_upgrade_authenticator(UpgradeAuthenticator authenticate) {
  std::lock_guard lock(mutex_);
  authenticate_upgrade_ = std::move(authenticate);
}

Status Hub::add_message_handler(std::string type, MessageHandler handle, HandlerThread thread) {
  static constexpr std::string_view reserved[] = {
      "ping", "pong", "subscribe", "subscribed", "unsubscribe", "unsubscribed", "error", "event"};
  for (const auto r : reserved) {
    if (type == r) return fail(ErrorCode::conflict, "the hub handles messages of type " + type);
  }
  if (type.empty()) return fail(ErrorCode::validation_failed, "a message type is required");
  std::lock_guard lock(mutex_);
  if (handlers_.contains(type))
    return fail(ErrorCode::conflict, "message type already handled: " + type);
  handlers_.emplace(std::move(type), MessageRoute{std::move(handle), thread});
  return {};
}

const MessageRoute* Hub::message_route(std::string_view type) const {
  std::lock_guard lock(mutex_);
  const auto it = handlers_.find(type);
  return it == handlers_.end() ? nullptr : &it->second;
}

Result<std::optional<http::Principal>> Hub::authenticate_upgrade(
    const http::Request& upgrade) const {
  UpgradeAuthenticator authenticate;
  {
    std::lock_guard lock(mutex_);
    authenticate = authenticate_upgrade_;
  }
  if (!authenticate) return std::optional<http::Principal>{};
  return authenticate(upgrade);
}

void Hub::publish(std::string_view topic, std::string_view data_json) {
  published_.inc();
  if (Fanout* fanout = fanout_.load()) fanout->publish(topic, data_json);
  publish_local(topic, data_json);
}

void Hub::publish_local(std::string_view topic, std::string_view data_json) {
  // Most topics have a subscriber or two (a customer following a delivery): no allocation.
  boost::container::small_vector<std::shared_ptr<Peer>, 4> targets;
  {
    std::lock_guard lock(mutex_);
    const auto it = topics_.find(topic);
    if (it == topics_.end()) return;
    for (const auto& [key, weak] : it->second) {
      if (auto p = weak.lock()) targets.push_back(std::move(p));
    }
  }
  constexpr std::string_view head = R"({"type":"event","topic":")";
  constexpr std::string_view middle = R"(","data":)";
  std::string text;
  text.reserve(head.size() + topic.size() + middle.size() + data_json.size() + 1);
  text.append(head).append(topic).append(middle).append(data_json).push_back('}');
  auto message = std::make_shared<const std::string>(std::move(text));
  for (const auto& p : targets) p->send(message);
  delivered_.inc(static_cast<double>(targets.size()));
}

std::size_t Hub::subscriber_count(std::string_view topic) const {
  std::lock_guard lock(mutex_);
  const auto it = topics_.find(topic);
  return it == topics_.end() ? 0 : it->second.size();
}

std::size_t Hub::connection_count() const {
  std::lock_guard lock(mutex_);
  return peers_.size();
}

void Hub::attach(const std::shared_ptr<Peer>& peer) {
  std::lock_guard lock(mutex_);
  peers_.try_emplace(peer.get(), Attached{peer, {}});
}

void Hub::detach(const Peer* peer) {
  std::lock_guard lock(mutex_);
  const auto attached = peers_.find(peer);
  if (attached == peers_.end()) return;
  for (const auto& topic : attached->second.topics) leave(peer, topic);
  peers_.erase(attached);
}

Status Hub::subscribe(const std::shared_ptr<Peer>& peer, const http::Request& upgrade,
                      std::string_view topic) {
  if (!valid_topic(topic))
    return fail(ErrorCode::validation_failed, "topic must be 1-200 of [A-Za-z0-9._:-]");
  TopicAuthorizer authorize;
  {
    std::lock_guard lock(mutex_);
    const auto it = families_.find(family_of(topic));
    if (it == families_.end()) return fail(ErrorCode::not_found, "no such topic");
    authorize = it->second;
  }
  if (auto allowed = authorize(upgrade, topic); !allowed) return allowed;
  std::lock_guard lock(mutex_);
  const auto attached = peers_.find(peer.get());
  if (attached == peers_.end()) return fail(ErrorCode::conflict, "the connection is closed");
  auto subscribers = topics_.find(topic);
  if (subscribers == topics_.end()) subscribers = topics_.try_emplace(std::string(topic)).first;
  if (subscribers->second.emplace(peer.get(), peer).second)
    attached->second.topics.emplace_back(topic);
  return {};
}

void Hub::unsubscribe(const Peer* peer, std::string_view topic) {
  std::lock_guard lock(mutex_);
  const auto attached = peers_.find(peer);
  if (attached == peers_.end()) return;
  auto& topics = attached->second.topics;
  const auto it = std::find(topics.begin(), topics.end(), topic);
  if (it == topics.end()) return;
  topics.erase(it);
  leave(peer, topic);
}

void Hub::leave(const Peer* peer, std::string_view topic) {
  const auto it = topics_.find(topic);
  if (it == topics_.end()) return;
  it->second.erase(peer);
  if (it->second.empty()) topics_.erase(it);
}

void Hub::close_all() {
  std::vector<std::shared_ptr<Peer>> all;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [key, attached] : peers_) {
      if (auto p = attached.peer.lock()) all.push_back(std::move(p));
    }
  }
  for (const auto& p : all) p->close_going_away();
}

}  // namespace reskflow::ws
