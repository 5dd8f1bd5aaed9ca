// Staff invitations by email: an owner or manager invites an address at a level below their
// own; whoever signs in with that address, verified, sees the invitation and accepts or
// declines it until it expires. Inviting never looks the address up, so the answer is the same
// whether or not it has an account.
#pragma once

#include <string>
#include <vector>

#include "audit.h"
#include "context.h"
#include "mail.h"
#include "model.h"
#include "service_members.h"

namespace reskflow::identity {
namespace repository {
struct InvitationRow;
}  // namespace repository

class InvitationService {
 public:
  InvitationService(const Context& context, const AuditLog& audit, const Mailer& mail,
                    MemberService& members)
      : ctx_(context), audit_(audit), mail_(mail), members_(members) {}

  // add_member's rule for the level; a new invitation to the same address replaces a pending
  // one. The invitation mail goes out through the outbox, sealed.
  Result<Invitation> invite(const Actor& caller, const std::string& merchant_id,
                            const std::string& email, MerchantLevel level, const Origin& origin);
  // The merchant's pending invitations (for its staff; the routes check that).
  Result<std::vector<Invitation>> pending(const std::string& merchant_id);
  // Members above the invitation's level and admins; not_found otherwise.
  Status revoke(const Actor& caller, const std::string& merchant_id,
                const std::string& invitation_id, const Origin& origin);
  // The pending invitations to the caller's verified address.
  Result<std::vector<Invitation>> mine(const std::string& user_id);
  // Joins the staff at the invited level (a merchant account that is not on the staff yet).
  Status accept(const Actor& caller, const std::string& invitation_id, const Origin& origin);
  Status decline(const Actor& caller, const std::string& invitation_id, const Origin& origin);

 private:
  Result<Invitation> invitation_to(store::Transaction& tx, const std::string& user_id,
                                   const std::string& invitation_id);
  Invitation typed(const repository::InvitationRow& row) const;

  const Context& ctx_;
  const AuditLog& audit_;
  const Mailer& mail_;
  MemberService& members_;
};

}  // namespace reskflow::identity
