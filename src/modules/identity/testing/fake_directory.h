// identity::testing::FakeDirectory: an in-memory identity::Directory with identity's rules
// (merchant staff must be active merchant accounts, the staff check answers not_found outside
// the merchant, audit rows need a caller), for other modules' tests. Unlike identity, its
// writes take effect at once: they do not commit or roll back with the caller's transaction.
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "reskflow/identity/identity.h"

namespace reskflow::identity::testing {

class FakeDirectory final : public Directory {
 public:
  // An account of this role (merchant accounts may become staff); suspended ones count as gone.
  void add_user(const std::string& user_id, std::string_view role, bool active = true);
  // Test set-up: the membership put_merchant_member would add (same rules), outside any
  // transaction.
  Status add_member(std::string_view merchant_id, std::string_view user_id, MerchantLevel level);
  // Where the user is reached (contact() answers it while the account is active).
  void set_contact(const std::string& user_id, Contact contact);
  // An identity.email.requested payload as open_mail reads it: the fake holds no keys, so its
  // "sealed" message is the mail's JSON in the clear (never so in identity).
  static std::string sealed_mail(const std::string& user_id, const Mail& mail);
  // The user passed ID verification as an adult.
  void verify_age(const std::string& user_id);
  // The audit rows appended so far, oldest first.
  std::vector<AuditRecord> audit_records() const;

  Result<std::optional<MerchantLevel>> merchant_level(std::string_view merchant_id,
                                                      std::string_view user_id) override;
  Status require_merchant_staff(const http::Principal& caller, std::string_view merchant_id,
                                MerchantLevel min) override;
  Status put_merchant_member(store::Transaction& tx, std::string_view merchant_id,
                             std::string_view user_id, MerchantLevel level) override;
  Result<std::vector<MerchantMember>> merchants_of(std::string_view user_id) override;
  Result<bool> age_verified(std::string_view user_id) override;
  Result<std::optional<Contact>> contact(std::string_view user_id) override;
  Result<Mail> open_mail(std::string_view payload_json) override;
  Status append_audit(store::Transaction& tx, const http::Request& request,
                      const AuditRecord& record) override;

 private:
  struct User {
    std::string role;
    bool active = true;
    std::optional<Contact> contact;
  };
  std::optional<MerchantLevel> level_locked(std::string_view merchant_id,
                                            std::string_view user_id) const;
  Status put_locked(std::string_view merchant_id, std::string_view user_id, MerchantLevel level);

  mutable std::mutex mutex_;
  std::map<std::string, User, std::less<>> users_;
  std::set<std::string, std::less<>> adults_;
  // (merchant id, user id) -> level
  std::map<std::pair<std::string, std::string>, MerchantLevel> members_;
  std::vector<AuditRecord> audit_;
};

}  // namespace reskflow::identity::testing
