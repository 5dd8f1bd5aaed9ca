// The audit trail: a row per security-relevant change, written in the transaction of the change
// it records, and the admins' query over it.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "context.h"
#include "model.h"

namespace reskflow::identity {

// A value of an audit row's detail, a short summary of the change (never personal data).
using AuditValue = std::variant<std::nullptr_t, bool, std::int64_t, std::string>;
// The detail as the JSON object text the log stores.
std::string audit_detail(std::initializer_list<std::pair<std::string_view, AuditValue>> fields);

struct AuditEntry {
  std::string action;
  std::string target_type;
  std::string target_id;
  std::string outcome = "success";
  std::string detail_json = "{}";  // audit_detail(...)
  // The target's display name at write time, for targets in other modules' tables (a
  // merchant); a user target's name is read from identity's own table when listed.
  std::string target_name;
};

class AuditLog {
 public:
  explicit AuditLog(const Context& context) : ctx_(context) {}

  // Appends one row in tx (the audit trail commits with the change it records).
  Status append(store::Transaction& tx, const Actor& actor, const Origin& origin,
                const AuditEntry& entry) const;
  // Audit of a failure that changes nothing else (own transaction; a failure to write is logged).
  void failure(const Actor& actor, const Origin& origin, AuditEntry entry) const;
  // Newest first, filter.limit + 1 rows at most. Users' names are resolved here, not stored:
  // their current name and email ("Erased user" and no email once erased); other targets carry
  // the name their module recorded at write time.
  Result<std::vector<AuditView>> query(const AuditFilter& filter) const;

 private:
  const Context& ctx_;
};

}  // namespace reskflow::identity
