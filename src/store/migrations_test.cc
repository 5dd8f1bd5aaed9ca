// Migrations on both engines: once, in order, per-engine overrides, refusals, concurrency.
#include "reskflow/store/migrations.h"

#include <gtest/gtest.h>

#include <array>
#include <thread>

#include "test_database.h"

std::span<const reskflow::store::EmbeddedFile> reskflow_migrations_store_test_embedded();

namespace reskflow::store {
namespace {

using testing::EngineTest;

constexpr std::array<EmbeddedFile, 3> notes_v3{{
    {"001_init.sql",
     "CREATE TABLE note (id BIGINT PRIMARY KEY, body TEXT NOT NULL);"
     "CREATE TABLE applied_log (what TEXT NOT NULL);"
     "INSERT INTO applied_log VALUES ('001');"},
    {"002_first.sql",
     "INSERT INTO note VALUES (1, 'first');"
     "INSERT INTO applied_log VALUES ('002');"},
    // Needs 002 to have run before it: order matters.
    {"003_second.sql",
     "UPDATE note SET body = body || '+second' WHERE id = 1;"
     "INSERT INTO applied_log VALUES ('003');"},
}};

Result<std::vector<std::string>> column_strings(Database& db, std::string_view sql) {
  return db.read([&](Transaction& tx) -> Result<std::vector<std::string>> {
    auto rows = tx.query(sql);
    if (!rows) return std::unexpected(rows.error());
    std::vector<std::string> out;
    for (const Row row : *rows) out.push_back(row.text(0));
    return out;
  });
}

class MigrationsTest : public EngineTest {};

TEST_P(MigrationsTest, AppliesEachFileOnceInOrder) {
  const std::array sets{MigrationSet{"notes", notes_v3}};
  for (int run = 0; run < 2; ++run) {
    auto status = migrate(db(), sets);
    ASSERT_TRUE(status) << status.error().detail;
    EXPECT_TRUE(status->current());
    EXPECT_EQ(status->modules.at(0).applied_version, 3);
  }
  EXPECT_EQ(column_strings(db(), "SELECT body FROM note").value(),
            std::vector<std::string>{"first+second"});
  EXPECT_EQ(column_strings(db(), "SELECT what FROM applied_log ORDER BY what").value(),
            (std::vector<std::string>{"001", "002", "003"}));
  EXPECT_EQ(column_strings(db(),
                           "SELECT name FROM schema_migrations WHERE module = 'notes' "
                           "ORDER BY version")
                .value(),
            (std::vector<std::string>{"init", "first", "second"}));
}

TEST_P(MigrationsTest, StatusTellsWhatIsPendingWithoutApplyingIt) {
  const std::array old_sets{MigrationSet{"notes", std::span(notes_v3).first(1)}};
  ASSERT_TRUE(migrate(db(), old_sets));
  const std::array sets{MigrationSet{"notes", notes_v3}};
  auto status = migration_status(db(), sets);
  ASSERT_TRUE(status) << status.error().detail;
  EXPECT_FALSE(status->current());
  EXPECT_EQ(status->modules.at(0).applied_version, 1);
  EXPECT_EQ(status->modules.at(0).pending, (std::vector<std::int64_t>{2, 3}));
  EXPECT_EQ(column_strings(db(), "SELECT what FROM applied_log").value().size(), 1u);
}

TEST_P(MigrationsTest, EngineOverrideReplacesThePlainFile) {
  const std::array sets{
      MigrationSet{"store_test_embedded", reskflow_migrations_store_test_embedded()}};
  auto status = migrate(db(), sets);
  ASSERT_TRUE(status) << status.error().detail;
  EXPECT_EQ(column_strings(db(), "SELECT body FROM embedded_note").value(),
            std::vector<std::string>{std::string(engine_name(engine()))});
}

TEST_P(MigrationsTest, RefusesADatabaseNewerThanTheBinary) {
  const std::array sets{MigrationSet{"notes", notes_v3}};
  ASSERT_TRUE(migrate(db(), sets));
  const std::array older{MigrationSet{"notes", std::span(notes_v3).first(2)}};
  auto refused = migrate(db(), older);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::schema_too_new);
  auto status = migration_status(db(), older);
  ASSERT_TRUE(status);
  EXPECT_TRUE(status->modules.at(0).too_new());
  EXPECT_FALSE(status->current());
}

TEST_P(MigrationsTest, FailingFileRollsBackAndStops) {
  constexpr std::array<EmbeddedFile, 3> files{{
      {"001_init.sql", "CREATE TABLE good (id BIGINT);"},
      {"002_broken.sql", "CREATE TABLE half (id BIGINT); INSERT INTO missing_table VALUES (1);"},
      {"003_never.sql", "CREATE TABLE never (id BIGINT);"},
  }};
  const std::array sets{MigrationSet{"broken", files}};
  auto failed = migrate(db(), sets);
  ASSERT_FALSE(failed);
  EXPECT_NE(failed.error().detail.find("002_broken"), std::string::npos);
  auto status = migration_status(db(), sets);
  ASSERT_TRUE(status);
  EXPECT_EQ(status->modules.at(0).applied_version, 1);
  EXPECT_FALSE(db().read([](Transaction& tx) { return tx.query("SELECT * FROM half"); }));
}

TEST_P(MigrationsTest, RejectsMalformedSets) {
  constexpr std::array<EmbeddedFile, 1> unnamed{{{"init.sql", "SELECT 1;"}}};
  constexpr std::array<EmbeddedFile, 1> only_other_engine{{{"001_x.postgres.sql", "SELECT 1;"}}};
  constexpr std::array<EmbeddedFile, 2> two_names{{{"001_a.sql", ""}, {"001_b.sql", ""}}};
  for (const auto files :
       {std::span<const EmbeddedFile>(unnamed), std::span<const EmbeddedFile>(two_names)}) {
    const std::array sets{MigrationSet{"bad", files}};
    auto result = migrate(db(), sets);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::internal);
  }
  const std::array sets{MigrationSet{"bad", only_other_engine}};
  EXPECT_EQ(migrate(db(), sets).has_value(), engine() == Engine::postgres);
}

TEST_P(MigrationsTest, RenamedAppliedVersionIsAnError) {
  ASSERT_TRUE(migrate(db(), std::array{MigrationSet{"notes", notes_v3}}));
  constexpr std::array<EmbeddedFile, 1> renamed{{{"001_other.sql", "SELECT 1;"}}};
  auto result = migration_status(db(), std::array{MigrationSet{"notes", renamed}});
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::internal);
}

TEST_P(MigrationsTest, TwoNodesStartingTogetherApplyEachFileOnce) {
  auto other = scratch().open();
  ASSERT_TRUE(other);
  const std::array sets{MigrationSet{"notes", notes_v3}};
  Result<MigrationStatus> first, second;
  std::thread node([&] { second = migrate(**other, sets); });
  first = migrate(db(), sets);
  node.join();
  ASSERT_TRUE(first) << first.error().detail;
  ASSERT_TRUE(second) << second.error().detail;
  EXPECT_EQ(column_strings(db(), "SELECT what FROM applied_log ORDER BY what").value(),
            (std::vector<std::string>{"001", "002", "003"}));
}

INSTANTIATE_TEST_SUITE_P(Engines, MigrationsTest, RESKFLOW_ALL_ENGINES, testing::engine_test_name);

}  // namespace
}  // namespace reskflow::store
