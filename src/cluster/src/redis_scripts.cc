// Scripts by their SHA-1, sent whole only after Redis lost its script cache.
#include "redis_scripts.h"

#include <vector>

namespace reskflow::cluster {

Result<modules::RedisValue> RedisScriptRunner::run(std::string_view source,
                                                   std::span<const std::string> keys,
                                                   std::span<const std::string> args) {
  const auto sha = redis_script_sha1(source);
  const auto key_count = std::to_string(keys.size());
  std::vector<std::string_view> argv{"EVALSHA", sha, key_count};
  argv.insert(argv.end(), keys.begin(), keys.end());
  argv.insert(argv.end(), args.begin(), args.end());
  auto reply = client_.command(argv);
  if (reply && reply->type == RedisReply::Type::error && reply->text.starts_with("NOSCRIPT")) {
    argv[0] = "EVAL";
    argv[1] = source;
    reply = client_.command(argv);
  }
  return reply;
}

}  // namespace reskflow::cluster
