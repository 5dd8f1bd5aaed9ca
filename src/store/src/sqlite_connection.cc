// SQLite statements: the prepared-statement cache, binding our values, reading rows.
#include "sqlite_connection.h"

#include <charconv>
#include <optional>
#include <variant>

namespace reskflow::store::detail {

Error sqlite_error(sqlite3* connection, int rc, std::string_view sql) {
  const std::string message = connection ? sqlite3_errmsg(connection) : sqlite3_errstr(rc);
  const int primary = rc & 0xff;
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
    return Error{ErrorCode::storage_busy, "sqlite: " + message, {}};
  }
  if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY ||
      rc == SQLITE_CONSTRAINT_FOREIGNKEY) {
    return Error{ErrorCode::conflict, "sqlite: " + message, {}};
  }
  constexpr std::size_t sql_excerpt_chars_max = 200;
  return Error{ErrorCode::internal,
               "sqlite: " + message + " in: " + std::string(sql.substr(0, sql_excerpt_chars_max)),
               {}};
}

namespace {

Status check_arity(const Prepared& prepared, std::size_t values_count) {
  for (const std::size_t index : prepared.value_index) {
    if (index >= values_count) {
      return fail(ErrorCode::internal, "sql: $" + std::to_string(index + 1) + " but " +
                                           std::to_string(values_count) + " parameters given");
    }
  }
  return {};
}

// "$7" -> 6; anything else is not our placeholder syntax.
std::optional<std::size_t> placeholder_index(std::string_view name) {
  std::size_t number = 0;
  if (name.size() < 2 || name[0] != '$') return std::nullopt;
  const auto parsed = std::from_chars(name.data() + 1, name.data() + name.size(), number);
  if (parsed.ec != std::errc{} || parsed.ptr != name.data() + name.size() || number == 0) {
    return std::nullopt;
  }
  return number - 1;
}

int bind_value(sqlite3_stmt* statement, int index, const Value& value) {
  return std::visit(
      [&](const auto& v) -> int {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          return sqlite3_bind_null(statement, index);
        } else if constexpr (std::is_same_v<T, std::int64_t>) {
          return sqlite3_bind_int64(statement, index, v);
        } else if constexpr (std::is_same_v<T, double>) {
          return sqlite3_bind_double(statement, index, v);
        } else if constexpr (std::is_same_v<T, std::string>) {
          return sqlite3_bind_text64(statement, index, v.data(), v.size(), SQLITE_STATIC,
                                     SQLITE_UTF8);
        } else if constexpr (std::is_same_v<T, Blob>) {
          return sqlite3_bind_blob64(statement, index, v.data(), v.size(), SQLITE_STATIC);
        } else {
          return sqlite3_bind_int(statement, index, v ? 1 : 0);
        }
      },
      value);
}

Value column_value(sqlite3_stmt* statement, int column) {
  switch (sqlite3_column_type(statement, column)) {
    case SQLITE_INTEGER: return std::int64_t{sqlite3_column_int64(statement, column)};
    case SQLITE_FLOAT: return sqlite3_column_double(statement, column);
    case SQLITE_TEXT: {
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, column));
      return std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(statement, column)));
    }
    case SQLITE_BLOB: {
      const auto* bytes = static_cast<const std::byte*>(sqlite3_column_blob(statement, column));
      const auto size = static_cast<std::size_t>(sqlite3_column_bytes(statement, column));
      return Blob(bytes, bytes + size);
    }
    default: return std::monostate{};
  }
}

// Resets a statement after use so it can run again and holds no read lock.
struct StatementReset {
  sqlite3_stmt* statement;
  ~StatementReset() {
    sqlite3_reset(statement);
    sqlite3_clear_bindings(statement);
  }
};

}  // namespace

Result<Prepared*> SqliteConnection::prepare(std::string_view sql, std::size_t values_count) {
  if (auto found = statements_.find(std::string(sql)); found != statements_.end()) {
    if (auto status = check_arity(found->second, values_count); !status) {
      return std::unexpected(status.error());
    }
    return &found->second;
  }
  sqlite3_stmt* raw = nullptr;
  const char* tail = nullptr;
  const int rc = sqlite3_prepare_v3(get(), sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &raw, &tail);
  if (rc != SQLITE_OK) return std::unexpected(sqlite_error(get(), rc, sql));
  Prepared prepared{std::unique_ptr<sqlite3_stmt, SqliteStatementCloser>(raw), {}};
  const std::string_view rest(tail, static_cast<std::size_t>(sql.data() + sql.size() - tail));
  if (!raw || rest.find_first_not_of(" \t\r\n;") != std::string_view::npos) {
    return fail(ErrorCode::internal,
                "sql: one statement per query or exec (exec_script runs "
                "several), in: " +
                    std::string(sql));
  }
  const int count = sqlite3_bind_parameter_count(raw);
  for (int i = 1; i <= count; ++i) {
    const char* name = sqlite3_bind_parameter_name(raw, i);
    const auto index = placeholder_index(name ? name : "");
    if (!index) {
      return fail(ErrorCode::internal, "sql: use $1, $2, ... placeholders, not '" +
                                           std::string(name ? name : "?") +
                                           "' in: " + std::string(sql));
    }
    prepared.value_index.push_back(*index);
  }
  if (auto status = check_arity(prepared, values_count); !status) {
    return std::unexpected(status.error());
  }
  if (statements_.size() >= statement_cache_entries_max_) statements_.clear();
  auto [it, inserted] = statements_.insert_or_assign(std::string(sql), std::move(prepared));
  return &it->second;
}

Status SqliteConnection::run_plain(std::string_view sql) {
  const std::string text(sql);
  char* message = nullptr;
  const int rc = sqlite3_exec(get(), text.c_str(), nullptr, nullptr, &message);
  if (message) sqlite3_free(message);
  if (rc != SQLITE_OK) return std::unexpected(sqlite_error(get(), rc, sql));
  return {};
}

Status SqliteConnection::step_all(std::string_view sql, const Params& params, Rows* rows) {
  auto prepared = prepare(sql, params.size());
  if (!prepared) return std::unexpected(prepared.error());
  sqlite3_stmt* statement = (*prepared)->statement.get();
  const StatementReset reset{statement};
  const auto& value_index = (*prepared)->value_index;
  for (std::size_t i = 0; i < value_index.size(); ++i) {
    const int rc = bind_value(statement, static_cast<int>(i + 1), params[value_index[i]]);
    if (rc != SQLITE_OK) return std::unexpected(sqlite_error(get(), rc, sql));
  }
  const int width = sqlite3_column_count(statement);
  if (rows) {
    std::vector<std::string> names;
    for (int c = 0; c < width; ++c) names.emplace_back(sqlite3_column_name(statement, c));
    *rows = Rows(std::move(names));
  }
  for (;;) {
    const int rc = sqlite3_step(statement);
    if (rc == SQLITE_DONE) return {};
    if (rc != SQLITE_ROW) return std::unexpected(sqlite_error(get(), rc, sql));
    if (!rows) continue;
    for (int c = 0; c < width; ++c) rows->append(column_value(statement, c));
  }
}

Result<Rows> SqliteConnection::query(std::string_view sql, const Params& params) {
  Rows rows;
  if (auto status = step_all(sql, params, &rows); !status) return std::unexpected(status.error());
  return rows;
}

Result<std::int64_t> SqliteConnection::exec(std::string_view sql, const Params& params) {
  if (auto status = step_all(sql, params, nullptr); !status) {
    return std::unexpected(status.error());
  }
  return std::int64_t{sqlite3_changes64(get())};
}

}  // namespace reskflow::store::detail
