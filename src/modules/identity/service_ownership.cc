// Ownership transfer of a merchant, in two steps: an owner offers the store to one of its
// members, who accepts; the former owner then stays on as manager. Either side may withdraw.
#include <boost/json.hpp>

#include "service.h"
#include "service_util.h"

namespace reskflow::identity {
namespace {

Result<OwnershipOffer> offer_of(store::Transaction& tx, std::string_view merchant_id,
                                std::int64_t now) {
  RF_TRY(rows, tx.query("SELECT from_user_id, to_user_id, created_at_us, expires_at_us FROM "
                        "identity_ownership_transfers WHERE merchant_id = $1 AND "
                        "expires_at_us > $2",
                        {std::string(merchant_id), now}));
  if (rows->empty()) return fail(ErrorCode::not_found, "no ownership transfer is pending");
  const auto r = rows->front();
  return OwnershipOffer{std::string(merchant_id), r.text(0), r.text(1), r.int64(2), r.int64(3)};
}

}  // namespace

Result<OwnershipOffer> Service::offer_ownership(const Actor& caller, std::string_view merchant_id,
                                                std::string_view to_user_id, const Origin& origin) {
  return db_.write([&](store::Transaction& tx) -> Result<OwnershipOffer> {
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
    const auto now = clock_();
    OwnershipOffer offer{std::string(merchant_id), caller.id, std::string(to_user_id), now,
                         now + settings_.ownership_offer_ttl_s * 1'000'000};
    RF_TRY(saved, tx.exec("INSERT INTO identity_ownership_transfers (merchant_id, from_user_id, "
                          "to_user_id, created_at_us, expires_at_us) VALUES ($1, $2, $3, $4, $5) "
                          "ON CONFLICT (merchant_id) DO UPDATE SET from_user_id = $2, "
                          "to_user_id = $3, created_at_us = $4, expires_at_us = $5",
                          {offer.merchant_id, offer.from_user_id, offer.to_user_id,
                           offer.created_at_us, offer.expires_at_us}));
    RF_TRY(audited, append_audit(tx, caller, origin,
                                 {"merchant.ownership_offered",
                                  "merchant",
                                  offer.merchant_id,
                                  "success",
                                  {{"to_user_id", offer.to_user_id}}}));
    return offer;
  });
}

Result<OwnershipOffer> Service::ownership_offer(const Actor& caller, std::string_view merchant_id) {
  return db_.read([&](store::Transaction& tx) -> Result<OwnershipOffer> {
    RF_TRY(offer, offer_of(tx, merchant_id, clock_()));
    if (caller.role == role_admin) return *offer;
    RF_TRY(mine, level_in(tx, merchant_id, caller.id));
    // The recipient and the owners see the offer; other staff do not.
    if (offer->to_user_id != caller.id && *mine != MerchantLevel::owner)
      return fail(ErrorCode::not_found, "no ownership transfer is pending");
    return *offer;
  });
}

Status Service::accept_ownership(const Actor& caller, std::string_view merchant_id,
                                 const Origin& origin) {
  return db_.write([&](store::Transaction& tx) -> Status {
    auto offer = offer_of(tx, merchant_id, clock_());
    if (!offer || offer->to_user_id != caller.id)
      return fail(ErrorCode::not_found, "no ownership transfer is offered to you at this store");
    RF_TRY(from, level_in(tx, merchant_id, offer->from_user_id));
    RF_TRY(to, level_in(tx, merchant_id, caller.id, true));
    if (*from != MerchantLevel::owner || !*to)
      return fail(ErrorCode::conflict,
                  "the offer lapsed: its sender is no longer an owner or you left the store");
    RF_TRY(up, put_member(tx, merchant_id, caller.id, MerchantLevel::owner));
    RF_TRY(down, put_member(tx, merchant_id, offer->from_user_id, MerchantLevel::manager));
    RF_TRY(gone, tx.exec("DELETE FROM identity_ownership_transfers WHERE merchant_id = $1",
                         {std::string(merchant_id)}));
    return append_audit(tx, caller, origin,
                        {"merchant.ownership_transferred",
                         "merchant",
                         std::string(merchant_id),
                         "success",
                         {{"from_user_id", offer->from_user_id}, {"to_user_id", caller.id}}});
  });
}

Status Service::withdraw_ownership_offer(const Actor& caller, std::string_view merchant_id,
                                         const Origin& origin) {
  return db_.write([&](store::Transaction& tx) -> Status {
    auto offer = offer_of(tx, merchant_id, clock_());
    if (!offer) return std::unexpected(offer.error());
    RF_TRY(mine, level_in(tx, merchant_id, caller.id));
    const bool party = offer->to_user_id == caller.id || *mine == MerchantLevel::owner ||
                       caller.role == role_admin;
    if (!party) return fail(ErrorCode::not_found, "no ownership transfer is pending");
    RF_TRY(gone, tx.exec("DELETE FROM identity_ownership_transfers WHERE merchant_id = $1",
                         {std::string(merchant_id)}));
    return append_audit(tx, caller, origin,
                        {"merchant.ownership_offer_withdrawn",
                         "merchant",
                         std::string(merchant_id),
                         "success",
                         {{"to_user_id", offer->to_user_id}}});
  });
}

}  // namespace reskflow::identity
