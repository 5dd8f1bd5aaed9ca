// Merchant membership: which merchant-role users are staff of which merchant, at which level.
// Merchants themselves belong to the commerce module; here a merchant is just its id.
#include <boost/json.hpp>

#include "reskflow/modules/utc_time.h"
#include "service.h"
#include "service_util.h"

namespace reskflow::identity {

std::string_view level_name(MerchantLevel level) {
  switch (level) {
    case MerchantLevel::owner: return "owner";
    case MerchantLevel::manager: return "manager";
    case MerchantLevel::staff: break;
  }
  return "staff";
}

std::optional<MerchantLevel> parse_level(std::string_view name) {
  if (name == "owner") return MerchantLevel::owner;
  if (name == "manager") return MerchantLevel::manager;
  if (name == "staff") return MerchantLevel::staff;
  return std::nullopt;
}

Result<std::optional<MerchantLevel>> Service::merchant_level(std::string_view merchant_id,
                                                             std::string_view user_id) {
  return db_.read([&](store::Transaction& tx) -> Result<std::optional<MerchantLevel>> {
    RF_TRY(rows, tx.query("SELECT m.level FROM identity_merchant_members m JOIN "
                          "identity_users u ON u.id = m.user_id WHERE m.merchant_id = $1 "
                          "AND m.user_id = $2 AND u.status = 'active'",
                          {std::string(merchant_id), std::string(user_id)}));
    if (rows->empty()) return std::optional<MerchantLevel>{};
    return parse_level(rows->front().text(0));
  });
}

Status Service::put_member(store::Transaction& tx, std::string_view merchant_id,
                           std::string_view user_id, MerchantLevel level) {
  RF_TRY(user, tx.query("SELECT role FROM identity_users WHERE id = $1 AND status = "
                        "'active'",
                        {std::string(user_id)}));
  if (user->empty()) return fail(ErrorCode::not_found, "no such user");
  if (user->front().text(0) != role_merchant)
    return fail(ErrorCode::validation_failed, "only merchant accounts can be merchant staff",
                {{"user_id", "is not a merchant account"}});
  RF_TRY(done, tx.exec("INSERT INTO identity_merchant_members (merchant_id, user_id, level, "
                       "created_at_us) VALUES ($1, $2, $3, $4) ON CONFLICT (merchant_id, "
                       "user_id) DO UPDATE SET level = $3",
                       {std::string(merchant_id), std::string(user_id),
                        std::string(level_name(level)), clock_()}));
  return {};
}

Result<boost::json::array> Service::members(std::string_view merchant_id) {
  return db_.read([&](store::Transaction& tx) -> Result<boost::json::array> {
    RF_TRY(rows, tx.query("SELECT m.user_id, m.level, m.created_at_us, u.name FROM "
                          "identity_merchant_members m JOIN identity_users u ON u.id = "
                          "m.user_id WHERE m.merchant_id = $1 ORDER BY m.created_at_us",
                          {std::string(merchant_id)}));
    boost::json::array out;
    for (const auto r : *rows) {
      out.push_back(boost::json::object{{"user_id", r.text(0)},
                                        {"level", r.text(1)},
                                        {"created_at", modules::iso_utc(r.int64(2))},
                                        {"name", r.text(3)}});
    }
    return out;
  });
}

Result<std::optional<MerchantLevel>> Service::level_in(store::Transaction& tx,
                                                       std::string_view merchant_id,
                                                       std::string_view user_id, bool active_only) {
  RF_TRY(rows, tx.query("SELECT m.level, u.status FROM identity_merchant_members m JOIN "
                        "identity_users u ON u.id = m.user_id WHERE m.merchant_id = $1 AND "
                        "m.user_id = $2",
                        {std::string(merchant_id), std::string(user_id)}));
  if (rows->empty() || (active_only && rows->front().text(1) != "active"))
    return std::optional<MerchantLevel>{};
  return parse_level(rows->front().text(0));
}

Status Service::keep_an_owner(store::Transaction& tx, std::string_view merchant_id) {
  RF_TRY(rows, tx.query("SELECT COUNT(*) FROM identity_merchant_members WHERE merchant_id = $1 "
                        "AND level = 'owner'",
                        {std::string(merchant_id)}));
  if (rows->front().int64(0) > 1) return {};
  return fail(ErrorCode::conflict,
              "a store keeps at least one owner: transfer the ownership to another member "
              "first");
}

namespace {

// The membership rule: a member changes only members strictly below their own level, and
// grants only levels strictly below it (owners manage everyone below owner). Ownership moves
// by an accepted transfer (service_ownership.cc) or by an admin.
Status may_change(MerchantLevel mine, std::optional<MerchantLevel> target_now,
                  std::optional<MerchantLevel> granted) {
  if (target_now && *target_now >= mine)
    return fail(ErrorCode::forbidden, "you can change only members below your own level");
  if (granted == MerchantLevel::owner)
    return fail(ErrorCode::forbidden,
                "ownership moves only by a transfer the new owner accepts "
                "(POST /v1/merchants/{merchant_id}/ownership-transfer)");
  if (granted && *granted >= mine)
    return fail(ErrorCode::forbidden, "you can grant only levels below your own");
  return {};
}

}  // namespace

Status Service::add_member(const Actor& caller, std::string_view merchant_id,
                           std::string_view user_id, MerchantLevel level, const Origin& origin) {
  return db_.write([&](store::Transaction& tx) -> Status {
    RF_TRY(now, level_in(tx, merchant_id, user_id));
    if (caller.role != role_admin) {
      RF_TRY(mine, level_in(tx, merchant_id, caller.id));
      if (!*mine) return fail(ErrorCode::not_found, "no such merchant");
      RF_TRY(allowed, may_change(**mine, *now, level));
    }
    if (*now == MerchantLevel::owner && level != MerchantLevel::owner) {
      RF_TRY(kept, keep_an_owner(tx, merchant_id));
    }
    RF_TRY(put, put_member(tx, merchant_id, user_id, level));
    boost::json::object detail{{"user_id", user_id}, {"level", level_name(level)}};
    detail["previous_level"] = *now ? boost::json::value(level_name(**now)) : nullptr;
    return append_audit(tx, caller, origin,
                        {"merchant.member_put", "merchant", std::string(merchant_id), "success",
                         std::move(detail)});
  });
}

Status Service::remove_member(const Actor& caller, std::string_view merchant_id,
                              std::string_view user_id, const Origin& origin) {
  return db_.write([&](store::Transaction& tx) -> Status {
    const std::string merchant(merchant_id);
    RF_TRY(target, level_in(tx, merchant_id, user_id));
    if (caller.role != role_admin) {
      RF_TRY(mine, level_in(tx, merchant_id, caller.id));
      if (!*mine) return fail(ErrorCode::not_found, "no such merchant");
      if (!*target) return fail(ErrorCode::not_found, "no such member");
      // Leaving is always allowed (but for the last owner, below).
      if (caller.id != user_id) {
        RF_TRY(allowed, may_change(**mine, *target, std::nullopt));
      }
    }
    if (!*target) return fail(ErrorCode::not_found, "no such member");
    if (*target == MerchantLevel::owner) {
      RF_TRY(kept, keep_an_owner(tx, merchant_id));
    }
    RF_TRY(n, tx.exec("DELETE FROM identity_merchant_members WHERE merchant_id = $1 AND "
                      "user_id = $2",
                      {merchant, std::string(user_id)}));
    // An offer to or from someone who left lapses with them.
    RF_TRY(offers, tx.exec("DELETE FROM identity_ownership_transfers WHERE merchant_id = $1 "
                           "AND (from_user_id = $2 OR to_user_id = $2)",
                           {merchant, std::string(user_id)}));
    return append_audit(tx, caller, origin,
                        {"merchant.member_removed",
                         "merchant",
                         merchant,
                         "success",
                         {{"user_id", user_id}, {"level", level_name(**target)}}});
  });
}

Result<std::vector<MerchantMember>> Service::merchants_of(std::string_view user_id) {
  return db_.read([&](store::Transaction& tx) -> Result<std::vector<MerchantMember>> {
    RF_TRY(rows, tx.query("SELECT merchant_id, level, created_at_us FROM "
                          "identity_merchant_members WHERE user_id = $1 ORDER BY "
                          "merchant_id",
                          {std::string(user_id)}));
    std::vector<MerchantMember> out;
    for (const auto r : *rows) {
      out.push_back({r.text(0), std::string(user_id),
                     parse_level(r.text(1)).value_or(MerchantLevel::staff), r.int64(2)});
    }
    return out;
  });
}

}  // namespace reskflow::identity
