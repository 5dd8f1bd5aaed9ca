// Merchant membership: which merchant-role users are staff of which merchant, at which level,
// and the two-step ownership transfer (an owner offers, the member accepts). Merchants
// themselves belong to catalog; here a merchant is just its id.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "audit.h"
#include "context.h"
#include "model.h"

namespace reskflow::identity {

class MemberService {
 public:
  MemberService(const Context& context, const AuditLog& audit) : ctx_(context), audit_(audit) {}

  // The level of an active account at the merchant, or nullopt.
  Result<std::optional<MerchantLevel>> merchant_level(const std::string& merchant_id,
                                                      const std::string& user_id);
  // Adds or changes a membership in tx: not_found for no active account, validation_failed for
  // an account that is not a merchant account.
  Status put_member(store::Transaction& tx, const std::string& merchant_id,
                    const std::string& user_id, MerchantLevel level);
  Result<std::vector<MemberView>> members(const std::string& merchant_id);
  // A member changes only members below their own level and grants only levels below it;
  // admins change anyone; ownership moves only by a transfer.
  Status add_member(const Actor& caller, const std::string& merchant_id, const std::string& user_id,
                    MerchantLevel level, const Origin& origin);
  // As add_member's rule, and anyone may leave; a store keeps at least one owner.
  Status remove_member(const Actor& caller, const std::string& merchant_id,
                       const std::string& user_id, const Origin& origin);
  Result<std::vector<MerchantMember>> merchants_of(const std::string& user_id);
  // In tx: whether the caller may grant `level` at the merchant (add_member's rule, for a
  // newcomer): not_found for non-members, forbidden at or above their own level.
  Status may_grant(store::Transaction& tx, const Actor& caller, const std::string& merchant_id,
                   MerchantLevel level);
  // In tx: whether the caller may withdraw a grant of `level` (revoke an invitation): members
  // above that level and admins.
  Status may_withdraw(store::Transaction& tx, const Actor& caller, const std::string& merchant_id,
                      MerchantLevel level);
  // The user's level at the merchant, in tx (any account status).
  Result<std::optional<MerchantLevel>> level_of(store::Transaction& tx,
                                                const std::string& merchant_id,
                                                const std::string& user_id) {
    return level_in(tx, merchant_id, user_id);
  }

  Result<OwnershipOffer> offer_ownership(const Actor& caller, const std::string& merchant_id,
                                         const std::string& to_user_id, const Origin& origin);
  // The pending offer, for its recipient, the owners and admins (not_found for others).
  Result<OwnershipOffer> ownership_offer(const Actor& caller, const std::string& merchant_id);
  // The recipient becomes owner; the sender stays on as manager.
  Status accept_ownership(const Actor& caller, const std::string& merchant_id,
                          const Origin& origin);
  Status withdraw_ownership_offer(const Actor& caller, const std::string& merchant_id,
                                  const Origin& origin);

 private:
  // The user's level at the merchant (only while their account is active, if asked).
  Result<std::optional<MerchantLevel>> level_in(store::Transaction& tx,
                                                const std::string& merchant_id,
                                                const std::string& user_id,
                                                bool active_only = false);
  // conflict unless the merchant has another owner besides the one about to go.
  Status keep_an_owner(store::Transaction& tx, const std::string& merchant_id);
  Result<OwnershipOffer> offer_of(store::Transaction& tx, const std::string& merchant_id);

  const Context& ctx_;
  const AuditLog& audit_;
};

}  // namespace reskflow::identity
