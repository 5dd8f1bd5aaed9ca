// The audit trail's rules: rows carry the actor, origin and a JSON summary; emails of actors
// are decrypted on the way out.
#include "audit.h"

#include <boost/json.hpp>

#include "repository_audit.h"
#include "reskflow/core/json_text.h"
#include "reskflow/core/log.h"
#include "reskflow/store/uuid.h"

namespace reskflow::identity {

std::string audit_detail(std::initializer_list<std::pair<std::string_view, AuditValue>> fields) {
  boost::json::object out;
  for (const auto& [name, value] : fields) {
    std::visit(
        [&out, key = name](const auto& v) {
          if constexpr (std::is_same_v<std::decay_t<decltype(v)>, std::nullptr_t>) {
            out[key] = nullptr;
          } else {
            out[key] = v;
          }
        },
        value);
  }
  return json::serialize(out);
}

Status AuditLog::append(store::Transaction& tx, const Actor& actor, const Origin& origin,
                        const AuditEntry& e) const {
  return repository::insert_audit(
      tx, {store::new_uuid_v7(), ctx_.now_us(), actor.id, actor.role, e.action, e.target_type,
           e.target_id, e.outcome, origin.ip, origin.request_id, e.detail_json, e.target_name});
}

void AuditLog::failure(const Actor& actor, const Origin& origin, AuditEntry entry) const {
  entry.outcome = "failure";
  auto done =
      ctx_.db().write([&](store::Transaction& tx) { return append(tx, actor, origin, entry); });
  if (!done) log::error("identity_audit_failed", {{"detail", done.error().detail}});
}

Result<std::vector<AuditView>> AuditLog::query(const AuditFilter& filter) const {
  RF_TRY(rows, ctx_.db().read(
                   [&](store::Transaction& tx) { return repository::find_audit(tx, filter); }));
  for (auto& row : *rows) {
    if (!row.actor_email.empty())
      row.actor_email = ctx_.decrypt_or_empty(row.actor_email, column::email);
  }
  return std::move(*rows);
}

}  // namespace reskflow::identity
