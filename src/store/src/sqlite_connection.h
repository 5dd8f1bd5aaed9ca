// A SQLite connection with its cache of prepared statements, and the one way statements run on
// it ($N placeholders, typed values, errors mapped to our codes). Private to reskflow_store.
#pragma once

#include <sqlite3.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "reskflow/core/errors.h"
#include "reskflow/store/value.h"

namespace reskflow::store::detail {

struct SqliteStatementCloser {
  void operator()(sqlite3_stmt* statement) const noexcept { sqlite3_finalize(statement); }
};
struct SqliteConnectionCloser {
  void operator()(sqlite3* connection) const noexcept { sqlite3_close_v2(connection); }
};

// A prepared statement and, for each of its parameters, which of our $N values it takes.
struct Prepared {
  std::unique_ptr<sqlite3_stmt, SqliteStatementCloser> statement;
  std::vector<std::size_t> value_index;
};

Error sqlite_error(sqlite3* connection, int rc, std::string_view sql);

class SqliteConnection {
 public:
  SqliteConnection(sqlite3* connection, std::size_t statement_cache_entries_max)
      : connection_(connection), statement_cache_entries_max_(statement_cache_entries_max) {}

  sqlite3* get() const noexcept { return connection_.get(); }
  // No transaction open: none was begun, or SQLite ended it itself after an error.
  bool autocommit() const noexcept { return sqlite3_get_autocommit(get()) != 0; }

  // Runs statements without parameters or results (BEGIN, COMMIT, SAVEPOINT, scripts).
  Status run_plain(std::string_view sql);
  // Runs one statement: its rows (query) or the number of rows it changed (exec).
  Result<Rows> query(std::string_view sql, const Params& params);
  Result<std::int64_t> exec(std::string_view sql, const Params& params);

 private:
  Result<Prepared*> prepare(std::string_view sql, std::size_t values_count);
  Status step_all(std::string_view sql, const Params& params, Rows* rows);

  std::unique_ptr<sqlite3, SqliteConnectionCloser> connection_;
  std::size_t statement_cache_entries_max_;
  std::unordered_map<std::string, Prepared> statements_;
};

}  // namespace reskflow::store::detail
