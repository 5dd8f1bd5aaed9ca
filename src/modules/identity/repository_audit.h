// SQL of the audit log (identity_audit_log): append-only rows, and the admins' query with the
// actor's and target's current names joined from identity_users.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model.h"
#include "reskflow/store/database.h"

namespace reskflow::identity::repository {

struct AuditRow {
  std::string id;
  std::int64_t at_us = 0;
  std::string actor_id, actor_role, action, target_type, target_id, outcome, ip, request_id;
  std::string detail_json;
  std::string target_name;  // recorded at write time (targets in other modules' tables)
};
Status insert_audit(store::Transaction& tx, const AuditRow& row);

// A filtered page, newest first: filter.limit + 1 rows at most. actor_email is still
// encrypted (empty once the actor is erased); target_name falls back to the recorded one.
Result<std::vector<AuditView>> find_audit(store::Transaction& tx, const AuditFilter& filter);

// The user's own security events (as actor or target), newest first, for the GDPR export.
Result<std::vector<SecurityEvent>> security_events(store::Transaction& tx,
                                                   const std::string& user_id);

}  // namespace reskflow::identity::repository
