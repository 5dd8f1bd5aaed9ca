// SQL over orders_hold_releases: the holds orders still owe a release, and when to try again.
#include "repository.h"

namespace reskflow::orders::repository {

Status schedule_release(Transaction& tx, const HoldRelease& release, std::int64_t next_attempt_us) {
  RF_TRY(n, tx.exec("INSERT INTO orders_hold_releases (intent_id, order_id, attempts, "
                    "next_attempt_us, last_error) VALUES ($1, $2, $3, $4, '') "
                    "ON CONFLICT (intent_id) DO NOTHING",
                    {release.intent_id, release.order_id, release.attempts, next_attempt_us}));
  return {};
}

Result<std::vector<HoldRelease>> due_releases(Transaction& tx, std::int64_t now_us,
                                              std::int64_t limit) {
  RF_TRY(rows, tx.query("SELECT intent_id, order_id, attempts FROM orders_hold_releases "
                        "WHERE next_attempt_us <= $1 ORDER BY next_attempt_us, intent_id LIMIT $2",
                        {now_us, limit}));
  std::vector<HoldRelease> out;
  for (const auto r : *rows) out.push_back({r.text(0), r.text(1), r.int64(2)});
  return out;
}

Status release_done(Transaction& tx, std::string_view intent_id) {
  RF_TRY(n, tx.exec("DELETE FROM orders_hold_releases WHERE intent_id = $1",
                    {std::string(intent_id)}));
  return {};
}

Status release_failed(Transaction& tx, std::string_view intent_id, std::int64_t attempts,
                      std::int64_t next_attempt_us, std::string_view error) {
  RF_TRY(n, tx.exec("UPDATE orders_hold_releases SET attempts = $2, next_attempt_us = $3, "
                    "last_error = $4 WHERE intent_id = $1",
                    {std::string(intent_id), attempts, next_attempt_us, std::string(error)}));
  return {};
}

}  // namespace reskflow::orders::repository
