// A durable pull consumer of the JetStream transport: its subscription and its thread.
#pragma once

#include <nats/nats.h>

#include <string>
#include <thread>

#include "reskflow/bus/transport.h"

namespace reskflow::cluster {

struct NatsPuller {
  bus::Route route;
  bus::Handler handler;
  std::string durable;
  natsSubscription* subscription = nullptr;
  std::thread thread;

  NatsPuller() = default;
  NatsPuller(const NatsPuller&) = delete;
  NatsPuller& operator=(const NatsPuller&) = delete;
  ~NatsPuller() { natsSubscription_Destroy(subscription); }
};

}  // namespace reskflow::cluster
