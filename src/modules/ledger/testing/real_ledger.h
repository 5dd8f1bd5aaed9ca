// The real ledger for other modules' tests (payments, orders): the module itself on the test's
// database, so those tests check the entries they cause instead of a fake's record of calls.
#pragma once

#include <memory>

#include "reskflow/ledger/ledger.h"
#include "reskflow/modules/clock.h"

namespace reskflow::ledger::testing {

// The ledger module on platform.database (migrate with ledger::migrations() first); its routes
// treat every caller as a stranger to every merchant, and it runs no payout job until started.
std::unique_ptr<LedgerModule> real_ledger(const modules::Platform& platform, modules::Clock clock);

}  // namespace reskflow::ledger::testing
