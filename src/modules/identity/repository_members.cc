// SQL of merchant membership and ownership transfers.
#include "repository_members.h"

namespace reskflow::identity::repository {

Result<std::optional<LevelRow>> level_row(store::Transaction& tx, const std::string& merchant_id,
                                          const std::string& user_id) {
  RF_TRY(rows, tx.query("SELECT m.level, u.status FROM identity_merchant_members m JOIN "
                        "identity_users u ON u.id = m.user_id WHERE m.merchant_id = $1 AND "
                        "m.user_id = $2",
                        {merchant_id, user_id}));
  if (rows->empty()) return std::optional<LevelRow>{};
  return std::optional<LevelRow>{{rows->front().text(0), rows->front().text(1)}};
}

Status upsert_member(store::Transaction& tx, const std::string& merchant_id,
                     const std::string& user_id, std::string_view level, std::int64_t now_us) {
  RF_TRY(done, tx.exec("INSERT INTO identity_merchant_members (merchant_id, user_id, level, "
                       "created_at_us) VALUES ($1, $2, $3, $4) ON CONFLICT (merchant_id, "
                       "user_id) DO UPDATE SET level = $3",
                       {merchant_id, user_id, std::string(level), now_us}));
  return {};
}

Status delete_member(store::Transaction& tx, const std::string& merchant_id,
                     const std::string& user_id) {
  RF_TRY(n, tx.exec("DELETE FROM identity_merchant_members WHERE merchant_id = $1 AND "
                    "user_id = $2",
                    {merchant_id, user_id}));
  return {};
}

Result<std::int64_t> owner_count(store::Transaction& tx, const std::string& merchant_id) {
  RF_TRY(rows, tx.query("SELECT COUNT(*) FROM identity_merchant_members WHERE merchant_id = $1 "
                        "AND level = 'owner'",
                        {merchant_id}));
  return rows->front().int64(0);
}

Result<std::vector<MemberView>> members(store::Transaction& tx, const std::string& merchant_id) {
  RF_TRY(rows, tx.query("SELECT m.user_id, m.level, m.created_at_us, u.name FROM "
                        "identity_merchant_members m JOIN identity_users u ON u.id = "
                        "m.user_id WHERE m.merchant_id = $1 ORDER BY m.created_at_us",
                        {merchant_id}));
  std::vector<MemberView> out;
  for (const auto r : *rows) {
    out.push_back(
        {r.text(0), parse_level(r.text(1)).value_or(MerchantLevel::staff), r.int64(2), r.text(3)});
  }
  return out;
}

Result<std::vector<MerchantMember>> memberships(store::Transaction& tx,
                                                const std::string& user_id) {
  RF_TRY(rows, tx.query("SELECT merchant_id, level, created_at_us FROM "
                        "identity_merchant_members WHERE user_id = $1 ORDER BY merchant_id",
                        {user_id}));
  std::vector<MerchantMember> out;
  for (const auto r : *rows) {
    out.push_back(
        {r.text(0), user_id, parse_level(r.text(1)).value_or(MerchantLevel::staff), r.int64(2)});
  }
  return out;
}

Result<std::optional<std::string>> sole_owned_merchant(store::Transaction& tx,
                                                       const std::string& user_id) {
  RF_TRY(rows, tx.query("SELECT m.merchant_id FROM identity_merchant_members m WHERE "
                        "m.user_id = $1 AND m.level = 'owner' AND NOT EXISTS (SELECT 1 FROM "
                        "identity_merchant_members o WHERE o.merchant_id = m.merchant_id "
                        "AND o.level = 'owner' AND o.user_id <> $1)",
                        {user_id}));
  if (rows->empty()) return std::optional<std::string>{};
  return std::optional<std::string>(rows->front().text(0));
}

Status delete_memberships(store::Transaction& tx, const std::string& user_id) {
  RF_TRY(members, tx.exec("DELETE FROM identity_merchant_members WHERE user_id = $1", {user_id}));
  RF_TRY(offers, tx.exec("DELETE FROM identity_ownership_transfers WHERE from_user_id = $1 "
                         "OR to_user_id = $1",
                         {user_id}));
  return {};
}

Result<std::optional<OwnershipOffer>> live_offer(store::Transaction& tx,
                                                 const std::string& merchant_id,
                                                 std::int64_t now_us) {
  RF_TRY(rows, tx.query("SELECT from_user_id, to_user_id, created_at_us, expires_at_us FROM "
                        "identity_ownership_transfers WHERE merchant_id = $1 AND "
                        "expires_at_us > $2",
                        {merchant_id, now_us}));
  if (rows->empty()) return std::optional<OwnershipOffer>{};
  const auto r = rows->front();
  return std::optional<OwnershipOffer>{{merchant_id, r.text(0), r.text(1), r.int64(2), r.int64(3)}};
}

Status put_offer(store::Transaction& tx, const OwnershipOffer& o) {
  RF_TRY(saved,
         tx.exec("INSERT INTO identity_ownership_transfers (merchant_id, from_user_id, "
                 "to_user_id, created_at_us, expires_at_us) VALUES ($1, $2, $3, $4, $5) "
                 "ON CONFLICT (merchant_id) DO UPDATE SET from_user_id = $2, "
                 "to_user_id = $3, created_at_us = $4, expires_at_us = $5",
                 {o.merchant_id, o.from_user_id, o.to_user_id, o.created_at_us, o.expires_at_us}));
  return {};
}

Status delete_offer(store::Transaction& tx, const std::string& merchant_id) {
  RF_TRY(gone,
         tx.exec("DELETE FROM identity_ownership_transfers WHERE merchant_id = $1", {merchant_id}));
  return {};
}

Status delete_offers_of(store::Transaction& tx, const std::string& merchant_id,
                        const std::string& user_id) {
  RF_TRY(gone, tx.exec("DELETE FROM identity_ownership_transfers WHERE merchant_id = $1 "
                       "AND (from_user_id = $2 OR to_user_id = $2)",
                       {merchant_id, user_id}));
  return {};
}

}  // namespace reskflow::identity::repository
