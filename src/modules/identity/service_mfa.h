// Second factors: TOTP enrolment (otpauth URI), confirmation with one-use recovery codes,
// second-factor checks with replay refusal, and disabling (never for admins: MFA is required).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "audit.h"
#include "context.h"
#include "model.h"
#include "service_session.h"

namespace reskflow::identity {

class MfaService {
 public:
  MfaService(const Context& context, const AuditLog& audit, SessionService& sessions)
      : ctx_(context), audit_(audit), sessions_(sessions) {}

  Result<TotpEnrolment> enrol(const std::string& user_id, const Origin& origin);
  // Enables TOTP and returns the recovery codes (shown once); the confirming session counts
  // as multi-factor from then on.
  Result<std::vector<std::string>> confirm(const http::Principal& caller, std::string_view code,
                                           const Origin& origin);
  Status disable(const http::Principal& caller, std::string_view code, const Origin& origin);
  // A TOTP code (each time step accepted once) or an unused recovery code, in tx.
  Result<bool> check(store::Transaction& tx, const std::string& user_id, std::string_view code);

 private:
  const Context& ctx_;
  const AuditLog& audit_;
  SessionService& sessions_;
};

}  // namespace reskflow::identity
