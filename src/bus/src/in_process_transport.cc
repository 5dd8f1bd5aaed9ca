// In-process delivery: the relay calls each subscriber's handler directly.
#include <exception>

#include "reskflow/bus/transport.h"

namespace reskflow::bus {

Status InProcessTransport::subscribe(std::string consumer, std::string pattern, Handler handler) {
  const std::lock_guard lock(mutex_);
  for (const auto& subscription : subscriptions_) {
    if (subscription.route.consumer == consumer) {
      return fail(ErrorCode::conflict, "consumer " + consumer + " is already subscribed");
    }
  }
  subscriptions_.push_back({Route{std::move(consumer), std::move(pattern)}, std::move(handler)});
  return {};
}

std::vector<Route> InProcessTransport::routes() const {
  const std::lock_guard lock(mutex_);
  std::vector<Route> out;
  for (const auto& subscription : subscriptions_) out.push_back(subscription.route);
  return out;
}

Status InProcessTransport::deliver(std::string_view consumer, const Envelope& event) {
  Handler handler;
  {
    const std::lock_guard lock(mutex_);
    for (const auto& subscription : subscriptions_) {
      if (subscription.route.consumer == consumer) handler = subscription.handler;
    }
  }
  if (!handler) return fail(ErrorCode::not_found, "no consumer " + std::string(consumer));
  try {
    return handle_in_trace(consumer, handler, event);
  } catch (const std::exception& thrown) {  // a handler bug must not end the relay thread
    return fail(ErrorCode::internal, std::string("handler threw: ") + thrown.what());
  }
}

}  // namespace reskflow::bus
