// RESKFLOW_CHAT_MESSAGE_CHARS_MAX (1..20000, default 2000), MESSAGES_BURST (1..1000, default
// 20), MESSAGES_PER_MINUTE (1..6000, default 30), TYPING_PER_MINUTE (1..6000, default 60),
// OPEN_SUPPORT_CONVERSATIONS_MAX (1..100, default 5).
#include "settings.h"

#include "reskflow/modules/settings.h"

namespace reskflow::chat {

Result<ChatSettings> load_settings(const std::map<std::string, std::string>& environment) {
  modules::Settings s("chat", environment);
  ChatSettings out;
  out.message_chars_max = s.integer("MESSAGE_CHARS_MAX", out.message_chars_max, 1, 20'000);
  out.messages_burst = s.integer("MESSAGES_BURST", out.messages_burst, 1, 1000);
  out.messages_per_minute = s.integer("MESSAGES_PER_MINUTE", out.messages_per_minute, 1, 6000);
  out.typing_per_minute = s.integer("TYPING_PER_MINUTE", out.typing_per_minute, 1, 6000);
  out.open_support_conversations_max =
      s.integer("OPEN_SUPPORT_CONVERSATIONS_MAX", out.open_support_conversations_max, 1, 100);
  if (auto ok = s.finish(); !ok) return std::unexpected(ok.error());
  return out;
}

}  // namespace reskflow::chat
