// The chat module's public interface: conversations between a customer and the courier of an
// active delivery, and between customers or merchants and support, with stored messages
// delivered live on the "conversation.<id>" WebSocket topics (docs/chat.md).
#pragma once

#include <memory>

#include "reskflow/core/errors.h"
#include "reskflow/identity/identity.h"
#include "reskflow/modules/authenticator.h"
#include "reskflow/modules/module.h"
#include "reskflow/modules/rate_limiter.h"
#include "reskflow/orders/orders.h"

namespace reskflow::chat {

// Events chat consumes (each through bus::handle_once, so a redelivery counts once):
//   deliveries.delivery.*   assigned opens the delivery's customer-courier conversation (or
//                           hands it to the new courier); delivered, failed, returned and
//                           cancelled close it; pending takes the courier out of it.
//   identity.user.erased    removes the text of the user's messages.

class ChatModule : public modules::Module {};

// The public interfaces chat needs.
struct Deps {
  orders::Orders& orders;          // whose order a support conversation is about
  identity::Directory& directory;  // whether a merchant user is staff of that order's merchant
  modules::Authenticator& authenticator;  // who opened a WebSocket (conversation topics)
  // The buckets every node shares (REDIS_URL); nullptr: this node's own.
  modules::RateLimiters* rate_limiters = nullptr;
};

// Fails when a RESKFLOW_CHAT_* setting is malformed or unknown.
Result<std::unique_ptr<ChatModule>> make_module(const modules::Platform& platform, Deps deps);

}  // namespace reskflow::chat
