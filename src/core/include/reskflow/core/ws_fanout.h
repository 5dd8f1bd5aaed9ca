// Carries WebSocket topic messages to the other nodes of a cluster; core knows only this
// interface, a message bus outside core implements it (src/cluster).
#pragma once

#include <string_view>

namespace reskflow::ws {

class Fanout {
 public:
  virtual ~Fanout() = default;
  // Hands a message published on this node to the other nodes, which deliver it to their own
  // subscribers with Hub::publish_local. Never blocks on the network; thread-safe.
  virtual void publish(std::string_view topic, std::string_view data_json) = 0;
};

}  // namespace reskflow::ws
