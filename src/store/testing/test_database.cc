// Scratch databases for tests: temp-dir SQLite files and throwaway PostgreSQL schemas.
#include "test_database.h"

#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "reskflow/store/uuid.h"

namespace reskflow::store::testing {
namespace {

constexpr const char* postgres_url_variable = "RESKFLOW_TEST_DATABASE_URL";

Result<std::unique_ptr<Database>> open_admin(const std::string& base_url) {
  return Database::open(base_url, DatabaseOptions{.postgres_connections_max = 1});
}

Status run_admin(const std::string& sql) {
  const char* base = std::getenv(postgres_url_variable);
  if (!base) return fail(ErrorCode::unavailable, std::string(postgres_url_variable) + " unset");
  auto admin = open_admin(base);
  if (!admin) return std::unexpected(admin.error());
  return (*admin)->write([&](Transaction& tx) { return tx.exec_script(sql); });
}

}  // namespace

std::string engine_test_name(const ::testing::TestParamInfo<Engine>& info) {
  return std::string(engine_name(info.param));
}

ScratchDatabase::ScratchDatabase(Engine engine, std::string url, std::string cleanup)
    : engine_(engine), url_(std::move(url)), cleanup_(std::move(cleanup)) {}

Result<std::unique_ptr<ScratchDatabase>> ScratchDatabase::create(Engine engine) {
  if (engine == Engine::sqlite) {
    std::string pattern = (std::filesystem::temp_directory_path() / "reskflow-store-XXXXXX");
    if (!mkdtemp(pattern.data())) return fail(ErrorCode::internal, "mkdtemp failed");
    return std::make_unique<ScratchDatabase>(engine, "sqlite:" + pattern + "/test.db", pattern);
  }
  const char* base = std::getenv(postgres_url_variable);
  if (!base || !*base) {
    return fail(ErrorCode::unavailable,
                std::string(postgres_url_variable) +
                    " is not set: PostgreSQL tests need a server. Run `url=$(scripts/pg-cluster.sh "
                    "start /tmp/pg)` and `export RESKFLOW_TEST_DATABASE_URL=$url` (make test "
                    "does this).");
  }
  std::string schema = "t_" + new_uuid_v7();
  std::erase(schema, '-');
  if (auto created = run_admin("CREATE SCHEMA " + schema); !created) {
    return std::unexpected(created.error());
  }
  std::string url = base;
  url += (url.find('?') == std::string::npos ? "?" : "&");
  url += "options=-csearch_path%3D" + schema;
  return std::make_unique<ScratchDatabase>(engine, url, schema);
}

ScratchDatabase::~ScratchDatabase() {
  if (engine_ == Engine::sqlite) {
    std::error_code ignored;
    std::filesystem::remove_all(cleanup_, ignored);
  } else {
    (void)run_admin("DROP SCHEMA " + cleanup_ + " CASCADE");
  }
}

Result<std::unique_ptr<Database>> ScratchDatabase::open(const DatabaseOptions& options) const {
  return Database::open(url_, options);
}

void EngineTest::SetUp() {
  auto scratch = ScratchDatabase::create(GetParam());
  ASSERT_TRUE(scratch) << scratch.error().detail;
  scratch_ = std::move(*scratch);
  auto db = scratch_->open();
  ASSERT_TRUE(db) << db.error().detail;
  db_ = std::move(*db);
}

void EngineTest::TearDown() {
  db_.reset();
  scratch_.reset();
}

}  // namespace reskflow::store::testing
