// The Redis connection pool: commands borrow a connection, a failed one is closed with every idle
// one (after a restart they are all dead), and no new connection is tried before the backoff.
#include "redis_client.h"

#include <openssl/evp.h>
#include <sys/time.h>

#include <algorithm>
#include <charconv>
#include <optional>
#include <utility>

namespace reskflow::cluster {
namespace {

std::optional<std::int64_t> number(std::string_view text) {
  std::int64_t out = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return out;
}

Error url_error(std::string_view detail) {
  return Error{
      ErrorCode::validation_failed, "REDIS_URL is malformed", {{"REDIS_URL", std::string(detail)}}};
}

timeval to_timeval(std::chrono::milliseconds timeout) {
  return {static_cast<time_t>(timeout.count() / 1000),
          static_cast<suseconds_t>((timeout.count() % 1000) * 1000)};
}

std::string where(const RedisEndpoint& endpoint) {
  return endpoint.host + ":" + std::to_string(endpoint.port);
}

Result<RedisReply> run(redisContext* context, std::span<const std::string_view> argv) {
  std::vector<const char*> args;
  std::vector<std::size_t> lengths;
  for (const auto arg : argv) {
    args.push_back(arg.data());
    lengths.push_back(arg.size());
  }
  auto* raw = static_cast<redisReply*>(
      redisCommandArgv(context, static_cast<int>(args.size()), args.data(), lengths.data()));
  if (raw == nullptr)
    return fail(ErrorCode::unavailable, std::string("Redis did not answer: ") + context->errstr);
  auto out = copy_reply(*raw);
  freeReplyObject(raw);
  return out;
}

// AUTH and SELECT on a fresh connection, when the URL asks for them.
Status prepare(redisContext* context, const RedisEndpoint& endpoint) {
  std::vector<std::vector<std::string_view>> steps;
  if (!endpoint.password.empty()) steps.push_back({"AUTH", endpoint.password});
  const auto database = std::to_string(endpoint.database);
  if (endpoint.database != 0) steps.push_back({"SELECT", database});
  for (const auto& argv : steps) {
    RF_TRY(reply, run(context, argv));
    if (reply->type == RedisReply::Type::error)
      return fail(ErrorCode::unavailable,
                  "Redis refused " + std::string(argv[0]) + ": " + reply->text);
  }
  return {};
}

}  // namespace

Result<RedisEndpoint> parse_redis_url(std::string_view url) {
  constexpr std::string_view scheme = "redis://";
  if (!url.starts_with(scheme)) return std::unexpected(url_error("must start with redis://"));
  auto rest = url.substr(scheme.size());
  RedisEndpoint out;
  if (const auto at = rest.rfind('@'); at != std::string_view::npos) {
    const auto userinfo = rest.substr(0, at);
    const auto colon = userinfo.find(':');
    out.password =
        std::string(colon == std::string_view::npos ? userinfo : userinfo.substr(colon + 1));
    rest = rest.substr(at + 1);
  }
  if (const auto slash = rest.find('/'); slash != std::string_view::npos) {
    const auto database = rest.substr(slash + 1);
    const auto n = number(database);
    if (!database.empty() && (!n || *n < 0))
      return std::unexpected(url_error("the database after / must be a number"));
    out.database = n.value_or(0);
    rest = rest.substr(0, slash);
  }
  if (const auto colon = rest.rfind(':'); colon != std::string_view::npos) {
    const auto port = number(rest.substr(colon + 1));
    if (!port || *port < 1 || *port > 65535)
      return std::unexpected(url_error("the port must be a number from 1 to 65535"));
    out.port = static_cast<int>(*port);
    rest = rest.substr(0, colon);
  }
  if (rest.empty()) return std::unexpected(url_error("names no host"));
  out.host = std::string(rest);
  return out;
}

RedisReply copy_reply(const redisReply& reply) {
  RedisReply out;
  switch (reply.type) {
    case REDIS_REPLY_INTEGER:
      out.type = RedisReply::Type::integer;
      out.integer = reply.integer;
      break;
    case REDIS_REPLY_STRING:
    case REDIS_REPLY_STATUS:
    case REDIS_REPLY_ERROR:
      out.type = reply.type == REDIS_REPLY_STRING   ? RedisReply::Type::text
                 : reply.type == REDIS_REPLY_STATUS ? RedisReply::Type::status
                                                    : RedisReply::Type::error;
      out.text.assign(reply.str, reply.len);
      break;
    case REDIS_REPLY_ARRAY:
      out.type = RedisReply::Type::array;
      for (std::size_t i = 0; i < reply.elements; ++i)
        out.elements.push_back(copy_reply(*reply.element[i]));
      break;
    default: break;
  }
  return out;
}

Result<RedisContextPtr> connect_redis(const RedisEndpoint& endpoint,
                                      std::chrono::milliseconds timeout) {
  const auto tv = to_timeval(timeout);
  RedisContextPtr context(redisConnectWithTimeout(endpoint.host.c_str(), endpoint.port, tv));
  if (!context) return fail(ErrorCode::unavailable, "no memory for a Redis connection");
  if (context->err != 0)
    return fail(ErrorCode::unavailable,
                "Redis at " + where(endpoint) + " is unreachable: " + context->errstr);
  if (redisSetTimeout(context.get(), tv) != REDIS_OK ||
      redisEnableKeepAlive(context.get()) != REDIS_OK)
    return fail(ErrorCode::unavailable,
                "could not set up the Redis connection to " + where(endpoint));
  RF_TRY(ready, prepare(context.get(), endpoint));
  return context;
}

std::string redis_script_sha1(std::string_view source) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(source.data(), source.size(), digest, &size, EVP_sha1(), nullptr);
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < size; ++i) {
    out.push_back(digits[digest[i] >> 4]);
    out.push_back(digits[digest[i] & 0xf]);
  }
  return out;
}

std::chrono::milliseconds RedisBackoff::failed() {
  const auto wait = next_;
  next_ = std::min(next_ * 2, backoff_max);
  return wait;
}

RedisClient::RedisClient(RedisClientOptions options) : options_(std::move(options)) {}

Result<RedisReply> RedisClient::command(std::span<const std::string_view> argv) {
  auto context = acquire();
  if (!context) {
    if (options_.on_error) options_.on_error(context.error());
    return std::unexpected(context.error());
  }
  auto reply = run(context->get(), argv);
  if (!reply) {
    context->reset();
    lost();
    if (options_.on_error) options_.on_error(reply.error());
    return reply;
  }
  release(std::move(*context));
  return reply;
}

Status RedisClient::ping() {
  const std::string_view argv[] = {"PING"};
  RF_TRY(reply, command(argv));
  if (reply->type != RedisReply::Type::status || reply->text != "PONG")
    return fail(ErrorCode::unavailable, "Redis answered PING with " + reply->text);
  return {};
}

void RedisClient::renew() {
  std::lock_guard lock(mutex_);
  open_ -= idle_.size();
  idle_.clear();
  retry_at_ = {};
  backoff_.succeeded();
}

Result<RedisContextPtr> RedisClient::acquire() {
  std::unique_lock lock(mutex_);
  const auto deadline = std::chrono::steady_clock::now() + options_.timeout_ms;
  for (;;) {
    if (!idle_.empty()) {
      auto context = std::move(idle_.back());
      idle_.pop_back();
      return context;
    }
    const auto now = std::chrono::steady_clock::now();
    if (open_ < options_.connections_max) {
      if (now < retry_at_)
        return fail(ErrorCode::unavailable,
                    "Redis is unreachable; the next attempt is in " +
                        std::to_string(
                            std::chrono::ceil<std::chrono::milliseconds>(retry_at_ - now).count()) +
                        " ms");
      ++open_;
      lock.unlock();
      auto context = connect_redis(options_.endpoint, options_.timeout_ms);
      lock.lock();
      if (!context) {
        --open_;
        retry_at_ = std::chrono::steady_clock::now() + backoff_.failed();
        if (std::exchange(up_, false) && options_.on_state) options_.on_state(false);
        return context;
      }
      backoff_.succeeded();
      if (!std::exchange(up_, true) && options_.on_state) options_.on_state(true);
      return context;
    }
    if (idle_ready_.wait_until(lock, deadline) == std::cv_status::timeout)
      return fail(ErrorCode::unavailable, "every Redis connection stayed busy for " +
                                              std::to_string(options_.timeout_ms.count()) + " ms");
  }
}

void RedisClient::release(RedisContextPtr context) {
  {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(context));
  }
  idle_ready_.notify_one();
}

void RedisClient::lost() {
  {
    std::lock_guard lock(mutex_);
    open_ -= 1 + idle_.size();
    idle_.clear();
    retry_at_ = std::chrono::steady_clock::now() + backoff_.failed();
    if (std::exchange(up_, false) && options_.on_state) options_.on_state(false);
  }
  idle_ready_.notify_all();
}

}  // namespace reskflow::cluster
