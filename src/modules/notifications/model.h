// The notifications module's stored values: inbox items, queued sends, push subscriptions, and
// pages of them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "reskflow/modules/page.h"
#include "templates.h"

namespace reskflow::notifications {

using modules::PageRequest;

template <class T>
struct Page {
  std::vector<T> items;
  std::optional<std::string> next_cursor;
};

struct InboxItem {
  std::string id;
  std::string user_id;
  Kind kind = Kind::order;
  std::string title;
  std::string body;
  std::string subject_id;
  std::int64_t created_at_us = 0;
  std::optional<std::int64_t> read_at_us;
};

inline constexpr std::string_view status_pending = "pending";
inline constexpr std::string_view status_sent = "sent";
inline constexpr std::string_view status_skipped = "skipped";
inline constexpr std::string_view status_dead = "dead";

// One device's Web Push subscription (the keys as raw bytes).
struct PushSubscription {
  std::string id;
  std::string user_id;
  std::string endpoint;
  std::string p256dh;
  std::string auth;
  std::int64_t created_at_us = 0;
};

// One email, SMS or push message in the queue.
struct Send {
  std::string id;
  std::string user_id;
  Channel channel = Channel::email;
  Kind kind = Kind::order;
  std::string event_id;
  std::string subject;
  std::string text;
  std::string html;
  std::optional<std::string> sealed;  // identity's sealed mail: opened only when sending
  std::string status;
  std::int64_t attempts = 0;
  std::int64_t next_attempt_at_us = 0;
  std::string last_error;
  std::optional<std::string> provider_id;
  std::optional<std::string> provider_status;
  std::int64_t created_at_us = 0;
  std::int64_t updated_at_us = 0;
  std::string subscription_id;  // Web Push: the device; empty for email and SMS
};

}  // namespace reskflow::notifications
