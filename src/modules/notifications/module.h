// The notifications module: consumers of the events that tell users something, the dispatcher
// that empties the send queue, the WebSocket topic family "user", and the routes.
#pragma once

#include <boost/json/object.hpp>

#include <chrono>
#include <vector>

#include "metrics.h"
#include "reskflow/core/router.h"
#include "reskflow/modules/background_loop.h"
#include "reskflow/notifications/notifications.h"
#include "service.h"

namespace reskflow::notifications {

inline constexpr std::string_view topic_family = "user";
inline constexpr std::string_view topic_suffix = ".notifications";

class NotificationsModuleImpl final : public NotificationsModule {
 public:
  NotificationsModuleImpl(const modules::Platform& platform, Deps deps,
                          const NotificationsSettings& settings, Senders senders,
                          modules::Clock clock = {});

  std::string_view name() const override { return "notifications"; }
  std::span<const store::EmbeddedFile> migrations() const override;
  Status add_routes(http::Router& router) override;
  // Loads (or makes) the VAPID keys, subscribes the consumers, adds the topic family and starts
  // the dispatcher.
  Status start() override;
  // Stops the dispatcher within shutdown_timeout_ms.
  void stop() override;

  Service& service() { return service_; }

 private:
  Status on_event(const bus::Envelope& event);
  // Each new inbox item on its user's topic.
  void publish(const std::vector<InboxItem>& items);
  Status authorize_topic(const http::Request& upgrade, std::string_view topic);
  // One pass: the chat notices due, then the send queue.
  void dispatch();

  const modules::Platform platform_;  // a copy: the caller's may be a temporary
  Deps deps_;
  const NotificationsSettings settings_;
  NotificationsMetrics metrics_;
  Service service_;
  modules::BackgroundLoop dispatcher_;
  store::CommitSubscription queued_;
};

// The WebSocket topic of a user's notifications.
std::string topic_of(std::string_view user_id);

// The HTTP binding (routes_me.cc, routes_push.cc, routes_admin.cc).
std::vector<http::Route> me_routes(Service& service);
std::vector<http::Route> push_routes(Service& service);
std::vector<http::Route> admin_routes(Service& service, const NotificationsSettings& settings);

// An inbox item as the API and the WebSocket show it.
boost::json::object inbox_item_json(const InboxItem& item);

}  // namespace reskflow::notifications
