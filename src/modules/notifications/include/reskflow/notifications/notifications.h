// The notifications module's public interface: it consumes orders, deliveries, payments and
// identity events, tells each user through the channels they allow (email, SMS, the in-app inbox
// and its WebSocket topic), and keeps every email and SMS in a durable queue with retries
// (docs/notifications.md).
#pragma once

#include <memory>

#include "reskflow/core/errors.h"
#include "reskflow/identity/identity.h"
#include "reskflow/modules/authenticator.h"
#include "reskflow/modules/module.h"

namespace reskflow::notifications {

// Events notifications consumes (each through bus::handle_once, so a redelivery tells once):
//   orders.order.*            the customer: placed, accepted, rejected, picked up, delivered,
//                             cancelled, refunded.
//   deliveries.delivery.*     the customer: a courier assigned, at the door, a failed delivery.
//   payments.intent.*         the payer: a payment to confirm, a failed payment, a refund.
//   identity.user.registered  the new user: a welcome.
//   subscriptions.subscription.*  the member: a month charged, a failed payment, the end.
//   chat.message.sent, chat.conversation.read  a recipient who has not read a message after a
//                             delay: one notice per conversation until read (in-app, push).
//   identity.user.erased      every row about the user is deleted.
// It publishes none: a user learns on the WebSocket topic user.<user id>.notifications.

class NotificationsModule : public modules::Module {};

// The public interfaces notifications needs.
struct Deps {
  identity::Directory& directory;         // where each user is reached (email, phone)
  modules::Authenticator& authenticator;  // who opened a WebSocket
};

// Fails when a RESKFLOW_NOTIFICATIONS_* setting is malformed or unknown.
Result<std::unique_ptr<NotificationsModule>> make_module(const modules::Platform& platform,
                                                         Deps deps);

}  // namespace reskflow::notifications
