// The migrations runner: picks each version's file for the engine, applies what is pending.
#include "reskflow/store/migrations.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>

#include "reskflow/store/uuid.h"

namespace reskflow::store {
namespace {

// Any constant works; it only has to be the same in every node of one deployment.
constexpr std::int64_t migration_lock_key = 7'240'915'266'001;

struct Migration {
  std::int64_t version = 0;
  std::string name;
  std::string_view text;
  std::string_view file;
};

struct ParsedName {
  std::int64_t version = 0;
  std::string name;
  std::optional<Engine> engine;  // set for NNN_name.<engine>.sql
};

bool strip_suffix(std::string_view& text, std::string_view suffix) {
  if (text.size() < suffix.size() || text.substr(text.size() - suffix.size()) != suffix) {
    return false;
  }
  text.remove_suffix(suffix.size());
  return true;
}

Result<ParsedName> parse_name(std::string_view module, std::string_view file) {
  ParsedName parsed;
  std::string_view rest = file;
  const auto bad = [&](std::string_view why) {
    return fail(ErrorCode::internal, "migration " + std::string(module) + "/" + std::string(file) +
                                         ": " + std::string(why));
  };
  if (!strip_suffix(rest, ".sql")) return bad("name must end in .sql");
  if (strip_suffix(rest, ".postgres"))
    parsed.engine = Engine::postgres;
  else if (strip_suffix(rest, ".sqlite"))
    parsed.engine = Engine::sqlite;
  const auto digits = std::from_chars(rest.data(), rest.data() + rest.size(), parsed.version);
  if (digits.ec != std::errc{} || parsed.version <= 0 || rest.front() < '0' || rest.front() > '9') {
    return bad("name must start with a version number > 0 (001_init.sql)");
  }
  rest.remove_prefix(static_cast<std::size_t>(digits.ptr - rest.data()));
  if (rest.size() < 2 || rest.front() != '_') return bad("expected NNN_name.sql");
  parsed.name = std::string(rest.substr(1));
  return parsed;
}

// The files this engine runs for one module, by version: the override when there is one.
Result<std::vector<Migration>> plan(const MigrationSet& set, Engine engine) {
  std::map<std::int64_t, Migration> plain, chosen;
  std::map<std::int64_t, std::string> names;
  for (const EmbeddedFile& file : set.files) {
    auto parsed = parse_name(set.module, file.name);
    if (!parsed) return std::unexpected(parsed.error());
    auto [name, fresh] = names.emplace(parsed->version, parsed->name);
    if (!fresh && name->second != parsed->name) {
      return fail(ErrorCode::internal, "migration " + std::string(set.module) + " version " +
                                           std::to_string(parsed->version) + " has two names");
    }
    Migration migration{parsed->version, parsed->name, file.text, file.name};
    if (!parsed->engine) {
      if (!plain.emplace(parsed->version, migration).second) {
        return fail(ErrorCode::internal, "migration " + std::string(set.module) + ": duplicate " +
                                             std::string(file.name));
      }
    } else if (*parsed->engine == engine) {
      chosen[parsed->version] = migration;
    }
  }
  for (auto& [version, migration] : plain) chosen.try_emplace(version, migration);
  for (const auto& [version, name] : names) {
    if (!chosen.contains(version)) {
      return fail(ErrorCode::internal, "migration " + std::string(set.module) + " version " +
                                           std::to_string(version) + " has no file for " +
                                           std::string(engine_name(engine)));
    }
  }
  std::vector<Migration> out;
  for (auto& [version, migration] : chosen) out.push_back(std::move(migration));
  return out;
}

Status lock_migrations(Transaction& tx) {
  if (tx.engine() != Engine::postgres) return {};  // SQLite: BEGIN IMMEDIATE already excludes
  auto locked = tx.query("SELECT pg_advisory_xact_lock($1)", {migration_lock_key});
  if (!locked) return std::unexpected(locked.error());
  return {};
}

constexpr std::string_view create_table_sql =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " module TEXT NOT NULL, version BIGINT NOT NULL, name TEXT NOT NULL,"
    " applied_at_us BIGINT NOT NULL, PRIMARY KEY (module, version))";

Result<bool> table_exists(Transaction& tx) {
  const std::string_view sql =
      tx.engine() == Engine::postgres
          ? "SELECT to_regclass('schema_migrations') IS NOT NULL"
          : "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND "
            "name = 'schema_migrations'";
  auto rows = tx.query(sql);
  if (!rows) return std::unexpected(rows.error());
  return rows->front().boolean(0);
}

using Applied = std::map<std::int64_t, std::string>;  // version -> name

Result<Applied> read_applied(Transaction& tx, std::string_view module) {
  auto rows = tx.query("SELECT version, name FROM schema_migrations WHERE module = $1",
                       {std::string(module)});
  if (!rows) return std::unexpected(rows.error());
  Applied applied;
  for (const Row row : *rows) applied.emplace(row.int64(0), row.text(1));
  return applied;
}

Result<ModuleMigrationStatus> compare(std::string_view module, const std::vector<Migration>& known,
                                      const Applied& applied) {
  ModuleMigrationStatus status{std::string(module), 0, 0, {}};
  if (!applied.empty()) status.applied_version = applied.rbegin()->first;
  if (!known.empty()) status.known_version = known.back().version;
  for (const Migration& migration : known) {
    const auto found = applied.find(migration.version);
    if (found == applied.end()) {
      status.pending.push_back(migration.version);
    } else if (found->second != migration.name) {
      return fail(ErrorCode::internal, "migration " + std::string(module) + " version " +
                                           std::to_string(migration.version) + " is '" +
                                           found->second + "' in the database but '" +
                                           migration.name + "' in this binary");
    }
  }
  return status;
}

Status refuse_too_new(const MigrationStatus& status) {
  for (const ModuleMigrationStatus& module : status.modules) {
    if (!module.too_new()) continue;
    return fail(ErrorCode::schema_too_new, "database has " + module.module + " migration " +
                                               std::to_string(module.applied_version) +
                                               " but this binary knows only up to " +
                                               std::to_string(module.known_version));
  }
  return {};
}

// Applies one migration unless another node did while we waited for the lock.
Status apply(Database& db, std::string_view module, const Migration& migration) {
  return db.write(WriteOptions{Isolation::read_committed}, [&](Transaction& tx) -> Status {
    if (auto locked = lock_migrations(tx); !locked) return locked;
    auto done = tx.query("SELECT 1 FROM schema_migrations WHERE module = $1 AND version = $2",
                         {std::string(module), migration.version});
    if (!done) return std::unexpected(done.error());
    if (!done->empty()) return {};
    if (auto ran = tx.exec_script(migration.text); !ran) {
      auto error = ran.error();
      error.detail = "migration " + std::string(module) + "/" + std::string(migration.file) + ": " +
                     error.detail;
      return std::unexpected(std::move(error));
    }
    auto recorded = tx.exec(
        "INSERT INTO schema_migrations (module, version, name, applied_at_us) "
        "VALUES ($1, $2, $3, $4)",
        {std::string(module), migration.version, migration.name, unix_now_us()});
    if (!recorded) return std::unexpected(recorded.error());
    return {};
  });
}

Result<std::vector<std::vector<Migration>>> plan_all(Engine engine,
                                                     std::span<const MigrationSet> sets) {
  std::vector<std::vector<Migration>> plans;
  std::set<std::string_view> modules;
  for (const MigrationSet& set : sets) {
    if (!modules.insert(set.module).second) {
      return fail(ErrorCode::internal, "migration module listed twice: " + std::string(set.module));
    }
    auto one = plan(set, engine);
    if (!one) return std::unexpected(one.error());
    plans.push_back(std::move(*one));
  }
  return plans;
}

}  // namespace

bool MigrationStatus::current() const noexcept {
  return std::all_of(modules.begin(), modules.end(), [](const ModuleMigrationStatus& m) {
    return m.pending.empty() && !m.too_new();
  });
}

Result<MigrationStatus> migration_status(Database& db, std::span<const MigrationSet> sets) {
  auto plans = plan_all(db.engine(), sets);
  if (!plans) return std::unexpected(plans.error());
  return db.read([&](Transaction& tx) -> Result<MigrationStatus> {
    auto exists = table_exists(tx);
    if (!exists) return std::unexpected(exists.error());
    MigrationStatus status;
    for (std::size_t i = 0; i < sets.size(); ++i) {
      Applied applied;
      if (*exists) {
        auto read = read_applied(tx, sets[i].module);
        if (!read) return std::unexpected(read.error());
        applied = std::move(*read);
      }
      auto module = compare(sets[i].module, (*plans)[i], applied);
      if (!module) return std::unexpected(module.error());
      status.modules.push_back(std::move(*module));
    }
    return status;
  });
}

Result<MigrationStatus> migrate(Database& db, std::span<const MigrationSet> sets) {
  auto plans = plan_all(db.engine(), sets);
  if (!plans) return std::unexpected(plans.error());
  auto created = db.write(WriteOptions{Isolation::read_committed}, [](Transaction& tx) -> Status {
    if (auto locked = lock_migrations(tx); !locked) return locked;
    return tx.exec_script(create_table_sql);
  });
  if (!created) return std::unexpected(created.error());
  auto before = migration_status(db, sets);  // refuses schema_too_new before changing anything
  if (!before) return std::unexpected(before.error());
  if (auto refused = refuse_too_new(*before); !refused) return std::unexpected(refused.error());
  for (std::size_t i = 0; i < sets.size(); ++i) {
    for (const Migration& migration : (*plans)[i]) {
      const auto& pending = before->modules[i].pending;
      if (std::find(pending.begin(), pending.end(), migration.version) == pending.end()) continue;
      if (auto applied = apply(db, sets[i].module, migration); !applied) {
        return std::unexpected(applied.error());
      }
    }
  }
  return migration_status(db, sets);
}

}  // namespace reskflow::store
