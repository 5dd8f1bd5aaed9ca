// The events identity publishes (bus, at least once; deduplicate by event id) and their
// payloads. The subject of each is the user id. Consumers include this header instead of
// repeating the names, and read payloads with modules::payload::from_payload.
#pragma once

#include <string>
#include <string_view>

#include <boost/json/conversion.hpp>
#include <boost/json/value.hpp>
#include <boost/system/result.hpp>

namespace reskflow::identity::events {

inline constexpr std::string_view user_registered = "identity.user.registered";
inline constexpr std::string_view user_erased = "identity.user.erased";
inline constexpr std::string_view email_requested = "identity.email.requested";

// identity.user.registered: a new account signed itself up.
struct UserRegistered {
  std::string user_id;
  std::string role;
};

// identity.user.erased: other modules erase or anonymise their copies of this user's personal
// data (GDPR), keeping the ids ledgers need.
struct UserErased {
  std::string user_id;
};

// identity.email.requested: mail for the mail sender. The message (recipient, subject and a
// body that may hold a one-time code) is encrypted with identity's data keys, so the outbox
// holds no secret in the clear; only identity can open it, and erasure deletes these events.
struct EmailRequested {
  std::string user_id;
  std::string message_enc;
};

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out,
                const UserRegistered& event);
boost::system::result<UserRegistered> tag_invoke(
    const boost::json::try_value_to_tag<UserRegistered>&, const boost::json::value& in);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out,
                const UserErased& event);
boost::system::result<UserErased> tag_invoke(const boost::json::try_value_to_tag<UserErased>&,
                                             const boost::json::value& in);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out,
                const EmailRequested& event);
boost::system::result<EmailRequested> tag_invoke(
    const boost::json::try_value_to_tag<EmailRequested>&, const boost::json::value& in);

}  // namespace reskflow::identity::events
