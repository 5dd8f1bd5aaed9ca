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

namespace {

// Who may grant or remove which level: owners manage everyone, managers manage staff.
bool may_manage(std::optional<MerchantLevel> caller, MerchantLevel target) {
  if (!caller) return false;
  if (*caller == MerchantLevel::owner) return true;
  return *caller == MerchantLevel::manager && target == MerchantLevel::staff;
}

}  // namespace

Status Service::add_member(const Actor& caller, std::string_view merchant_id,
                           std::string_view user_id, MerchantLevel level, const Origin& origin) {
  return db_.write([&](store::Transaction& tx) -> Status {
    if (caller.role != role_admin) {
      RF_TRY(mine, tx.query("SELECT level FROM identity_merchant_members WHERE "
                            "merchant_id = $1 AND user_id = $2",
                            {std::string(merchant_id), caller.id}));
      if (mine->empty()) return fail(ErrorCode::not_found, "no such merchant");
      if (!may_manage(parse_level(mine->front().text(0)), level))
        return fail(ErrorCode::forbidden, "your staff level cannot grant this level");
    }
    RF_TRY(put, put_member(tx, merchant_id, user_id, level));
    return append_audit(tx, caller, origin,
                        {"merchant.member_put",
                         "merchant",
                         std::string(merchant_id),
                         "success",
                         {{"user_id", user_id}, {"level", level_name(level)}}});
  });
}

Status Service::remove_member(const Actor& caller, std::string_view merchant_id,
                              std::string_view user_id, const Origin& origin) {
  return db_.write([&](store::Transaction& tx) -> Status {
    const std::string merchant(merchant_id);
    RF_TRY(target, tx.query("SELECT level FROM identity_merchant_members WHERE "
                            "merchant_id = $1 AND user_id = $2",
                            {merchant, std::string(user_id)}));
    if (caller.role != role_admin) {
      RF_TRY(mine, tx.query("SELECT level FROM identity_merchant_members WHERE "
                            "merchant_id = $1 AND user_id = $2",
                            {merchant, caller.id}));
      if (mine->empty()) return fail(ErrorCode::not_found, "no such merchant");
      if (target->empty()) return fail(ErrorCode::not_found, "no such member");
      if (!may_manage(parse_level(mine->front().text(0)),
                      parse_level(target->front().text(0)).value_or(MerchantLevel::owner)))
        return fail(ErrorCode::forbidden, "your staff level cannot remove this member");
    }
    if (target->empty()) return fail(ErrorCode::not_found, "no such member");
    RF_TRY(n, tx.exec("DELETE FROM identity_merchant_members WHERE merchant_id = $1 AND "
                      "user_id = $2",
                      {merchant, std::string(user_id)}));
    return append_audit(
        tx, caller, origin,
        {"merchant.member_removed", "merchant", merchant, "success", {{"user_id", user_id}}});
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
