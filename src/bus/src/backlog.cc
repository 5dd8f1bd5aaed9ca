// The relay's backlog for metrics: reads over outbox, bus_consumers and bus_dead_letters.
#include "reskflow/bus/backlog.h"

#include "outbox_position.h"

namespace reskflow::bus {

Result<std::int64_t> oldest_undelivered_at_us(store::Database& db, std::int64_t served_since_us) {
  return db.read([&](store::Transaction& tx) -> Result<std::int64_t> {
    // Each consumer's next event is its oldest undelivered one.
    auto rows = tx.query(
        "SELECT COALESCE(MIN((SELECT o.created_at_us FROM outbox o WHERE " +
            after_position_sql(tx.engine(), "o.", "c.position_txid", "c.position_id") +
            " ORDER BY o.txid, o.id LIMIT 1)), 0) FROM bus_consumers c WHERE c.lease_until_us > $1",
        {served_since_us});
    if (!rows) return std::unexpected(rows.error());
    return rows->front().int64(0);
  });
}

Result<std::int64_t> dead_letter_count(store::Database& db) {
  return db.read([](store::Transaction& tx) -> Result<std::int64_t> {
    auto rows = tx.query("SELECT COUNT(*) FROM bus_dead_letters");
    if (!rows) return std::unexpected(rows.error());
    return rows->front().int64(0);
  });
}

}  // namespace reskflow::bus
