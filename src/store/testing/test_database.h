// Test support: the engines every storage test runs on, and a fresh database per test
// (a SQLite file in a temp dir, or a new schema in RESKFLOW_TEST_DATABASE_URL).
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "reskflow/store/database.h"

namespace reskflow::store::testing {

// Names the engine in test names: .../sqlite, .../postgres.
std::string engine_test_name(const ::testing::TestParamInfo<Engine>& info);

// An empty database that exists for the life of this object.
class ScratchDatabase {
 public:
  // Fails (not skips) for PostgreSQL when RESKFLOW_TEST_DATABASE_URL is unset.
  static Result<std::unique_ptr<ScratchDatabase>> create(Engine engine);
  // cleanup: the SQLite temp dir, or the PostgreSQL schema, removed at destruction.
  ScratchDatabase(Engine engine, std::string url, std::string cleanup);
  ScratchDatabase(const ScratchDatabase&) = delete;
  ScratchDatabase& operator=(const ScratchDatabase&) = delete;
  ~ScratchDatabase();

  // Opens another handle on the same data (another "process").
  Result<std::unique_ptr<Database>> open(const DatabaseOptions& options = {}) const;
  const std::string& url() const noexcept { return url_; }

 private:
  Engine engine_;
  std::string url_;
  std::string cleanup_;  // SQLite: the temp dir; PostgreSQL: the schema
};

// Fixture for TEST_P over both engines: db() is a fresh database.
class EngineTest : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override;
  void TearDown() override;
  Database& db() { return *db_; }
  ScratchDatabase& scratch() { return *scratch_; }
  Engine engine() const { return GetParam(); }

 private:
  std::unique_ptr<ScratchDatabase> scratch_;
  std::unique_ptr<Database> db_;
};

// INSTANTIATE_TEST_SUITE_P(Engines, Suite, RESKFLOW_ALL_ENGINES, engine_test_name);
#define RESKFLOW_ALL_ENGINES \
  ::testing::Values(::reskflow::store::Engine::sqlite, ::reskflow::store::Engine::postgres)

}  // namespace reskflow::store::testing
