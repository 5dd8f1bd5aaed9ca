// What the relay still has to do, read from the database for /metrics: how far the oldest
// undelivered event lags, and how many events wait in the dead-letter table.
#pragma once

#include <cstdint>

#include "reskflow/core/errors.h"
#include "reskflow/store/database.h"

namespace reskflow::bus {

// created_at_us of the oldest event some consumer has not passed yet, 0 when none waits.
// Counts only consumers whose lease a relay took or renewed after served_since_us, so that a
// consumer removed from the code does not lag for ever.
Result<std::int64_t> oldest_undelivered_at_us(store::Database& db, std::int64_t served_since_us);

// Events parked in the dead-letter table, for every consumer.
Result<std::int64_t> dead_letter_count(store::Database& db);

}  // namespace reskflow::bus
