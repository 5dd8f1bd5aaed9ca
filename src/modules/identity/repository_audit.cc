// SQL of the audit log: append and query.
#include "repository_audit.h"

#include <limits>

namespace reskflow::identity::repository {

Status insert_audit(store::Transaction& tx, const AuditRow& r) {
  RF_TRY(done, tx.exec("INSERT INTO identity_audit_log (id, at_us, actor_id, actor_role, "
                       "action, target_type, target_id, outcome, ip, request_id, detail, "
                       "target_name) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
                       {r.id, r.at_us, r.actor_id, r.actor_role, r.action, r.target_type,
                        r.target_id, r.outcome, r.ip, r.request_id, r.detail_json, r.target_name}));
  return {};
}

Result<std::vector<AuditView>> find_audit(store::Transaction& tx, const AuditFilter& f) {
  RF_TRY(rows,
         tx.query(
             "SELECT a.id, a.at_us, a.actor_id, a.actor_role, a.action, a.target_type, "
             "a.target_id, a.outcome, a.ip, a.request_id, a.detail, a.target_name, "
             "actor.name, CASE WHEN actor.status = 'erased' THEN NULL ELSE actor.email_enc "
             "END, target.name FROM identity_audit_log a "
             "LEFT JOIN identity_users actor ON actor.id = a.actor_id "
             "LEFT JOIN identity_users target ON a.target_type = 'user' AND "
             "target.id = a.target_id WHERE ($1 = '' OR a.actor_id = $1) AND "
             "($2 = '' OR a.action = $2) AND ($3 = '' OR a.target_id = $3) AND "
             "a.at_us >= $4 AND a.at_us <= $5 AND ($6 = '' OR a.id < $6) "
             "ORDER BY a.id DESC LIMIT $7",
             {f.actor_id.value_or(""), f.action.value_or(""), f.target_id.value_or(""),
              f.since_us.value_or(0), f.until_us.value_or(std::numeric_limits<std::int64_t>::max()),
              f.before_id.value_or(""), f.limit + 1}));
  std::vector<AuditView> out;
  for (const auto r : *rows) {
    out.push_back({r.text(0), r.int64(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6),
                   r.text(7), r.text(8), r.text(9), r.text(10), r.optional_text(12).value_or(""),
                   r.optional_text(13).value_or(""), r.optional_text(14).value_or(r.text(11))});
  }
  return out;
}

Result<std::vector<SecurityEvent>> security_events(store::Transaction& tx,
                                                   const std::string& user_id) {
  RF_TRY(rows, tx.query("SELECT at_us, action, outcome, ip FROM identity_audit_log WHERE "
                        "actor_id = $1 OR target_id = $1 ORDER BY id DESC LIMIT 1000",
                        {user_id}));
  std::vector<SecurityEvent> out;
  for (const auto r : *rows) out.push_back({r.int64(0), r.text(1), r.text(2), r.text(3)});
  return out;
}

}  // namespace reskflow::identity::repository
