// Fresh databases per test on both engines.
#include "engines.h"

#include <cstdlib>
#include <random>
#include <stdexcept>

#include "reskflow/store/database.h"

namespace reskflow::testing {

std::string engine_label(TestEngine engine) {
  return engine == TestEngine::sqlite ? "sqlite" : "postgres";
}

std::string fresh_database_url(TestEngine engine, const TempDir& dir) {
  if (engine == TestEngine::sqlite) return "sqlite:" + (dir.path() / "reskflow.db").string();
  const char* base = std::getenv("RESKFLOW_TEST_DATABASE_URL");
  if (base == nullptr || *base == '\0')
    throw std::runtime_error(
        "RESKFLOW_TEST_DATABASE_URL is not set: run `make test`, or start a cluster with "
        "scripts/pg-cluster.sh start DIR and export the URL it prints");
  std::random_device rd;
  const auto schema = "it_" + std::to_string(rd()) + std::to_string(rd());
  auto db = store::Database::open(base);
  if (!db) throw std::runtime_error("cannot open " + std::string(base) + ": " + db.error().detail);
  auto created = (*db)->write([&](store::Transaction& tx) -> Status {
    auto r = tx.exec("CREATE SCHEMA " + schema);
    if (!r) return std::unexpected(r.error());
    return {};
  });
  if (!created) throw std::runtime_error("cannot create schema: " + created.error().detail);
  const std::string url(base);
  return url + (url.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" +
         schema;
}

}  // namespace reskflow::testing
