// The relay's backlog for metrics: one read transaction over outbox, bus_consumers and
// bus_dead_letters.
#include "reskflow/bus/backlog.h"

namespace reskflow::bus {

Result<Backlog> backlog(store::Database& db, std::int64_t served_since_us) {
  return db.read([&](store::Transaction& tx) -> Result<Backlog> {
    auto oldest = tx.query(
        "SELECT COALESCE(MIN(o.created_at_us), 0) FROM bus_consumers c JOIN outbox o "
        "ON o.txid > c.position_txid OR (o.txid = c.position_txid AND o.id > c.position_id) "
        "WHERE c.lease_until_us > $1",
        {served_since_us});
    if (!oldest) return std::unexpected(oldest.error());
    auto parked = tx.query("SELECT COUNT(*) FROM bus_dead_letters");
    if (!parked) return std::unexpected(parked.error());
    return Backlog{oldest->front().int64(0), parked->front().int64(0)};
  });
}

}  // namespace reskflow::bus
