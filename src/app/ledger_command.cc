// `reskflow ledger check`: opens the database without migrating it (a check changes nothing),
// runs the ledger's, payments' and orders' invariant queries and reports each violation on stderr.
#include "ledger_command.h"

#include <CLI/CLI.hpp>

#include <cstdio>

#include "reskflow/ledger/ledger.h"
#include "reskflow/orders/orders.h"
#include "reskflow/payments/payments.h"
#include "reskflow/store/database.h"
#include "reskflow/store/migrations.h"

namespace reskflow::app {
namespace {

constexpr int exit_violations = 1;
constexpr int exit_unchecked = 2;

// The ledger's own invariants, then payments' (captures and refunds against the entries) and
// orders' (each finished order's payment settled) when this database has their tables.
Result<std::vector<ledger::Violation>> violations_in(store::Database& db) {
  RF_TRY(found, ledger::check(db));
  const std::vector<store::MigrationSet> sets{payments::migrations(), orders::migrations()};
  RF_TRY(status, store::migration_status(db, sets));
  const auto migrated = [&](std::size_t i) {
    return i < status->modules.size() && status->modules[i].applied_version > 0;
  };
  if (!migrated(0)) return found;
  RF_TRY(payments_found, payments::check(db));
  found->insert(found->end(), payments_found->begin(), payments_found->end());
  if (!migrated(1)) return found;
  RF_TRY(orders_found, orders::check(db));
  found->insert(found->end(), orders_found->begin(), orders_found->end());
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
