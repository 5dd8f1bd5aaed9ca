// The PostgreSQL engine: libpq, a bounded connection pool, prepared statements per connection.
#include <libpq-fe.h>

#include <charconv>
#include <cmath>
#include <unordered_map>

#include "connection_pool.h"
#include "engine.h"

namespace reskflow::store::detail {
namespace {

// Type OIDs from pg_type.h (stable across versions).
constexpr Oid bool_oid = 16, bytea_oid = 17, int8_oid = 20, int2_oid = 21, int4_oid = 23,
              oid_oid = 26, float4_oid = 700, float8_oid = 701, numeric_oid = 1700;

struct ResultCloser {
  void operator()(PGresult* result) const noexcept { PQclear(result); }
};
using PgResult = std::unique_ptr<PGresult, ResultCloser>;

struct ConnectionCloser {
  void operator()(PGconn* connection) const noexcept { PQfinish(connection); }
};

void ignore_notice(void*, const char*) {}

Error connection_error(PGconn* connection, std::string_view what) {
  std::string message = connection ? PQerrorMessage(connection) : "out of memory";
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  return Error{ErrorCode::unavailable, "postgres: " + std::string(what) + ": " + message, {}};
}

// Maps a failed result to our codes: contention is retried, constraint violations are conflicts.
Error result_error(PGconn* connection, const PGresult* result, std::string_view sql) {
  if (!result || PQstatus(connection) != CONNECTION_OK) {
    return connection_error(connection, "connection lost");
  }
  const char* state = PQresultErrorField(result, PG_DIAG_SQLSTATE);
  const std::string_view sqlstate = state ? state : "";
  std::string message = PQresultErrorMessage(result);
  while (!message.empty() && message.back() == '\n') message.pop_back();
  message = "postgres " + std::string(sqlstate) + ": " + message;
  if (sqlstate == "40001" || sqlstate == "40P01") {
    return Error{ErrorCode::storage_busy, std::move(message), {}};
  }
  if (sqlstate == "23505" || sqlstate == "23503") {
    return Error{ErrorCode::conflict, std::move(message), {}};
  }
  if (sqlstate.substr(0, 2) == "08" || sqlstate.substr(0, 3) == "57P") {
    return Error{ErrorCode::unavailable, std::move(message), {}};
  }
  constexpr std::size_t sql_excerpt_chars_max = 200;
  return Error{ErrorCode::internal,
               message + " in: " + std::string(sql.substr(0, sql_excerpt_chars_max)),
               {}};
}

// Our values in libpq's text format (binary for bytea), with the type each one declares.
struct PgParams {
  std::vector<std::string> text;
  std::vector<const char*> values;
  std::vector<int> lengths;
  std::vector<int> formats;
  std::vector<Oid> types;
};

PgParams encode(const Params& params) {
  PgParams out;
  out.text.reserve(params.size());
  for (const Value& value : params) {
    Oid type = 0;
    int format = 0;
    if (const auto* i = std::get_if<std::int64_t>(&value)) {
      out.text.push_back(std::to_string(*i));
      type = int8_oid;
    } else if (const auto* d = std::get_if<double>(&value)) {
      char buffer[32];
      const auto end = std::to_chars(buffer, buffer + sizeof buffer, *d).ptr;
      out.text.emplace_back(buffer, end);
      type = float8_oid;
    } else if (const auto* b = std::get_if<bool>(&value)) {
      out.text.emplace_back(*b ? "t" : "f");
      type = bool_oid;
    } else if (const auto* blob = std::get_if<Blob>(&value)) {
      out.text.emplace_back(reinterpret_cast<const char*>(blob->data()), blob->size());
      type = bytea_oid;
      format = 1;
    } else if (const auto* s = std::get_if<std::string>(&value)) {
      out.text.push_back(*s);
    } else {
      out.text.emplace_back();
    }
    out.types.push_back(type);
    out.formats.push_back(format);
  }
  for (std::size_t i = 0; i < params.size(); ++i) {
    const bool null = std::holds_alternative<std::monostate>(params[i]);
    out.values.push_back(null ? nullptr : out.text[i].c_str());
    out.lengths.push_back(static_cast<int>(out.text[i].size()));
  }
  return out;
}

std::optional<int> hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return std::nullopt;
}

Value decode_bytea(std::string_view text) {
  Blob blob;
  if (text.substr(0, 2) != "\\x") return std::string(text);  // not hex output: leave as text
  for (std::size_t i = 2; i + 1 < text.size(); i += 2) {
    const auto high = hex_digit(text[i]);
    const auto low = hex_digit(text[i + 1]);
    if (!high || !low) return std::string(text);
    blob.push_back(static_cast<std::byte>(*high * 16 + *low));
  }
  return blob;
}

Value decode_number(std::string_view text, bool integer_wanted) {
  if (integer_wanted || text.find_first_of(".eEnN") == std::string_view::npos) {
    std::int64_t integer = 0;
    const auto parsed = std::from_chars(text.data(), text.data() + text.size(), integer);
    if (parsed.ec == std::errc{} && parsed.ptr == text.data() + text.size()) return integer;
  }
  double real = 0;
  const auto parsed = std::from_chars(text.data(), text.data() + text.size(), real);
  if (parsed.ec == std::errc{} && parsed.ptr == text.data() + text.size()) return real;
  return std::string(text);
}

Value decode(const PGresult* result, int row, int column) {
  if (PQgetisnull(result, row, column)) return std::monostate{};
  const std::string_view text(PQgetvalue(result, row, column),
                              static_cast<std::size_t>(PQgetlength(result, row, column)));
  switch (PQftype(result, column)) {
    case int2_oid:
    case int4_oid:
    case int8_oid:
    case oid_oid: return decode_number(text, true);
    case float4_oid:
    case float8_oid:
    case numeric_oid: return decode_number(text, false);
    case bool_oid: return text == "t";
    case bytea_oid: return decode_bytea(text);
    default: return std::string(text);
  }
}

class PgConnection {
 public:
  PgConnection(PGconn* connection, std::size_t statement_cache_entries_max)
      : connection_(connection), statement_cache_entries_max_(statement_cache_entries_max) {}
  PGconn* get() const noexcept { return connection_.get(); }
  bool healthy() const noexcept { return PQstatus(get()) == CONNECTION_OK; }

  Result<PgResult> run(std::string_view sql, const Params& params);
  Result<PgResult> run_plain(std::string_view sql);

 private:
  Result<const std::string*> prepared_name(std::string_view sql, const PgParams& params);

  std::unique_ptr<PGconn, ConnectionCloser> connection_;
  std::size_t statement_cache_entries_max_;
  std::unordered_map<std::string, std::string> statements_;  // sql + types -> statement name
  std::uint64_t statements_prepared_ = 0;
};

Result<PgResult> check(PGconn* connection, PGresult* raw, std::string_view sql) {
  PgResult result(raw);
  const auto status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return result;
  return std::unexpected(result_error(connection, result.get(), sql));
}

Result<const std::string*> PgConnection::prepared_name(std::string_view sql,
                                                       const PgParams& params) {
  std::string key(sql);
  key.push_back('\0');
  for (const Oid type : params.types) key += std::to_string(type) + ",";
  if (auto found = statements_.find(key); found != statements_.end()) return &found->second;
  if (statements_.size() >= statement_cache_entries_max_) {
    if (auto cleared = run_plain("DEALLOCATE ALL"); !cleared) {
      return std::unexpected(cleared.error());
    }
    statements_.clear();
  }
  std::string name = "rf" + std::to_string(++statements_prepared_);
  const std::string text(sql);
  auto prepared = check(get(),
                        PQprepare(get(), name.c_str(), text.c_str(),
                                  static_cast<int>(params.types.size()), params.types.data()),
                        sql);
  if (!prepared) return std::unexpected(prepared.error());
  auto [it, inserted] = statements_.emplace(std::move(key), std::move(name));
  return &it->second;
}

Result<PgResult> PgConnection::run(std::string_view sql, const Params& params) {
  const PgParams encoded = encode(params);
  auto name = prepared_name(sql, encoded);
  if (!name) return std::unexpected(name.error());
  return check(
      get(),
      PQexecPrepared(get(), (*name)->c_str(), static_cast<int>(params.size()),
                     encoded.values.data(), encoded.lengths.data(), encoded.formats.data(), 0),
      sql);
}

Result<PgResult> PgConnection::run_plain(std::string_view sql) {
  const std::string text(sql);
  return check(get(), PQexec(get(), text.c_str()), sql);
}

using Lease = ConnectionPool<PgConnection>::Lease;

class PgTransaction final : public EngineTransaction {
 public:
  PgTransaction(Lease lease, bool read_only)
      : EngineTransaction(Engine::postgres, read_only), lease_(std::move(lease)) {}
  ~PgTransaction() override { rollback(); }

  Status start(Isolation isolation) {
    const char* sql = read_only() ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
                      : isolation == Isolation::serializable
                          ? "BEGIN ISOLATION LEVEL SERIALIZABLE"
                          : "BEGIN ISOLATION LEVEL READ COMMITTED";
    return settle(lease_->run_plain(sql));
  }
  Status commit() override { return settle(lease_->run_plain("COMMIT")); }
  void rollback() noexcept override;

 private:
  Result<Rows> run_query(std::string_view sql, const Params& params) override;
  Result<std::int64_t> run_exec(std::string_view sql, const Params& params) override;
  Status run_script(std::string_view sql) override { return settle(lease_->run_plain(sql)); }
  Status settle(const Result<PgResult>& result) {
    if (result) return {};
    if (!lease_->healthy()) broken_ = true;
    return std::unexpected(result.error());
  }

  Lease lease_;
  bool broken_ = false;
};

void PgTransaction::rollback() noexcept {
  if (broken_ || !lease_->healthy()) {
    lease_.discard();
    return;
  }
  const auto state = PQtransactionStatus(lease_->get());
  if (state == PQTRANS_IDLE) return;
  if (state != PQTRANS_INTRANS && state != PQTRANS_INERROR) {
    lease_.discard();
    return;
  }
  if (!lease_->run_plain("ROLLBACK")) lease_.discard();
}

Result<Rows> PgTransaction::run_query(std::string_view sql, const Params& params) {
  auto result = lease_->run(sql, params);
  if (!result) {
    (void)settle(result);
    return std::unexpected(result.error());
  }
  const PGresult* res = result->get();
  const int width = PQnfields(res);
  std::vector<std::string> names;
  for (int c = 0; c < width; ++c) names.emplace_back(PQfname(res, c));
  Rows rows(std::move(names));
  const int height = PQntuples(res);
  for (int r = 0; r < height; ++r) {
    for (int c = 0; c < width; ++c) rows.append(decode(res, r, c));
  }
  return rows;
}

Result<std::int64_t> PgTransaction::run_exec(std::string_view sql, const Params& params) {
  auto result = lease_->run(sql, params);
  if (!result) {
    (void)settle(result);
    return std::unexpected(result.error());
  }
  const std::string_view tuples = PQcmdTuples(result->get());
  std::int64_t affected = 0;
  std::from_chars(tuples.data(), tuples.data() + tuples.size(), affected);
  return affected;
}

class PgDatabase final : public Database {
 public:
  PgDatabase(std::string url, const DatabaseOptions& options)
      : Database(Engine::postgres, options),
        url_(std::move(url)),
        pool_(options.postgres_connections_max, options.pool_wait_timeout_ms,
              [this] { return connect(); }) {}

  Status check_reachable() {
    auto lease = pool_.acquire();
    if (!lease) return std::unexpected(lease.error());
    return {};
  }

 private:
  Result<std::unique_ptr<EngineTransaction>> begin(Access access, Isolation isolation) override {
    auto lease = pool_.acquire();
    if (!lease) return std::unexpected(lease.error());
    auto tx = std::make_unique<PgTransaction>(std::move(*lease), access == Access::read_only);
    if (auto status = tx->start(isolation); !status) return std::unexpected(status.error());
    return tx;
  }
  Result<std::unique_ptr<PgConnection>> connect();

  std::string url_;
  ConnectionPool<PgConnection> pool_;
};

Result<std::unique_ptr<PgConnection>> PgDatabase::connect() {
  const std::string timeout = std::to_string(options().postgres_connect_timeout_s.count());
  const char* keywords[] = {"dbname", "connect_timeout", "application_name", nullptr};
  const char* values[] = {url_.c_str(), timeout.c_str(), "reskflow", nullptr};
  auto connection = std::make_unique<PgConnection>(PQconnectdbParams(keywords, values, 1),
                                                   options().statement_cache_entries_max);
  if (!connection->get() || !connection->healthy()) {
    return std::unexpected(connection_error(connection->get(), "cannot connect"));
  }
  PQsetNoticeProcessor(connection->get(), ignore_notice, nullptr);
  if (auto utc = connection->run_plain("SET TIME ZONE 'UTC'"); !utc) {
    return std::unexpected(utc.error());
  }
  return connection;
}

}  // namespace

Result<std::unique_ptr<Database>> open_postgres(const std::string& url,
                                                const DatabaseOptions& options) {
  auto db = std::make_unique<PgDatabase>(url, options);
  if (auto status = db->check_reachable(); !status) return std::unexpected(status.error());
  return db;
}

}  // namespace reskflow::store::detail
