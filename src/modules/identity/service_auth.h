// Signing in: self-registration, password login with lock-out and the MFA challenge, and the
// challenge's completion with a second factor.
#pragma once

#include <cstdint>
#include <string_view>

#include "audit.h"
#include "context.h"
#include "mail.h"
#include "model.h"
#include "service_account.h"
#include "service_mfa.h"
#include "service_session.h"

namespace reskflow::identity {

// Lock-out of one (account, client address) pair after repeated failures: exponential
// back-off from lockout_base_s, capped at lockout_max_s, and failures while locked are refused
// without being counted, so an attacker cannot extend a lock beyond the cap; other addresses
// (the real user) are not locked by someone else's failures.
struct LockState {
  std::int64_t failures = 0;
  std::int64_t locked_until_us = 0;
  std::int64_t last_failure_at_us = 0;
};
LockState next_lock_state(const LockState& state, std::int64_t now_us,
                          const IdentitySettings& settings);

class AuthService {
 public:
  struct Deps {
    const AuditLog& audit;
    const Mailer& mail;
    SessionService& sessions;
    AccountService& accounts;
    MfaService& mfa;
  };
  AuthService(const Context& context, Deps deps) : ctx_(context), deps_(deps) {}

  // A new account (its email to verify) signed in at once.
  Result<TokenPair> register_account(const NewAccount& account, const Origin& origin);
  Result<LoginOutcome> login(std::string_view email, std::string_view password,
                             const Origin& origin);
  // A token pair, or LoginRefused while the account's second factor is locked after repeated
  // wrong codes (per account: whoever holds the challenge already knows the password).
  Result<LoginOutcome> complete_mfa(std::string_view mfa_token, std::string_view code,
                                    const Origin& origin);

 private:
  // The outcome once the challenge's user and lock are known; nullopt for a wrong code.
  Result<std::optional<LoginOutcome>> try_second_factor(store::Transaction& tx,
                                                        const ChallengeClaims& challenge,
                                                        std::string_view code,
                                                        const Origin& origin);
  Status record_login_failure(store::Transaction& tx, const std::string& lock_key,
                              const std::string& target, const Origin& origin);
  Status count_failure(store::Transaction& tx, const std::string& key, const LockState& lock);

  const Context& ctx_;
  Deps deps_;
};

}  // namespace reskflow::identity
