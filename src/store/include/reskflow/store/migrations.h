// Per-module numbered migrations (001_init.sql, 002_x.postgres.sql, ...) run at start-up.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "reskflow/core/errors.h"
#include "reskflow/store/database.h"
#include "reskflow/store/embedded_file.h"

namespace reskflow::store {

// One module's migration files, usually `{"orders", reskflow_migrations_orders()}` from
// reskflow_embed_migrations. File names are NNN_name.sql; NNN_name.postgres.sql or
// NNN_name.sqlite.sql replace the plain file of the same version on that engine.
struct MigrationSet {
  std::string_view module;
  std::span<const EmbeddedFile> files;
};

struct ModuleMigrationStatus {
  std::string module;
  std::int64_t applied_version = 0;   // 0: nothing applied yet
  std::int64_t known_version = 0;     // highest version this binary has
  std::vector<std::int64_t> pending;  // known but not applied, in order
  bool too_new() const noexcept { return applied_version > known_version; }
};

struct MigrationStatus {
  std::vector<ModuleMigrationStatus> modules;
  // Every module is at the binary's version: nothing pending, nothing newer.
  bool current() const noexcept;
};

// Applies every pending migration of every set, in the order given, each file in its own
// transaction together with its schema_migrations row. Idempotent; on PostgreSQL concurrent
// callers (two nodes starting) serialise on an advisory lock, so nothing runs twice. Fails with
// ErrorCode::schema_too_new when the database has a version of a module this binary lacks, and
// with ErrorCode::internal for a malformed set (bad name, duplicate version, a version with no
// file for this engine) or when an applied version's name differs from the binary's.
Result<MigrationStatus> migrate(Database& db, std::span<const MigrationSet> sets);

// What migrate would do, without changing anything.
Result<MigrationStatus> migration_status(Database& db, std::span<const MigrationSet> sets);

}  // namespace reskflow::store
