// Sealed mail in the outbox, and the one-time codes sent by mail (stored as SHA-256).
#include "mail.h"

#include <boost/json.hpp>

#include "crypto.h"
#include "repository_accounts.h"
#include "reskflow/bus/outbox.h"
#include "reskflow/identity/events.h"
#include "reskflow/modules/payload.h"

namespace reskflow::identity {

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out, const MailMessage& m) {
  out = {{"to", m.to}, {"subject", m.subject}, {"body", m.body}};
}

boost::system::result<MailMessage> tag_invoke(const boost::json::try_value_to_tag<MailMessage>&,
                                              const boost::json::value& in) {
  const auto* object = in.if_object();
  if (object == nullptr) return boost::json::make_error_code(boost::json::error::not_object);
  MailMessage m;
  boost::system::error_code ec;
  modules::payload::read(*object, "to", m.to, ec);
  modules::payload::read(*object, "subject", m.subject, ec);
  modules::payload::read(*object, "body", m.body, ec);
  if (ec) return ec;
  return m;
}

std::string_view purpose_name(EmailPurpose purpose) {
  return purpose == EmailPurpose::password_reset ? "password_reset" : "verify_email";
}

Status Mailer::send(store::Transaction& tx, const std::string& user_id,
                    const MailMessage& message) const {
  const events::EmailRequested payload{
      user_id, ctx_.encrypt(modules::payload::to_payload(message), column::mail)};
  RF_TRY(id, bus::publish(tx, {std::string(events::email_requested), user_id,
                               modules::payload::to_payload(payload)}));
  return {};
}

Status Mailer::send_code(store::Transaction& tx, const std::string& user_id,
                         const std::string& email, EmailPurpose purpose) const {
  const auto token = random_token("");
  const bool reset = purpose == EmailPurpose::password_reset;
  const auto& s = ctx_.settings();
  const auto ttl_s = reset ? s.reset_token_ttl_s : s.verify_token_ttl_s;
  const auto now = ctx_.now_us();
  RF_TRY(stored,
         repository::insert_one_time_token(tx, hex(sha256(token)), user_id, purpose_name(purpose),
                                           now, now + ttl_s * 1'000'000));
  if (reset)
    return send(tx, user_id,
                {email, "Reset your ReskFlow password",
                 "Use this code to choose a new password within an hour: " + token});
  return send(tx, user_id,
              {email, "Verify your ReskFlow email address",
               "Use this code to verify your email address: " + token});
}

Result<MailMessage> Mailer::open(std::string_view payload_json) const {
  auto payload =
      modules::payload::from_payload<events::EmailRequested>(events::email_requested, payload_json);
  if (!payload) return fail(ErrorCode::validation_failed, "not an identity mail event");
  RF_TRY(plain, ctx_.cipher().decrypt(payload->message_enc, column::mail));
  auto message = modules::payload::from_payload<MailMessage>("identity mail", *plain);
  if (!message) return fail(ErrorCode::internal, "a mail event is corrupt");
  return std::move(*message);
}

}  // namespace reskflow::identity
