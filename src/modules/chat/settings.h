// The chat module's typed settings (RESKFLOW_CHAT_*).
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "reskflow/core/errors.h"

namespace reskflow::chat {

struct ChatSettings {
  // The longest message, in characters (Unicode code points); 422 above.
  std::int64_t message_chars_max = 2000;
  // Messages one user may send: a burst, then so many a minute (429 with Retry-After above).
  std::int64_t messages_burst = 20;
  std::int64_t messages_per_minute = 30;
  // Typing indicators one user may send a minute (they are dropped with an error above).
  std::int64_t typing_per_minute = 60;
  // Open support conversations one user may have at a time (409 for another).
  std::int64_t open_support_conversations_max = 5;
};

// Reads RESKFLOW_CHAT_* from `environment`; unknown keys and out-of-range values are refused.
Result<ChatSettings> load_settings(const std::map<std::string, std::string>& environment);

}  // namespace reskflow::chat
