// The outbox rows after a consumer's position (txid, id), as a condition each engine answers
// with a range of the outbox_position index, so that a consumer's read costs its batch whatever
// the backlog behind it. `(txid > $1 OR (txid = $1 AND id > $2))` reads the same rows but is
// planned as a scan from the lowest txid on both engines (SQLite 3.40 filters id row by row: a
// consumer 300,000 events behind the newest read 83 ms per batch of 100, instead of 0.3 ms).
#pragma once

#include <string>
#include <string_view>

#include "reskflow/store/database.h"

namespace reskflow::bus {

// PostgreSQL compares the row (txid, id). SQLite's rows all have txid 0 (001_outbox.sqlite.sql:
// one writer, ids in commit order) and a position is (0, id) or, before any event, (-1, 0): the
// range is on id within txid 0.
inline std::string after_position_sql(store::Engine engine, std::string_view alias,
                                      std::string_view txid, std::string_view id) {
  const std::string a(alias);
  if (engine == store::Engine::postgres) {
    return "(" + a + "txid, " + a + "id) > (" + std::string(txid) + ", " + std::string(id) + ")";
  }
  return a + "txid = MAX(" + std::string(txid) + ", 0) AND " + a + "id > " + std::string(id);
}

}  // namespace reskflow::bus
