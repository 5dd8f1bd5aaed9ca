// Reads the job_leases table for the operators' status (who runs which scheduled job).
#include "reskflow/modules/lease_holders.h"

namespace reskflow::modules {

Result<std::vector<LeaseHolder>> lease_holders(store::Database& database) {
  if (database.engine() != store::Engine::postgres) return std::vector<LeaseHolder>{};
  return database.read([](store::Transaction& tx) -> Result<std::vector<LeaseHolder>> {
    auto rows = tx.query(
        "SELECT job, owner, "
        "CAST(EXTRACT(EPOCH FROM (expires_at - clock_timestamp())) * 1000 AS BIGINT) "
        "FROM job_leases WHERE expires_at > clock_timestamp() ORDER BY job");
    if (!rows) return std::unexpected(rows.error());
    std::vector<LeaseHolder> out;
    for (const auto row : *rows)
      out.push_back({row.text(0), row.text(1), std::chrono::milliseconds(row.int64(2))});
    return out;
  });
}

}  // namespace reskflow::modules
