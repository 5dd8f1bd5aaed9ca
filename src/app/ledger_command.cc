// `reskflow ledger check`: opens the database without migrating it (a check changes nothing),
// runs the ledger's invariant queries and reports each violation on stderr.
#include "ledger_command.h"

#include <CLI/CLI.hpp>

#include <cstdio>

#include "reskflow/ledger/ledger.h"
#include "reskflow/payments/payments.h"
#include "reskflow/store/database.h"
#include "reskflow/store/migrations.h"

namespace reskflow::app {
namespace {

constexpr int exit_violations = 1;
constexpr int exit_unchecked = 2;

// The ledger's own invariants, then payments' (captures and refunds against the entries) when
// this database has the payments tables.
Result<std::vector<ledger::Violation>> violations_in(store::Database& db) {
  RF_TRY(found, ledger::check(db));
  const std::vector<store::MigrationSet> sets{payments::migrations()};
  RF_TRY(status, store::migration_status(db, sets));
  if (status->modules.empty() || status->modules[0].applied_version == 0) return found;
  RF_TRY(payments_found, payments::check(db));
  found->insert(found->end(), payments_found->begin(), payments_found->end());
  return found;
}

int check_ledger(const Config& config) {
  if (auto ok = validate(config); !ok) {
    std::fprintf(stderr, "reskflow: ledger check: %s\n", ok.error().detail.c_str());
    return exit_unchecked;
  }
  auto db = store::Database::open(config.database_url);
  if (!db) {
    std::fprintf(stderr, "reskflow: ledger check: %s\n", db.error().detail.c_str());
    return exit_unchecked;
  }
  auto violations = violations_in(**db);
  if (!violations) {
    std::fprintf(stderr, "reskflow: ledger check could not run: %s\n",
                 violations.error().detail.c_str());
    return exit_unchecked;
  }
  for (const auto& v : *violations)
    std::fprintf(stderr, "violation: %s: %s\n", v.invariant.c_str(), v.detail.c_str());
  if (!violations->empty()) {
    std::fprintf(stderr, "ledger check: %zu violations\n", violations->size());
    return exit_violations;
  }
  std::printf("ledger check: every invariant holds\n");
  return 0;
}

}  // namespace

void add_ledger_commands(CLI::App& app, Config& config) {
  auto* ledger = app.add_subcommand("ledger", "Inspect the double-entry ledger");
  ledger->require_subcommand(1);
  auto* check = ledger->add_subcommand(
      "check",
      "Verify the ledger's invariants; exit 1 naming each violation, 2 when it cannot run");
  bind_common_options(*check, config);
  check->callback([&config] {
    if (const int code = check_ledger(config); code != 0) throw CLI::RuntimeError(code);
  });
}

}  // namespace reskflow::app
