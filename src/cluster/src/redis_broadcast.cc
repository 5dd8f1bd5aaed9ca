// The broadcast's subscription thread (PSUBSCRIBE on every channel of the prefix, blocking reads
// that stop() interrupts by shutting the socket down) and its commands through the pool.
#include "redis_broadcast.h"

#include <sys/socket.h>

#include <utility>

namespace reskflow::cluster {

RedisBroadcast::RedisBroadcast(RedisClient& client, RedisBroadcastOptions options)
    : client_(client),
      options_(std::move(options)),
      channel_prefix_(options_.key_prefix + ":broadcast:") {
  thread_ = std::thread([this] { run(); });
}

RedisBroadcast::~RedisBroadcast() { stop(); }

void RedisBroadcast::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    if (socket_ >= 0) shutdown(socket_, SHUT_RDWR);
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  listening_ = false;
}

bool RedisBroadcast::wait_until_listening(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  return wake_.wait_for(lock, timeout, [this] { return listening_.load() || stopping_; }) &&
         listening_.load();
}

void RedisBroadcast::run() {
  RedisBackoff backoff;
  for (;;) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
    }
    const auto ended = subscribe_and_receive();
    const bool was_listening = listening_.exchange(false);
    if (was_listening) backoff.succeeded();
    std::unique_lock lock(mutex_);
    if (stopping_) return;
    if (!ended && options_.on_error) options_.on_error(ended.error());
    if (was_listening && options_.on_state) options_.on_state(false, false);
    wake_.wait_for(lock, backoff.failed(), [this] { return stopping_; });
  }
}

Status RedisBroadcast::subscribe_and_receive() {
  RF_TRY(context, connect_redis(options_.endpoint, options_.timeout_ms));
  const auto pattern = channel_prefix_ + "*";
  const char* argv[] = {"PSUBSCRIBE", pattern.c_str()};
  const std::size_t lengths[] = {10, pattern.size()};
  auto* confirmed = static_cast<redisReply*>(redisCommandArgv(context->get(), 2, argv, lengths));
  if (confirmed == nullptr)
    return fail(ErrorCode::unavailable,
                std::string("Redis did not confirm the subscription: ") + (*context)->errstr);
  const auto confirmation = copy_reply(*confirmed);
  freeReplyObject(confirmed);
  if (confirmation.type != RedisReply::Type::array)
    return fail(ErrorCode::unavailable, "Redis refused PSUBSCRIBE: " + confirmation.text);
  // Messages wait for as long as it takes: no read timeout on this connection.
  if (redisSetTimeout(context->get(), timeval{0, 0}) != REDIS_OK)
    return fail(ErrorCode::unavailable, "could not clear the subscription's read timeout");
  bool restored = false;
  {
    // Listeners that listen() from now on were not listening before: only those already
    // there are told (under the listeners' lock) that they may have missed messages.
    std::shared_lock listeners(listeners_mutex_);
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return {};
      socket_ = (*context)->fd;
      listening_ = true;
      restored = std::exchange(restored_, true);
    }
    wake_.notify_all();
    if (options_.on_state) options_.on_state(true, restored);
    // Whatever was cached while not listening may have missed a message.
    for (const auto& [channel, channel_listeners] : listeners_) {
      for (const auto& listener : channel_listeners) listener.on_missed();
    }
  }
  auto received = receive(context->get());
  std::lock_guard lock(mutex_);
  socket_ = -1;
  if (stopping_) return {};
  return received;
}

Status RedisBroadcast::receive(redisContext* context) {
  for (;;) {
    void* raw = nullptr;
    if (redisGetReply(context, &raw) != REDIS_OK || raw == nullptr)
      return fail(ErrorCode::unavailable,
                  std::string("the Redis subscription was lost: ") + context->errstr);
    const auto reply = copy_reply(*static_cast<redisReply*>(raw));
    freeReplyObject(raw);
    // {"pmessage", pattern, channel, message}
    if (reply.type != RedisReply::Type::array || reply.elements.size() != 4 ||
        reply.elements[0].text != "pmessage")
      continue;
    const std::string_view channel = reply.elements[2].text;
    if (!channel.starts_with(channel_prefix_)) continue;
    deliver(channel.substr(channel_prefix_.size()), reply.elements[3].text);
  }
}

void RedisBroadcast::deliver(std::string_view channel, std::string_view message) {
  std::shared_lock lock(listeners_mutex_);
  const auto found = listeners_.find(channel);
  if (found == listeners_.end()) return;
  for (const auto& listener : found->second) listener.on_message(message);
}

void RedisBroadcast::listen(std::string channel, Listener listener) {
  std::unique_lock lock(listeners_mutex_);
  listeners_[std::move(channel)].push_back(std::move(listener));
}

Status RedisBroadcast::publish(std::string_view channel, std::string_view message) {
  const auto name = channel_prefix_ + std::string(channel);
  const std::string_view argv[] = {"PUBLISH", name, message};
  RF_TRY(reply, client_.command(argv));
  if (reply->type == RedisReply::Type::error)
    return fail(ErrorCode::unavailable, "Redis refused PUBLISH: " + reply->text);
  return {};
}

Status RedisBroadcast::mark(std::string_view key, std::chrono::seconds ttl) {
  const auto name = options_.key_prefix + ":mark:" + std::string(key);
  const auto seconds = std::to_string(std::max<std::int64_t>(ttl.count(), 1));
  const std::string_view argv[] = {"SET", name, "1", "EX", seconds};
  RF_TRY(reply, client_.command(argv));
  if (reply->type == RedisReply::Type::error)
    return fail(ErrorCode::unavailable, "Redis refused SET: " + reply->text);
  return {};
}

Result<bool> RedisBroadcast::any_marked(std::span<const std::string> keys) {
  if (keys.empty()) return false;
  std::vector<std::string> names;
  names.reserve(keys.size());
  for (const auto& key : keys) names.push_back(options_.key_prefix + ":mark:" + key);
  std::vector<std::string_view> argv{"EXISTS"};
  argv.insert(argv.end(), names.begin(), names.end());
  RF_TRY(reply, client_.command(argv));
  if (reply->type != RedisReply::Type::integer)
    return fail(ErrorCode::unavailable, "Redis answered EXISTS with " + reply->text);
  return reply->integer > 0;
}

}  // namespace reskflow::cluster
