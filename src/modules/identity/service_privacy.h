// Personal data: the GDPR export, erasure (anonymisation that keeps the account id, which
// ledger entries reference), and re-encryption under the current data key.
#pragma once

#include <cstdint>
#include <string_view>

#include "audit.h"
#include "context.h"
#include "model.h"
#include "service_account.h"
#include "service_id_images.h"
#include "service_members.h"
#include "service_session.h"

namespace reskflow::identity {

class PrivacyService {
 public:
  struct Deps {
    const AuditLog& audit;
    SessionService& sessions;
    AccountService& accounts;
    MemberService& members;
    IdImageService& id_images;
  };
  PrivacyService(const Context& context, Deps deps) : ctx_(context), deps_(deps) {}

  Result<DataExport> export_data(const Actor& caller, const Origin& origin);
  // Needs the password; conflict while the caller is a store's only owner. Publishes
  // identity.user.erased and deletes the mail events about the user.
  Status erase(const Actor& caller, std::string_view password, const Origin& origin);
  // Re-encrypts every personal-data column under the current key, batch_rows per transaction;
  // the number of values re-encrypted.
  Result<std::int64_t> rotate_keys(std::int64_t batch_rows);

 private:
  // The ids of the user's ID images whose rows it deleted (their files go after the commit).
  Result<std::vector<std::string>> erase_in(store::Transaction& tx, const Actor& caller,
                                            const Origin& origin);

  const Context& ctx_;
  Deps deps_;
};

}  // namespace reskflow::identity
