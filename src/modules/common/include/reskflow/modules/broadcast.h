// Messages every node of a cluster hears at once, and short-lived marks every node can read (Redis
// pub/sub and keys with REDIS_URL): how a per-node cache learns that another node changed what it
// holds. Messages are at most once, so a cache keeps a source of truth to fall back on.
#pragma once

#include <chrono>
#include <functional>
#include <span>
#include <string>
#include <string_view>

#include "reskflow/core/errors.h"

namespace reskflow::modules {

class Broadcast {
 public:
  struct Listener {
    // A message of the channel, from any node (this one included), on the broadcast's thread:
    // must not block.
    std::function<void(std::string_view message)> on_message;
    // Messages may have been lost (the subscription was down, or not yet up when the listener
    // was added, and is now): forget what they would have changed.
    std::function<void()> on_missed;
  };

  virtual ~Broadcast() = default;

  // Sends `message` to every node listening on `channel`; unavailable when it could not.
  virtual Status publish(std::string_view channel, std::string_view message) = 0;
  // Listens on `channel` from now until the broadcast stops (the composition root stops it
  // before the modules that listen).
  virtual void listen(std::string channel, Listener listener) = 0;
  // True while this node receives every message (subscribed and connected): while false, a
  // cache must not trust that it heard of every change.
  virtual bool listening() const = 0;

  // Marks `key` for `ttl` on every node; unavailable when it could not.
  virtual Status mark(std::string_view key, std::chrono::seconds ttl) = 0;
  // Whether any of `keys` is marked; unavailable when that cannot be known now.
  virtual Result<bool> any_marked(std::span<const std::string> keys) = 0;
};

}  // namespace reskflow::modules
