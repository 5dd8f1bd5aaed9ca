// The chat module: conversations of a delivery's customer and courier (opened and closed from
// deliveries' events) and support conversations, with messages delivered live on the
// "conversation.<id>" WebSocket topics and typing indicators sent over the socket.
#pragma once

#include "metrics.h"
#include "reskflow/chat/chat.h"
#include "reskflow/modules/rate_limiter.h"
#include "service.h"

namespace reskflow::chat {

// WebSocket: the topics "conversation.<id>" (its participants, and admins for support ones) and
// "support.inbox" (admins: every support conversation opened or changed), and the client message
// {"type":"typing","conversation_id":...}.
inline constexpr std::string_view topic_family = "conversation";
inline constexpr std::string_view inbox_family = "support";
inline constexpr std::string_view inbox_topic = "support.inbox";
inline constexpr std::string_view typing_message = "typing";
inline constexpr std::string_view consumer_deliveries = "chat.deliveries";
inline constexpr std::string_view consumer_erasures = "chat.user_erased";

class ChatModuleImpl final : public ChatModule, public LiveFeed {
 public:
  ChatModuleImpl(const modules::Platform& platform, Deps deps, const ChatSettings& settings,
                 modules::Clock clock);

  std::string_view name() const override { return "chat"; }
  std::span<const store::EmbeddedFile> migrations() const override;
  Status add_routes(http::Router& router) override;
  // Subscribes the deliveries and erasure consumers, adds the topic family and the typing
  // message.
  Status start() override;
  // Nothing runs on its own: requests and deliveries finish with the server and the relay.
  void stop() override {}

  Service& service() { return service_; }

  // LiveFeed: publishes on the conversation's topic, and a support conversation's changes on
  // the inbox's too.
  void message_stored(const Message& message) override;
  void read_moved(const std::string& conversation_id, const std::string& user_id,
                  std::int64_t seq) override;
  void typing(const std::string& conversation_id, const std::string& user_id,
              const std::string& role) override;
  void conversation_changed(const Conversation& conversation) override;

 private:
  Status on_delivery_changed(const bus::Envelope& event);
  Status on_user_erased(const bus::Envelope& event);
  Result<http::Principal> caller_of(const http::Request& upgrade);
  Status authorize_topic(const http::Request& upgrade, std::string_view topic);
  Status authorize_inbox(const http::Request& upgrade, std::string_view topic);
  Result<boost::json::object> on_typing(const http::Request& upgrade,
                                        const boost::json::object& message);
  void publish(const std::string& conversation_id, const boost::json::object& data);

  modules::Platform platform_;
  modules::Authenticator& authenticator_;
  ChatMetrics metrics_;
  std::unique_ptr<modules::RateLimiter> message_limiter_;
  std::unique_ptr<modules::RateLimiter> typing_limiter_;
  Service service_;
};

}  // namespace reskflow::chat
