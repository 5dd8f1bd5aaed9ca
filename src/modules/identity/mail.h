// Outgoing mail through the outbox: identity.email.requested events whose message (address,
// subject, body with a one-time code) is sealed with the data keys, the one-time codes those
// mails carry, and the opening of a sealed message for the mail sender.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <boost/json/conversion.hpp>
#include <boost/json/value.hpp>
#include <boost/system/result.hpp>

#include "context.h"
#include "model.h"

namespace reskflow::identity {

// What a one-time emailed code is for; each has its own lifetime and message.
enum class EmailPurpose : std::uint8_t { verify_email, password_reset };
std::string_view purpose_name(EmailPurpose purpose);

// The sealed message's JSON form.
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out, const MailMessage& m);
boost::system::result<MailMessage> tag_invoke(const boost::json::try_value_to_tag<MailMessage>&,
                                              const boost::json::value& in);

class Mailer {
 public:
  explicit Mailer(const Context& context) : ctx_(context) {}

  // Publishes the message in tx, sealed: the outbox keeps only the user id in the clear
  // (issue 20: codes and addresses sat there in plain text).
  Status send(store::Transaction& tx, const std::string& user_id, const MailMessage& message) const;
  // Stores a new one-time code for the user and mails it to `email`, in tx.
  Status send_code(store::Transaction& tx, const std::string& user_id, const std::string& email,
                   EmailPurpose purpose) const;
  // The message of an identity.email.requested event's payload (decrypted).
  Result<MailMessage> open(std::string_view payload_json) const;

 private:
  const Context& ctx_;
};

}  // namespace reskflow::identity
