// What chat's route files share: route registration under the module's name, what the handlers
// are given, and the 429 answer of the message rate limit.
#pragma once

#include <string>

#include "reskflow/core/router.h"
#include "reskflow/modules/rate_limiter.h"
#include "reskflow/modules/routes.h"
#include "service.h"

namespace reskflow::chat {

using modules::error_response;
using modules::no_store;

inline http::Route route(http::Method method, std::string pattern, http::Access access,
                         http::Handler handler) {
  return modules::worker_route("chat", method, std::move(pattern), std::move(access),
                               std::move(handler));
}

struct RouteDeps {
  Service& service;
  modules::RateLimiter& message_limiter;  // per user
  ChatMetrics& metrics;
};

// The HTTP binding of each area (routes_conversations.cc, routes_support.cc).
Status add_conversation_routes(http::Router& router, RouteDeps deps);
Status add_support_routes(http::Router& router, RouteDeps deps);

// 200 with the conversation, no-store.
http::Response conversation_response(const Conversation& c, int status = 200);
// 200 with a page of conversations: {"data","has_more","next_cursor"}.
http::Response conversation_page_response(const ConversationPage& page);

}  // namespace reskflow::chat
