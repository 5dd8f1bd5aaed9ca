// Who holds each job's lease now, for the operators' status: read from the lease table that
// reskflow/modules/lease.h claims and renews.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "reskflow/core/errors.h"
#include "reskflow/store/database.h"

namespace reskflow::modules {

struct LeaseHolder {
  std::string job;
  std::string owner;  // the node name (RESKFLOW_NODE_NAME, or the host name)
  std::chrono::milliseconds expires_in{0};
};

// The leases that have not lapsed, by job. Empty on SQLite, where the one node holds them all.
Result<std::vector<LeaseHolder>> lease_holders(store::Database& database);

}  // namespace reskflow::modules
