// Administration of accounts, each change audited with the admin as actor.
#include "service_admin.h"

#include "repository_accounts.h"

namespace reskflow::identity {

Result<CreatedUser> AdminService::create_user(const Actor& admin, const NewAccount& account,
                                              const Origin& origin) {
  return ctx_.db().write([&](store::Transaction& tx) -> Result<CreatedUser> {
    RF_TRY(id, accounts_.create(tx, account));
    RF_TRY(a, audit_.append(tx, admin, origin,
                            {"admin.user_created", "user", *id, "success",
                             audit_detail({{"role", account.role}})}));
    return CreatedUser{*id, account.role};
  });
}

Result<std::vector<UserSummary>> AdminService::search_users(const UserFilter& f) {
  const repository::UserSearch search{
      f.email ? ctx_.email_hash(*f.email) : std::string(),
      f.role.value_or(""),
      f.status.value_or(""),
      f.name_contains ? "%" + *f.name_contains + "%" : std::string("%"),
      f.after_id.value_or(""),
      f.limit};
  RF_TRY(users, ctx_.db().read(
                    [&](store::Transaction& tx) { return repository::search_users(tx, search); }));
  for (auto& u : *users) u.email = ctx_.decrypt_or_empty(u.email, column::email);
  return std::move(*users);
}

Status AdminService::set_user_status(const Actor& admin, const std::string& user_id,
                                     const std::string& status, const Origin& origin) {
  return ctx_.db().write([&](store::Transaction& tx) -> Status {
    RF_TRY(found, repository::set_status(tx, user_id, status, ctx_.now_us()));
    if (!*found) return fail(ErrorCode::not_found, "no such user");
    if (status != "active") {
      RF_TRY(r, sessions_.revoke_all(tx, user_id, "", "suspended"));
    }
    sessions_.forget_all();
    return audit_.append(
        tx, admin, origin,
        {status == "active" ? "admin.user_reinstated" : "admin.user_suspended", "user", user_id});
  });
}

Status AdminService::set_user_role(const Actor& admin, const std::string& user_id,
                                   const std::string& role, const Origin& origin) {
  return ctx_.db().write([&](store::Transaction& tx) -> Status {
    RF_TRY(old, repository::unerased_role(tx, user_id));
    if (!*old) return fail(ErrorCode::not_found, "no such user");
    RF_TRY(n, repository::set_role(tx, user_id, role, ctx_.now_us()));
    RF_TRY(r, sessions_.revoke_all(tx, user_id, "", "role_changed"));
    return audit_.append(tx, admin, origin,
                         {"admin.role_changed", "user", user_id, "success",
                          audit_detail({{"from", **old}, {"to", role}})});
  });
}

}  // namespace reskflow::identity
