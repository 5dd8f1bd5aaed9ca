// ID verification: customers and drivers submit a document, admins approve or reject it, and
// an approved document showing 18 years or more marks the account age-verified.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "audit.h"
#include "context.h"
#include "model.h"

namespace reskflow::identity {

// Whether someone born on `date_of_birth` (YYYY-MM-DD) is 18 at now_us; false when malformed.
bool adult_at(std::string_view date_of_birth, std::int64_t now_us);

class IdVerificationService {
 public:
  IdVerificationService(const Context& context, const AuditLog& audit)
      : ctx_(context), audit_(audit) {}

  // conflict while another document waits; validation_failed for a malformed birth date.
  Result<IdVerificationView> submit(const Actor& caller, const IdDocument& document,
                                    const Origin& origin);
  // The caller's own verification; admins see any, with the number and birth date.
  Result<IdVerificationView> get(const Actor& caller, const std::string& id);
  // Oldest first, after the id `after` when given; limit + 1 rows at most.
  Result<std::vector<IdQueueEntry>> queue(const std::string& status,
                                          const std::optional<std::string>& after,
                                          std::int64_t limit);
  Status decide(const Actor& admin, const std::string& id, bool approve, const std::string& reason,
                const Origin& origin);
  Result<bool> age_verified(const std::string& user_id);

 private:
  const Context& ctx_;
  const AuditLog& audit_;
};

}  // namespace reskflow::identity
