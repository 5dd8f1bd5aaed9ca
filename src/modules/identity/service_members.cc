// Merchant membership and its level rules. Staff of another merchant get not_found, never
// forbidden (no existence leak); the level rules give forbidden inside one.
#include "service_members.h"

#include "repository_accounts.h"
#include "repository_members.h"

namespace reskflow::identity {
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

AuditValue level_or_null(std::optional<MerchantLevel> level) {
  if (!level) return nullptr;
  return std::string(level_name(*level));
}

}  // namespace

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

Result<std::optional<MerchantLevel>> MemberService::level_in(store::Transaction& tx,
                                                             const std::string& merchant_id,
                                                             const std::string& user_id,
                                                             bool active_only) {
  RF_TRY(row, repository::level_row(tx, merchant_id, user_id));
  if (!*row || (active_only && (*row)->user_status != "active"))
    return std::optional<MerchantLevel>{};
  return parse_level((*row)->level);
}

Result<std::optional<MerchantLevel>> MemberService::merchant_level(const std::string& merchant_id,
                                                                   const std::string& user_id) {
  return ctx_.db().read(
      [&](store::Transaction& tx) { return level_in(tx, merchant_id, user_id, true); });
}

Status MemberService::put_member(store::Transaction& tx, const std::string& merchant_id,
                                 const std::string& user_id, MerchantLevel level) {
  RF_TRY(role, repository::active_role(tx, user_id));
  if (!*role) return fail(ErrorCode::not_found, "no such user");
  if (**role != role_merchant)
    return fail(ErrorCode::validation_failed, "only merchant accounts can be merchant staff",
                {{"user_id", "is not a merchant account"}});
  return repository::upsert_member(tx, merchant_id, user_id, level_name(level), ctx_.now_us());
}

Result<std::vector<MemberView>> MemberService::members(const std::string& merchant_id) {
  return ctx_.db().read(
      [&](store::Transaction& tx) { return repository::members(tx, merchant_id); });
}

Status MemberService::keep_an_owner(store::Transaction& tx, const std::string& merchant_id) {
  RF_TRY(owners, repository::owner_count(tx, merchant_id));
  if (*owners > 1) return {};
  return fail(ErrorCode::conflict,
              "a store keeps at least one owner: transfer the ownership to another member "
              "first");
}

Status MemberService::add_member(const Actor& caller, const std::string& merchant_id,
                                 const std::string& user_id, MerchantLevel level,
                                 const Origin& origin) {
  return ctx_.db().write([&](store::Transaction& tx) -> Status {
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
    return audit_.append(tx, caller, origin,
                         {"merchant.member_put", "merchant", merchant_id, "success",
                          audit_detail({{"user_id", user_id},
                                        {"level", std::string(level_name(level))},
                                        {"previous_level", level_or_null(*now)}})});
  });
}

Status MemberService::remove_member(const Actor& caller, const std::string& merchant_id,
                                    const std::string& user_id, const Origin& origin) {
  return ctx_.db().write([&](store::Transaction& tx) -> Status {
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
    RF_TRY(removed, repository::delete_member(tx, merchant_id, user_id));
    // An offer to or from someone who left lapses with them.
    RF_TRY(offers, repository::delete_offers_of(tx, merchant_id, user_id));
    return audit_.append(
        tx, caller, origin,
        {"merchant.member_removed", "merchant", merchant_id, "success",
         audit_detail({{"user_id", user_id}, {"level", std::string(level_name(**target))}})});
  });
}

Status MemberService::may_grant(store::Transaction& tx, const Actor& caller,
                                const std::string& merchant_id, MerchantLevel level) {
  if (caller.role == role_admin) return {};
  RF_TRY(mine, level_in(tx, merchant_id, caller.id));
  if (!*mine) return fail(ErrorCode::not_found, "no such merchant");
  return may_change(**mine, std::nullopt, level);
}

Status MemberService::may_withdraw(store::Transaction& tx, const Actor& caller,
                                   const std::string& merchant_id, MerchantLevel level) {
  if (caller.role == role_admin) return {};
  RF_TRY(mine, level_in(tx, merchant_id, caller.id));
  if (!*mine) return fail(ErrorCode::not_found, "no such merchant");
  return may_change(**mine, level, std::nullopt);
}

Result<std::vector<MerchantMember>> MemberService::merchants_of(const std::string& user_id) {
  return ctx_.db().read(
      [&](store::Transaction& tx) { return repository::memberships(tx, user_id); });
}

}  // namespace reskflow::identity
