// Accounts: creation (password hashed, personal fields encrypted), the caller's profile, password
// change and reset, and email verification.
#pragma once

#include <string>
#include <string_view>

#include "audit.h"
#include "context.h"
#include "mail.h"
#include "model.h"
#include "service_session.h"

namespace reskflow::identity {

class AccountService {
 public:
  AccountService(const Context& context, const AuditLog& audit, const Mailer& mail,
                 SessionService& sessions)
      : ctx_(context), audit_(audit), mail_(mail), sessions_(sessions) {}

  // Inserts an active account in tx: conflict when the email is taken. Its id.
  Result<std::string> create(store::Transaction& tx, const NewAccount& account);
  Result<Profile> profile(const std::string& user_id);
  Result<Profile> update_profile(const std::string& user_id, const ProfileChange& change,
                                 const Origin& origin);
  // Ends the caller's other sessions.
  Status change_password(const http::Principal& caller, std::string_view current,
                         std::string_view next, const Origin& origin);
  // The same answer whether or not an active account has this email (no enumeration).
  Status request_password_reset(std::string_view email, const Origin& origin);
  // Ends every session of the account.
  Status confirm_password_reset(std::string_view token, std::string_view password,
                                const Origin& origin);
  Status verify_email(std::string_view token, const Origin& origin);
  Status resend_verification(const std::string& user_id);

 private:
  const Context& ctx_;
  const AuditLog& audit_;
  const Mailer& mail_;
  SessionService& sessions_;
};

}  // namespace reskflow::identity
