// Ownership transfer of a merchant, in two steps: an owner offers the store to one of its
// members, who accepts; the former owner then stays on as manager. Either side may withdraw.
#include "repository_members.h"
#include "service_members.h"

namespace reskflow::identity {

Result<OwnershipOffer> MemberService::offer_of(store::Transaction& tx,
                                               const std::string& merchant_id) {
  RF_TRY(offer, repository::live_offer(tx, merchant_id, ctx_.now_us()));
  if (!*offer) return fail(ErrorCode::not_found, "no ownership transfer is pending");
  return std::move(**offer);
}

Result<OwnershipOffer> MemberService::offer_ownership(const Actor& caller,
                                                      const std::string& merchant_id,
                                                      const std::string& to_user_id,
                                                      const Origin& origin) {
  return ctx_.db().write([&](store::Transaction& tx) -> Result<OwnershipOffer> {
    RF_TRY(mine, level_in(tx, merchant_id, caller.id));
    if (!*mine) return fail(ErrorCode::not_found, "no such merchant");
    if (*mine != MerchantLevel::owner)
      return fail(ErrorCode::forbidden, "only an owner can transfer the ownership");
    RF_TRY(theirs, level_in(tx, merchant_id, to_user_id, true));
    if (!*theirs)
      return fail(ErrorCode::validation_failed, "the new owner must be a member of this store",
                  {{"user_id", "is not an active member of this store"}});
    if (*theirs == MerchantLevel::owner)
      return fail(ErrorCode::conflict, "this member is already an owner");
    const auto now = ctx_.now_us();
    OwnershipOffer offer{merchant_id, caller.id, to_user_id, now,
                         now + ctx_.settings().ownership_offer_ttl_s * 1'000'000};
    RF_TRY(saved, repository::put_offer(tx, offer));
    RF_TRY(audited, audit_.append(tx, caller, origin,
                                  {"merchant.ownership_offered", "merchant", merchant_id, "success",
                                   audit_detail({{"to_user_id", to_user_id}})}));
    return offer;
  });
}

Result<OwnershipOffer> MemberService::ownership_offer(const Actor& caller,
                                                      const std::string& merchant_id) {
  return ctx_.db().read([&](store::Transaction& tx) -> Result<OwnershipOffer> {
    RF_TRY(offer, offer_of(tx, merchant_id));
    if (caller.role == role_admin) return *offer;
    RF_TRY(mine, level_in(tx, merchant_id, caller.id));
    // The recipient and the owners see the offer; other staff do not.
    if (offer->to_user_id != caller.id && *mine != MerchantLevel::owner)
      return fail(ErrorCode::not_found, "no ownership transfer is pending");
    return *offer;
  });
}

Status MemberService::accept_ownership(const Actor& caller, const std::string& merchant_id,
                                       const Origin& origin) {
  return ctx_.db().write([&](store::Transaction& tx) -> Status {
    auto offer = offer_of(tx, merchant_id);
    if (!offer || offer->to_user_id != caller.id)
      return fail(ErrorCode::not_found, "no ownership transfer is offered to you at this store");
    RF_TRY(from, level_in(tx, merchant_id, offer->from_user_id));
    RF_TRY(to, level_in(tx, merchant_id, caller.id, true));
    if (*from != MerchantLevel::owner || !*to)
      return fail(ErrorCode::conflict,
                  "the offer lapsed: its sender is no longer an owner or you left the store");
    RF_TRY(up, put_member(tx, merchant_id, caller.id, MerchantLevel::owner));
    RF_TRY(down, put_member(tx, merchant_id, offer->from_user_id, MerchantLevel::manager));
    RF_TRY(gone, repository::delete_offer(tx, merchant_id));
    return audit_.append(
        tx, caller, origin,
        {"merchant.ownership_transferred", "merchant", merchant_id, "success",
         audit_detail({{"from_user_id", offer->from_user_id}, {"to_user_id", caller.id}})});
  });
}

Status MemberService::withdraw_ownership_offer(const Actor& caller, const std::string& merchant_id,
                                               const Origin& origin) {
  return ctx_.db().write([&](store::Transaction& tx) -> Status {
    RF_TRY(offer, offer_of(tx, merchant_id));
    RF_TRY(mine, level_in(tx, merchant_id, caller.id));
    const bool party = offer->to_user_id == caller.id || *mine == MerchantLevel::owner ||
                       caller.role == role_admin;
    if (!party) return fail(ErrorCode::not_found, "no ownership transfer is pending");
    RF_TRY(gone, repository::delete_offer(tx, merchant_id));
    return audit_.append(tx, caller, origin,
                         {"merchant.ownership_offer_withdrawn", "merchant", merchant_id, "success",
                          audit_detail({{"to_user_id", offer->to_user_id}})});
  });
}

}  // namespace reskflow::identity
