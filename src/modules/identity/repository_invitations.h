// SQL of staff invitations (identity_merchant_invitations): the address as its HMAC and its
// ciphertext; an account sees the invitations to its own verified address.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "reskflow/store/database.h"

namespace reskflow::identity::repository {

// An invitation row; email holds the ciphertext, level its name.
struct InvitationRow {
  std::string id, merchant_id, email_hash, email_enc, level, invited_by;
  std::int64_t created_at_us = 0, expires_at_us = 0;
  std::string status;
};
// Revokes the merchant's pending invitations to this address (a new one replaces them).
Status supersede_invitations(store::Transaction& tx, const std::string& merchant_id,
                             const std::string& email_hash, std::int64_t now_us);
Status insert_invitation(store::Transaction& tx, const InvitationRow& row);
// The merchant's pending, unexpired invitations, newest first.
Result<std::vector<InvitationRow>> pending_invitations(store::Transaction& tx,
                                                       const std::string& merchant_id,
                                                       std::int64_t now_us);
// A pending, unexpired invitation of the merchant.
Result<std::optional<InvitationRow>> pending_invitation(store::Transaction& tx,
                                                        const std::string& merchant_id,
                                                        const std::string& invitation_id,
                                                        std::int64_t now_us);
// The pending, unexpired invitations to the user's address, once that address is verified.
Result<std::vector<InvitationRow>> invitations_to(store::Transaction& tx,
                                                  const std::string& user_id, std::int64_t now_us);
// Deletes every invitation to the user's address, whatever its state (erasure).
Status delete_invitations_to(store::Transaction& tx, const std::string& user_id);

// Moves a pending invitation to `status` (accepted, declined, revoked); false when none was.
Result<bool> decide_invitation(store::Transaction& tx, const std::string& invitation_id,
                               const std::string& status, std::int64_t now_us);

}  // namespace reskflow::identity::repository
