// modules::Broadcast over Redis: messages on pub/sub channels <prefix>:broadcast:<channel>, marks
// as keys <prefix>:mark:<key> with a TTL. A thread of its own holds the subscription, and
// resubscribes with backoff after Redis comes back (telling the listeners they missed messages).
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <thread>
#include <vector>

#include "redis_client.h"
#include "reskflow/modules/broadcast.h"

namespace reskflow::cluster {

struct RedisBroadcastOptions {
  RedisEndpoint endpoint;
  std::string key_prefix;
  std::chrono::milliseconds timeout_ms{250};   // connecting and subscribing
  std::function<void(const Error&)> on_error;  // the subscription failed or was lost
  // Listening (again: restored is true after the subscription was lost) or not.
  std::function<void(bool listening, bool restored)> on_state;
};

class RedisBroadcast final : public modules::Broadcast {
 public:
  // Starts subscribing at once (and keeps trying while Redis is away).
  RedisBroadcast(RedisClient& client, RedisBroadcastOptions options);
  ~RedisBroadcast() override;
  RedisBroadcast(const RedisBroadcast&) = delete;
  RedisBroadcast& operator=(const RedisBroadcast&) = delete;

  // Ends the subscription; no listener is called once this returns.
  void stop();
  // Waits up to `timeout` for the subscription; whether it is listening.
  bool wait_until_listening(std::chrono::milliseconds timeout);

  Status publish(std::string_view channel, std::string_view message) override;
  void listen(std::string channel, Listener listener) override;
  bool listening() const override { return listening_.load(); }
  Status mark(std::string_view key, std::chrono::seconds ttl) override;
  Result<bool> any_marked(std::span<const std::string> keys) override;

 private:
  void run();
  // Subscribes on a fresh connection and delivers messages until it fails or stop() ends it.
  Status subscribe_and_receive();
  Status receive(redisContext* context);
  void deliver(std::string_view channel, std::string_view message);

  RedisClient& client_;
  const RedisBroadcastOptions options_;
  const std::string channel_prefix_;  // <prefix>:broadcast:
  std::atomic<bool> listening_{false};
  std::shared_mutex listeners_mutex_;
  std::map<std::string, std::vector<Listener>, std::less<>> listeners_;  // guarded by it
  std::mutex mutex_;
  std::condition_variable wake_;  // stopping_ or listening_ changed
  bool stopping_ = false;         // guarded by mutex_
  bool restored_ = false;         // guarded by mutex_: the next subscription follows a loss
  int socket_ = -1;               // guarded by mutex_: the subscription's, while receiving
  std::thread thread_;
};

}  // namespace reskflow::cluster
