// SQL of merchant membership (identity_merchant_members) and pending ownership transfers
// (identity_ownership_transfers). A merchant is just its id here: merchants belong to catalog.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model.h"
#include "reskflow/store/database.h"

namespace reskflow::identity::repository {

struct LevelRow {
  std::string level;
  std::string user_status;
};
// The user's membership row at the merchant, with their account's status.
Result<std::optional<LevelRow>> level_row(store::Transaction& tx, const std::string& merchant_id,
                                          const std::string& user_id);
Status upsert_member(store::Transaction& tx, const std::string& merchant_id,
                     const std::string& user_id, std::string_view level, std::int64_t now_us);
Status delete_member(store::Transaction& tx, const std::string& merchant_id,
                     const std::string& user_id);
Result<std::int64_t> owner_count(store::Transaction& tx, const std::string& merchant_id);
// Staff in order of joining, with their names.
Result<std::vector<MemberView>> members(store::Transaction& tx, const std::string& merchant_id);
Result<std::vector<MerchantMember>> memberships(store::Transaction& tx, const std::string& user_id);
// A merchant the user is the only owner of, if any.
Result<std::optional<std::string>> sole_owned_merchant(store::Transaction& tx,
                                                       const std::string& user_id);
// Every membership of the user, and the transfers offered by or to them (erasure).
Status delete_memberships(store::Transaction& tx, const std::string& user_id);

Result<std::optional<OwnershipOffer>> live_offer(store::Transaction& tx,
                                                 const std::string& merchant_id,
                                                 std::int64_t now_us);
Status put_offer(store::Transaction& tx, const OwnershipOffer& offer);
Status delete_offer(store::Transaction& tx, const std::string& merchant_id);
// The merchant's transfers offered by or to the user (who left).
Status delete_offers_of(store::Transaction& tx, const std::string& merchant_id,
                        const std::string& user_id);

}  // namespace reskflow::identity::repository
