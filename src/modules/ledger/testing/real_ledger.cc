// The real ledger module with a directory that knows no merchant staff (see real_ledger.h).
#include "real_ledger.h"

#include "fake_directory.h"
#include "module.h"

namespace reskflow::ledger::testing {
namespace {

// Owns its directory, which the module refers to.
class TestLedger final : public LedgerModuleImpl {
 public:
  TestLedger(const modules::Platform& platform,
             std::unique_ptr<identity::testing::FakeDirectory> directory, modules::Clock clock)
      : LedgerModuleImpl(platform, *directory, LedgerSettings{}, std::move(clock)),
        directory_(std::move(directory)) {}

 private:
  std::unique_ptr<identity::testing::FakeDirectory> directory_;
};

}  // namespace

std::unique_ptr<LedgerModule> real_ledger(const modules::Platform& platform, modules::Clock clock) {
  return std::make_unique<TestLedger>(
      platform, std::make_unique<identity::testing::FakeDirectory>(), std::move(clock));
}

}  // namespace reskflow::ledger::testing
