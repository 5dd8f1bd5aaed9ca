// RESKFLOW_LEDGER_* settings with their bounds.
#include "settings.h"

#include "reskflow/modules/settings.h"

namespace reskflow::ledger {

Result<LedgerSettings> load_settings(const std::map<std::string, std::string>& environment) {
  modules::Settings s("ledger", environment);
  LedgerSettings out;
  out.payout_interval_s = std::chrono::seconds(
      s.integer("PAYOUT_INTERVAL_S", out.payout_interval_s.count(), 1, 31'536'000));
  out.payout_minimum_minor =
      s.integer("PAYOUT_MINIMUM_MINOR", out.payout_minimum_minor, 1, 1'000'000'000);
  out.payout_batch_accounts_max =
      s.integer("PAYOUT_BATCH_ACCOUNTS_MAX", out.payout_batch_accounts_max, 1, 10'000);
  if (auto ok = s.finish(); !ok) return std::unexpected(ok.error());
  return out;
}

}  // namespace reskflow::ledger
