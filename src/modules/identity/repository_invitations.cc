// SQL of staff invitations.
#include "repository_invitations.h"

namespace reskflow::identity::repository {
namespace {

constexpr std::string_view columns =
    "i.id, i.merchant_id, i.email_hash, i.email_enc, i.level, i.invited_by, i.created_at_us, "
    "i.expires_at_us, i.status";

std::vector<InvitationRow> invitation_rows(const store::Rows& rows) {
  std::vector<InvitationRow> out;
  for (const auto r : rows) {
    out.push_back({r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), r.int64(6),
                   r.int64(7), r.text(8)});
  }
  return out;
}

}  // namespace

Status supersede_invitations(store::Transaction& tx, const std::string& merchant_id,
                             const std::string& email_hash, std::int64_t now_us) {
  RF_TRY(n, tx.exec("UPDATE identity_merchant_invitations SET status = 'revoked', "
                    "decided_at_us = $1 WHERE merchant_id = $2 AND email_hash = $3 AND "
                    "status = 'pending'",
                    {now_us, merchant_id, email_hash}));
  return {};
}

Status insert_invitation(store::Transaction& tx, const InvitationRow& r) {
  RF_TRY(n, tx.exec("INSERT INTO identity_merchant_invitations (id, merchant_id, email_hash, "
                    "email_enc, level, invited_by, created_at_us, expires_at_us, status) "
                    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending')",
                    {r.id, r.merchant_id, r.email_hash, r.email_enc, r.level, r.invited_by,
                     r.created_at_us, r.expires_at_us}));
  return {};
}

Result<std::vector<InvitationRow>> pending_invitations(store::Transaction& tx,
                                                       const std::string& merchant_id,
                                                       std::int64_t now_us) {
  RF_TRY(rows, tx.query("SELECT " + std::string(columns) +
                            " FROM identity_merchant_invitations i WHERE i.merchant_id = $1 AND "
                            "i.status = 'pending' AND i.expires_at_us > $2 ORDER BY i.id DESC "
                            "LIMIT 500",
                        {merchant_id, now_us}));
  return invitation_rows(*rows);
}

Result<std::optional<InvitationRow>> pending_invitation(store::Transaction& tx,
                                                        const std::string& merchant_id,
                                                        const std::string& invitation_id,
                                                        std::int64_t now_us) {
  RF_TRY(rows, tx.query("SELECT " + std::string(columns) +
                            " FROM identity_merchant_invitations i WHERE i.id = $1 AND "
                            "i.merchant_id = $2 AND i.status = 'pending' AND i.expires_at_us > $3",
                        {invitation_id, merchant_id, now_us}));
  auto found = invitation_rows(*rows);
  if (found.empty()) return std::optional<InvitationRow>{};
  return std::optional<InvitationRow>(std::move(found.front()));
}

Result<std::vector<InvitationRow>> invitations_to(store::Transaction& tx,
                                                  const std::string& user_id, std::int64_t now_us) {
  RF_TRY(rows, tx.query("SELECT " + std::string(columns) +
                            " FROM identity_merchant_invitations i JOIN identity_users u ON "
                            "u.email_hash = i.email_hash WHERE u.id = $1 AND u.status = 'active' "
                            "AND u.email_verified_at_us IS NOT NULL AND i.status = 'pending' AND "
                            "i.expires_at_us > $2 ORDER BY i.id DESC LIMIT 100",
                        {user_id, now_us}));
  return invitation_rows(*rows);
}

Status delete_invitations_to(store::Transaction& tx, const std::string& user_id) {
  RF_TRY(n, tx.exec("DELETE FROM identity_merchant_invitations WHERE email_hash = (SELECT "
                    "email_hash FROM identity_users WHERE id = $1)",
                    {user_id}));
  return {};
}

Result<bool> decide_invitation(store::Transaction& tx, const std::string& invitation_id,
                               const std::string& status, std::int64_t now_us) {
  RF_TRY(n, tx.exec("UPDATE identity_merchant_invitations SET status = $1, decided_at_us = $2 "
                    "WHERE id = $3 AND status = 'pending'",
                    {status, now_us, invitation_id}));
  return *n > 0;
}

}  // namespace reskflow::identity::repository
