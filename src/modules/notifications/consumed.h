// The notices the consumed events make: who is told what, read from each publisher's payload
// through its own conversions (orders, deliveries, payments and identity events.h).
#pragma once

#include <array>
#include <string_view>
#include <vector>

#include "reskflow/bus/event.h"
#include "reskflow/core/errors.h"
#include "templates.h"

namespace reskflow::notifications {

// The event patterns the notices come from.
inline constexpr std::array consumed_patterns{
    std::string_view("orders.order.*"), std::string_view("deliveries.delivery.*"),
    std::string_view("payments.intent.*"), std::string_view("identity.user.registered"),
    std::string_view("subscriptions.subscription.*")};

// No notice for an event type without a template (orders.order.preparing, ...) nor for the
// payment events of a membership's monthly payment (subscriptions tells those);
// validation_failed for a malformed payload.
Result<std::vector<Notice>> notices_of(const bus::Envelope& event);

}  // namespace reskflow::notifications
