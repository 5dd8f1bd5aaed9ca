// Administration of accounts: create accounts of any role, search, suspend and reinstate,
// change roles. Admin role and a second factor are the guard's business, not this service's.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "audit.h"
#include "context.h"
#include "model.h"
#include "service_account.h"
#include "service_session.h"

namespace reskflow::identity {

class AdminService {
 public:
  AdminService(const Context& context, const AuditLog& audit, SessionService& sessions,
               AccountService& accounts)
      : ctx_(context), audit_(audit), sessions_(sessions), accounts_(accounts) {}

  Result<CreatedUser> create_user(const Actor& admin, const NewAccount& account,
                                  const Origin& origin);
  // filter.limit + 1 rows at most (the routes learn from the extra row that more remain).
  Result<std::vector<UserSummary>> search_users(const UserFilter& filter);
  // "active" reinstates; any other status suspends and ends the account's sessions.
  Status set_user_status(const Actor& admin, const std::string& user_id, const std::string& status,
                         const Origin& origin);
  // Ends the account's sessions: tokens carry the role, so the next login gets the new one.
  Status set_user_role(const Actor& admin, const std::string& user_id, const std::string& role,
                       const Origin& origin);

 private:
  const Context& ctx_;
  const AuditLog& audit_;
  SessionService& sessions_;
  AccountService& accounts_;
};

}  // namespace reskflow::identity
