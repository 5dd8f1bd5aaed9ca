// Staff invitations: the address is matched by its HMAC against verified accounts only, the
// inviter sees it decrypted, and every step is audited without the address.
#include "service_invitations.h"

#include "repository_invitations.h"
#include "reskflow/bus/outbox.h"
#include "reskflow/identity/events.h"
#include "reskflow/store/uuid.h"

namespace reskflow::identity {
namespace {

std::unexpected<Error> no_invitation() {
  return fail(ErrorCode::not_found, "no pending invitation with this id");
}

}  // namespace

Invitation InvitationService::typed(const repository::InvitationRow& r) const {
  return {r.id,
          r.merchant_id,
          ctx_.decrypt_or_empty(r.email_enc, column::email),
          parse_level(r.level).value_or(MerchantLevel::staff),
          r.invited_by,
          r.created_at_us,
          r.expires_at_us,
          r.status};
}

Result<Invitation> InvitationService::invite(const Actor& caller, const std::string& merchant_id,
                                             const std::string& email, MerchantLevel level,
                                             const Origin& origin) {
  const auto address = normalise_email(email);
  const auto now = ctx_.now_us();
  const repository::InvitationRow row{store::new_uuid_v7(),
                                      merchant_id,
                                      ctx_.email_hash(address),
                                      ctx_.encrypt(address, column::email),
                                      std::string(level_name(level)),
                                      caller.id,
                                      now,
                                      now + ctx_.settings().invitation_ttl_s * 1'000'000,
                                      "pending"};
  return ctx_.db().write([&](store::Transaction& tx) -> Result<Invitation> {
    RF_TRY(allowed, members_.may_grant(tx, caller, merchant_id, level));
    RF_TRY(old, repository::supersede_invitations(tx, merchant_id, row.email_hash, now));
    RF_TRY(saved, repository::insert_invitation(tx, row));
    // The mail's subject is the invitation: revoking it deletes the mail not yet sent.
    RF_TRY(mailed, mail_.send(tx, row.id,
                              {address, "You are invited to a store's staff on ReskFlow",
                               "Sign in to the merchant portal with this address (or sign up "
                               "with it and verify it) to accept or decline the invitation."}));
    RF_TRY(audited,
           audit_.append(tx, caller, origin,
                         {"merchant.member_invited", "merchant", merchant_id, "success",
                          audit_detail({{"invitation_id", row.id}, {"level", row.level}})}));
    return typed(row);
  });
}

Result<std::vector<Invitation>> InvitationService::pending(const std::string& merchant_id) {
  RF_TRY(rows, ctx_.db().read([&](store::Transaction& tx) {
    return repository::pending_invitations(tx, merchant_id, ctx_.now_us());
  }));
  std::vector<Invitation> out;
  for (const auto& r : *rows) out.push_back(typed(r));
  return out;
}

Status InvitationService::revoke(const Actor& caller, const std::string& merchant_id,
                                 const std::string& invitation_id, const Origin& origin) {
  return ctx_.db().write([&](store::Transaction& tx) -> Status {
    const auto now = ctx_.now_us();
    RF_TRY(row, repository::pending_invitation(tx, merchant_id, invitation_id, now));
    if (!*row) return no_invitation();
    RF_TRY(allowed,
           members_.may_withdraw(tx, caller, merchant_id,
                                 parse_level((*row)->level).value_or(MerchantLevel::owner)));
    RF_TRY(done, repository::decide_invitation(tx, invitation_id, "revoked", now));
    RF_TRY(mail, bus::erase_events(tx, events::email_requested, invitation_id));
    return audit_.append(tx, caller, origin,
                         {"merchant.invitation_revoked", "merchant", merchant_id, "success",
                          audit_detail({{"invitation_id", invitation_id}})});
  });
}

Result<std::vector<Invitation>> InvitationService::mine(const std::string& user_id) {
  RF_TRY(rows, ctx_.db().read([&](store::Transaction& tx) {
    return repository::invitations_to(tx, user_id, ctx_.now_us());
  }));
  std::vector<Invitation> out;
  for (const auto& r : *rows) out.push_back(typed(r));
  return out;
}

Result<Invitation> InvitationService::invitation_to(store::Transaction& tx,
                                                    const std::string& user_id,
                                                    const std::string& invitation_id) {
  RF_TRY(rows, repository::invitations_to(tx, user_id, ctx_.now_us()));
  for (const auto& r : *rows) {
    if (r.id == invitation_id) return typed(r);
  }
  return no_invitation();
}

Status InvitationService::accept(const Actor& caller, const std::string& invitation_id,
                                 const Origin& origin) {
  return ctx_.db().write([&](store::Transaction& tx) -> Status {
    RF_TRY(invitation, invitation_to(tx, caller.id, invitation_id));
    const auto& merchant_id = invitation->merchant_id;
    RF_TRY(current, members_.level_of(tx, merchant_id, caller.id));
    if (*current) return fail(ErrorCode::conflict, "you are already on this store's staff");
    RF_TRY(joined, members_.put_member(tx, merchant_id, caller.id, invitation->level));
    RF_TRY(done, repository::decide_invitation(tx, invitation_id, "accepted", ctx_.now_us()));
    return audit_.append(tx, caller, origin,
                         {"merchant.invitation_accepted", "merchant", merchant_id, "success",
                          audit_detail({{"invitation_id", invitation_id},
                                        {"level", std::string(level_name(invitation->level))}})});
  });
}

Status InvitationService::decline(const Actor& caller, const std::string& invitation_id,
                                  const Origin& origin) {
  return ctx_.db().write([&](store::Transaction& tx) -> Status {
    RF_TRY(invitation, invitation_to(tx, caller.id, invitation_id));
    RF_TRY(done, repository::decide_invitation(tx, invitation_id, "declined", ctx_.now_us()));
    return audit_.append(tx, caller, origin,
                         {"merchant.invitation_declined", "merchant", invitation->merchant_id,
                          "success", audit_detail({{"invitation_id", invitation_id}})});
  });
}

}  // namespace reskflow::identity
