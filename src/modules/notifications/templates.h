// The kinds of notification and their channels, and the templates that turn a consumed event
// into the title, plain text and HTML one recipient reads, in their language and time zone.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "reskflow/core/errors.h"
#include "reskflow/modules/money.h"

namespace reskflow::notifications {

// What a notification is about; a user chooses channels per kind.
enum class Kind : std::uint8_t { order, delivery, payment, account, security, chat };
enum class Channel : std::uint8_t { email, sms, in_app, push };

inline constexpr std::array all_kinds{Kind::order,   Kind::delivery, Kind::payment,
                                      Kind::account, Kind::security, Kind::chat};
inline constexpr std::array all_channels{Channel::email, Channel::sms, Channel::in_app,
                                         Channel::push};

std::string_view kind_name(Kind kind);
std::optional<Kind> kind_of(std::string_view name);
std::string_view channel_name(Channel channel);
std::optional<Channel> channel_of(std::string_view name);

// Before a user chooses: email, in-app and Web Push on, SMS off; security mail (codes) always by
// email and never elsewhere, whatever is stored; chat messages in the inbox and by push, never by
// email or SMS (one mail per message would flood a mailbox).
bool default_enabled(Kind kind, Channel channel);
// Security mail cannot be turned off, nor turned on elsewhere; chat cannot be turned on by email
// or SMS.
bool choice_fixed(Kind kind, Channel channel);

inline constexpr std::array supported_locales{std::string_view("en"), std::string_view("fr"),
                                              std::string_view("de")};
bool supported_locale(std::string_view locale);

// What one event tells one recipient, before rendering.
struct Notice {
  std::string event_type;  // the template: "orders.order.delivered", ...
  Kind kind = Kind::order;
  std::string user_id;
  std::string subject_id;  // the order the notice is about (the user for account notices, the
                           // conversation for chat)
  std::optional<modules::Money> amount;
  std::int64_t at_us = 0;
  std::string reason;  // failures: why, in plain words
};

struct Rendered {
  std::string title;
  std::string text;
  std::string html;
};

// How a recipient reads dates and amounts.
struct Reader {
  std::string locale = "en";
  std::string time_zone = "UTC";
};

// The kind of notification an event type makes; nullopt for an event without a template.
std::optional<Kind> template_kind(std::string_view event_type);
// not_found when the event type has no template.
Result<Rendered> render(const Notice& notice, const Reader& reader);

// "€1,234.50" (en), "1 234,50 €" (fr), "1.234,50 €" (de); other currencies by their code.
std::string format_money(const modules::Money& money, std::string_view locale);
// "28 Nov 2026, 10:10" (en), "28 nov. 2026 à 10:10" (fr), "28.11.2026, 10:10" (de) in `zone`
// (UTC when the zone is unknown).
std::string format_time(std::int64_t at_us, std::string_view locale, const std::string& zone);

}  // namespace reskflow::notifications
