// The real ledger module with a directory that knows no merchant staff (see real_ledger.h).
#include "real_ledger.h"

#include "module.h"

namespace reskflow::ledger::testing {
namespace {

class NoStaff final : public identity::Directory {
 public:
  Result<std::optional<identity::MerchantLevel>> merchant_level(std::string_view,
                                                                std::string_view) override {
    return std::optional<identity::MerchantLevel>{};
  }
  Status require_merchant_staff(const http::Principal& caller, std::string_view,
                                identity::MerchantLevel) override {
    if (caller.role == identity::role_admin) return {};
    return fail(ErrorCode::not_found, "no such merchant");
  }
  Status put_merchant_member(store::Transaction&, std::string_view, std::string_view,
                             identity::MerchantLevel) override {
    return fail(ErrorCode::forbidden, "the ledger's test directory has no members");
  }
  Result<std::vector<identity::MerchantMember>> merchants_of(std::string_view) override {
    return std::vector<identity::MerchantMember>{};
  }
  Result<bool> age_verified(std::string_view) override { return false; }
  Status append_audit(store::Transaction&, const http::Request&,
                      const identity::AuditRecord&) override {
    return {};
  }
};

// Owns its directory, which the module refers to.
class TestLedger final : public LedgerModuleImpl {
 public:
  TestLedger(const modules::Platform& platform, std::unique_ptr<NoStaff> directory,
             modules::Clock clock)
      : LedgerModuleImpl(platform, *directory, LedgerSettings{}, std::move(clock)),
        directory_(std::move(directory)) {}

 private:
  std::unique_ptr<NoStaff> directory_;
};

}  // namespace

std::unique_ptr<LedgerModule> real_ledger(const modules::Platform& platform, modules::Clock clock) {
  return std::make_unique<TestLedger>(platform, std::make_unique<NoStaff>(), std::move(clock));
}

}  // namespace reskflow::ledger::testing
